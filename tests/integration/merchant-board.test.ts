/** 《市容环境卫生责任牌》 from real data: the QR decodes to the merchant page, every glyph is in the font, a PDF at size, ETags. */
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { merchants } from '@/lib/db/schema';
import { QR_MIN_WIDTH_MM } from '@/lib/domain/signboard';
import {
  getMerchantBoardFile,
  loadMerchantBoard,
  merchantBoardLayout,
  merchantBoardSize,
  merchantUrl,
  MERCHANT_PREVIEW_WIDTH,
  renderMerchantBoardSvg,
} from '@/lib/signboards/merchant-board';
import { svgToPng } from '@/lib/signboards/render';
import { openTestDb, type TestDb } from '../fixtures/db';

let t: TestDb;
let code: string;
beforeAll(async () => {
  t = await openTestDb();
  const [m] = await t.db.select({ code: merchants.code }).from(merchants).where(eq(merchants.active, true)).orderBy(asc(merchants.id)).limit(1);
  code = m!.code;
});
afterAll(() => t?.close());

async function decodeQr(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

describe('merchant 责任牌', () => {
  it('carries the merchant, its area, the 门前三包 duties, the segment’s chiefs and hotline', async () => {
    const board = (await loadMerchantBoard(t.db, { code }))!;
    const [m] = await t.db.select().from(merchants).where(eq(merchants.code, code));
    expect(board.merchantName).toBe(m!.name);
    expect(board.area).toContain(m!.address);
    expect(board.duties.map((d) => d.title)).toEqual(['包自我管理', '包义务履行', '包互动参与']);
    expect(board.chiefs.length).toBeGreaterThan(0);
    expect(board.chiefs[0]!.phone).not.toBe('');
    expect(board.hotline).not.toBe('');
    expect(board.qrUrl).toBe(`http://localhost:3000/m/${code}`);
  });

  it('has a QR that decodes to /m/{code}, from the PNG and from a downscaled JPEG', async () => {
    const board = (await loadMerchantBoard(t.db, { code }))!;
    const png = await svgToPng(await renderMerchantBoardSvg(board, await merchantBoardSize(t.db)), MERCHANT_PREVIEW_WIDTH);
    expect(await decodeQr(png)).toBe(merchantUrl(code));
    const jpeg = await sharp(png).resize({ width: 600 }).jpeg({ quality: 60 }).toBuffer();
    expect(await decodeQr(jpeg)).toBe(merchantUrl(code));
  });

  it('prints the QR at least 3 cm wide and sets every character in the font', async () => {
    const size = await merchantBoardSize(t.db);
    expect(merchantBoardLayout(size).qr.width).toBeGreaterThanOrEqual(QR_MIN_WIDTH_MM);
    const rows = await t.db.select({ code: merchants.code }).from(merchants).where(eq(merchants.active, true)).orderBy(asc(merchants.id)).limit(20);
    for (const r of rows) {
      const report = { missingGlyphSegments: [] as string[] };
      await renderMerchantBoardSvg((await loadMerchantBoard(t.db, { code: r.code }))!, size, report);
      expect(report.missingGlyphSegments).toEqual([]);
    }
  });

  it('makes a one-page vector PDF at the physical size, and answers an unchanged board with 304', async () => {
    const file = await getMerchantBoardFile(t.db, { code, format: 'pdf' });
    if (file.kind !== 'file') throw new Error('expected a file');
    const text = file.body.toString('latin1');
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(text)!;
    const [w, h] = await merchantBoardSize(t.db);
    expect(Number(box[1]) / (72 / 2.54)).toBeCloseTo(w, 1);
    expect(Number(box[2]) / (72 / 2.54)).toBeCloseTo(h, 1);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(text).not.toMatch(/\/Subtype \/Image/);
    const again = await getMerchantBoardFile(t.db, { code, format: 'pdf', ifNoneMatch: file.etag });
    expect(again.kind).toBe('not-modified');
  });

  it('has no board for an unknown or inactive merchant', async () => {
    expect((await getMerchantBoardFile(t.db, { code: 'NO-SUCH-1', format: 'png' })).kind).toBe('missing');
    await t.db.update(merchants).set({ active: false }).where(eq(merchants.code, code));
    expect(await loadMerchantBoard(t.db, { code })).toBeNull();
    await t.db.update(merchants).set({ active: true }).where(eq(merchants.code, code));
  });
});

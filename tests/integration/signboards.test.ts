/** Boards from real data: the QR decodes to the segment URL, every glyph is in the font, nothing overflows, prints go out of date. */
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { chiefAssignments, chiefs, segments } from '@/lib/db/schema';
import { queryRows } from '@/lib/db/client';
import { buildBoardContent, fitText, QR_MIN_WIDTH_MM, type BoardTemplate } from '@/lib/domain/signboard';
import { boardSize, listBoardStatuses, loadBoards, markPrinted, segmentUrl } from '@/lib/signboards/queries';
import { boardLayout, renderBoardSvg, svgToPng } from '@/lib/signboards/render';
import { svgToPdf } from '@/lib/signboards/pdf';
import { getBoardFile, PREVIEW_WIDTH } from '@/lib/signboards/service';
import { openTestDb, type TestDb } from '../fixtures/db';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

async function decodeQr(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

async function sizeOf(template: BoardTemplate) {
  const [widthCm, heightCm] = await boardSize(t.db, template);
  return { template, widthCm, heightCm };
}

describe.each(['landscape', 'portrait'] as const)('%s board', (template) => {
  it('has a QR that decodes to the segment page, from the PNG and from a downscaled JPEG', async () => {
    const [board] = await loadBoards(t.db, { code: 'QH-0001' });
    const svg = await renderBoardSvg(board!.content, await sizeOf(template));
    const png = await svgToPng(svg, PREVIEW_WIDTH[template]);
    expect(await decodeQr(png)).toBe(segmentUrl('QH-0001'));
    expect(segmentUrl('QH-0001')).toBe('http://localhost:3000/r/QH-0001');
    const jpeg = await sharp(png).resize({ width: 600 }).jpeg({ quality: 60 }).toBuffer();
    expect(await decodeQr(jpeg)).toBe(segmentUrl('QH-0001'));
  });

  it('prints the QR at least 3 cm wide', async () => {
    const layout = boardLayout(await sizeOf(template));
    expect(layout.qr.width).toBeGreaterThanOrEqual(QR_MIN_WIDTH_MM);
    expect(layout.qr.width).toBe(layout.qr.height);
  });

  it('sets every character of the demo district’s rarest and longest boards in the font', async () => {
    for (const code of ['QH-0001', 'QH-0002']) {
      const [board] = await loadBoards(t.db, { code });
      const report = { missingGlyphSegments: [] as string[] };
      await renderBoardSvg(board!.content, await sizeOf(template), report);
      expect(report.missingGlyphSegments).toEqual([]);
    }
    const names = (await loadBoards(t.db, { code: 'QH-0001' }))[0]!.content.chiefRows.map((r) => r.name).join('');
    expect(names).toMatch(/[喆堃彧犇昇]/);
  });

  it('makes a one-page vector PDF at the physical size', async () => {
    const size = await sizeOf(template);
    const [board] = await loadBoards(t.db, { code: 'QH-0002' });
    const pdf = await svgToPdf(await renderBoardSvg(board!.content, size), size, { title: 'QH-0002' });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(text)!;
    expect(Number(box[1]) / (72 / 2.54)).toBeCloseTo(size.widthCm, 1);
    expect(Number(box[2]) / (72 / 2.54)).toBeCloseTo(size.heightCm, 1);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(text).not.toMatch(/\/Subtype \/Image/); // vector, not a picture of the board
  });
});

describe('extreme content', () => {
  const extreme = {
    districtName: '清河区',
    segmentCode: 'QH-9001',
    segmentName: '阿卜杜热合曼·买买提明大道东延长线（江城大道高架桥北辅路—沿江大道滨江公园南门）',
    fromCross: '江城大道高架桥北辅路',
    toCross: '沿江大道滨江公园南门',
    streetName: '青石桥街道',
    communityName: '状元坊社区',
    chiefs: (['total', 'first', 'second', 'third'] as const).flatMap((level) =>
      [1, 2].map(() => ({
        level,
        name: '古丽娜尔·艾尔肯江·阿不都热西提😀',
        title: '区城市管理综合行政执法局党组成员、副局长、区数字化城市管理监督指挥中心主任兼街道综合行政执法中心副主任',
        phone: '027-85001234 转 8888',
        duties: '负责'.repeat(100),
        patrolFrequency: 'daily' as const,
      })),
    ),
    team: Array.from({ length: 12 }, (_, i) => ({ role: ['城管队员', '社区民警（片警）', '环卫保洁员'][i % 3]!, name: '欧阳娜依娜依', phone: null })),
    hotline: '12319',
    qrUrl: 'http://localhost:3000/r/QH-9001',
    primaryColor: '#0b5cab',
    accentColor: '#c62828',
  };

  it.each(['landscape', 'portrait'] as const)('still renders every glyph and keeps the QR readable (%s)', async (template) => {
    const content = buildBoardContent(extreme);
    const report = { missingGlyphSegments: [] as string[] };
    const svg = await renderBoardSvg(content, await sizeOf(template), report);
    expect(report.missingGlyphSegments).toEqual([]);
    expect(svg).not.toContain('😀');
    expect(await decodeQr(await svgToPng(svg, PREVIEW_WIDTH[template]))).toBe('http://localhost:3000/r/QH-9001');
  });

  it('notices a character the font does not have (so the glyph checks above can fail)', async () => {
    const content = buildBoardContent({ ...extreme, chiefs: [{ ...extreme.chiefs[0]!, name: '张𓀀' }] });
    const report = { missingGlyphSegments: [] as string[] };
    await renderBoardSvg(content, await sizeOf('landscape'), report);
    expect(report.missingGlyphSegments.join('')).toContain('𓀀');
  });

  it('fits 200-character duties of all four levels into the duties box by shrinking, not cutting', async () => {
    const content = buildBoardContent(extreme);
    const text = content.duties.map((d) => `【${d.levelLabel}】${d.text}`).join('　');
    expect(text.length).toBeGreaterThan(800);
    const fit = fitText(text, { width: 780, height: 170 }, { max: 26, min: 6, lineHeight: 1.4 });
    expect(fit.fits).toBe(true);
  });
});

describe('vacant posts', () => {
  it('renders a segment whose chiefs have all left, with 待任命 on every level', async () => {
    const [seg] = await t.db.select({ id: segments.id }).from(segments).where(eq(segments.code, 'QH-0005'));
    await t.db.update(chiefAssignments).set({ endsOn: '2026-11-01' }).where(eq(chiefAssignments.segmentId, seg!.id));
    const [board] = await loadBoards(t.db, { code: 'QH-0005' });
    expect(board!.content.chiefRows.map((r) => r.name)).toEqual(['待任命', '待任命', '待任命', '待任命']);
    const svg = await renderBoardSvg(board!.content, await sizeOf('landscape'));
    expect(await decodeQr(await svgToPng(svg, 1200))).toBe(segmentUrl('QH-0005'));
  });
});

describe('print management', () => {
  it('goes never printed → current → out of date when a chief’s phone changes', async () => {
    const status = async () => (await listBoardStatuses(t.db, { template: 'landscape' })).find((r) => r.code === 'QH-0003')!.status;
    expect((await status()).state).toBe('never');
    const printed = await markPrinted(t.db, { code: 'QH-0003', template: 'landscape', userId: null });
    expect(printed?.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(await status()).toMatchObject({ state: 'current' });
    // Another template's print does not count for this one.
    expect((await listBoardStatuses(t.db, { template: 'portrait' })).find((r) => r.code === 'QH-0003')!.status.state).toBe('never');

    const [third] = await queryRows<{ id: number }>(
      t.db,
      sql`select c.id from chiefs c join chief_assignments a on a.chief_id = c.id join segments s on s.id = a.segment_id
          where s.code = 'QH-0003' and a.level = 'third' and a.ends_on is null order by c.id limit 1`,
    );
    const changedAt = new Date(Date.now() + 60_000);
    await t.db.update(chiefs).set({ phone: '027-89999999', updatedAt: changedAt }).where(eq(chiefs.id, third!.id));
    const after = await status();
    expect(after.state).toBe('outdated');
    if (after.state === 'outdated') expect(after.since.getTime()).toBe(changedAt.getTime());

    await markPrinted(t.db, { code: 'QH-0003', template: 'landscape', userId: null });
    expect((await status()).state).toBe('current');
  });

  it('lists one street’s boards only', async () => {
    const [street] = await queryRows<{ id: number }>(t.db, sql`select id from area_units where level = 'street' order by id limit 1`);
    const rows = await listBoardStatuses(t.db, { streetId: street!.id, template: 'landscape' });
    const [n] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from segments where street_id = ${street!.id}`);
    expect(rows).toHaveLength(n!.n);
  });

  it('refuses to mark an unknown segment as printed', async () => {
    expect(await markPrinted(t.db, { code: 'QH-9999', template: 'landscape', userId: null })).toBeNull();
  });
});

describe('board files', () => {
  it('answers with a stable ETag, 304 when unchanged, a new ETag after a change', async () => {
    const first = await getBoardFile(t.db, { code: 'QH-0004', template: 'landscape', format: 'svg' });
    expect(first.kind).toBe('file');
    if (first.kind !== 'file') return;
    expect(first.body.toString('utf8')).toMatch(/^<svg/);
    const again = await getBoardFile(t.db, { code: 'QH-0004', template: 'landscape', format: 'svg', ifNoneMatch: first.etag });
    expect(again).toEqual({ kind: 'not-modified', etag: first.etag });
    const png = await getBoardFile(t.db, { code: 'QH-0004', template: 'landscape', format: 'png' });
    expect(png.kind === 'file' && png.etag).not.toBe(first.etag);
    await t.db.execute(sql`update segments set to_cross = '新路口', updated_at = now() where code = 'QH-0004'`);
    const changed = await getBoardFile(t.db, { code: 'QH-0004', template: 'landscape', format: 'svg', ifNoneMatch: first.etag });
    expect(changed.kind).toBe('file');
  });

  it('has nothing for an unknown segment', async () => {
    expect(await getBoardFile(t.db, { code: 'QH-9999', template: 'portrait', format: 'pdf' })).toEqual({ kind: 'missing' });
  });
});

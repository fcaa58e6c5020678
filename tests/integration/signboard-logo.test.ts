/**
 * The district logo (区徽) on boards, from upload to print: stored once with its setting and audit
 * entry, drawn in the header of both templates beside the title without touching it, embedded in the
 * PDF as an image with a soft mask, and every printed board goes out of date when it changes.
 */
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, desc, eq } from 'drizzle-orm';
import { auditLog, media, settings, staffUsers } from '@/lib/db/schema';
import type { BoardContent, BoardTemplate } from '@/lib/domain/signboard';
import { setSetting } from '@/lib/settings/queries';
import { districtLogoPreview, getDistrictLogo, removeDistrictLogo, setDistrictLogo, type LogoActor } from '@/lib/signboards/logo';
import { svgToPdf } from '@/lib/signboards/pdf';
import { boardSize, listBoardStatuses, loadBoards, markPrinted, segmentUrl } from '@/lib/signboards/queries';
import { boardHeader, boardLayout, renderBoardSvg, svgToPng } from '@/lib/signboards/render';
import { getBoardFile, PREVIEW_WIDTH } from '@/lib/signboards/service';
import { openTestDb, type TestDb } from '../fixtures/db';

let t: TestDb;
let actor: LogoActor;
beforeAll(async () => {
  t = await openTestDb();
  const [admin] = await t.db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, 'admin'));
  actor = { id: admin!.id, label: 'admin' };
});
afterAll(() => t?.close());

const TEMPLATES = ['landscape', 'portrait'] as const;

async function sizeOf(template: BoardTemplate) {
  const [widthCm, heightCm] = await boardSize(t.db, template);
  return { template, widthCm, heightCm };
}

/** A round emblem on a transparent background, with a red bar on top so orientation shows: a real PNG with alpha. */
async function emblemPng(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <ellipse cx="${width / 2}" cy="${height / 2}" rx="${width / 2 - 2}" ry="${height / 2 - 2}" fill="#ffd54f"/>
    <rect x="${width * 0.25}" y="${height * 0.1}" width="${width * 0.5}" height="${height * 0.15}" fill="#c62828"/>
    <circle cx="${width / 2}" cy="${height * 0.6}" r="${Math.min(width, height) * 0.2}" fill="#0b5cab" fill-opacity="0.5"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A solid magenta block: easy to find in a rendered board. */
const magentaPng = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 255, g: 0, b: 255, alpha: 1 } } }).png().toBuffer();

async function decodeQr(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

async function rowCounts() {
  const [[m], [a]] = await Promise.all([t.db.select({ n: count() }).from(media), t.db.select({ n: count() }).from(auditLog)]);
  return { media: m!.n, audit: a!.n };
}

async function logoSetting(): Promise<unknown> {
  const [row] = await t.db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'district.logoMediaId'));
  return row?.value ?? 0;
}

async function boardWith(code: string, logo: BoardContent['logo']): Promise<BoardContent> {
  const [board] = await loadBoards(t.db, { code });
  return { ...board!.content, logo };
}

// The PDF's structure, read the way a viewer does: trailer → xref → each object at its offset.
interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function dictEnd(text: string, start: number): number {
  expect(text.startsWith('<<', start)).toBe(true);
  let depth = 0;
  for (let i = start; i < text.length; ) {
    if (text.startsWith('<<', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('>>', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else if (text[i] === '<') i = text.indexOf('>', i) + 1; // a hex string
    else i++;
  }
  throw new Error('unterminated dictionary');
}

function parsePdf(pdf: Buffer): { objects: Map<number, PdfObject>; trailer: string } {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  const xref = text.slice(startxref);
  const head = /^xref\n0 (\d+)\n/.exec(xref)!;
  const lines = xref.slice(head[0].length).split('\n').slice(0, Number(head[1]));
  const objects = new Map<number, PdfObject>();
  lines.forEach((line, n) => {
    if (n === 0) return expect(line).toBe('0000000000 65535 f ');
    expect(line).toMatch(/^\d{10} 00000 n $/);
    const offset = Number(line.slice(0, 10));
    const header = `${n} 0 obj\n`;
    expect(text.startsWith(header, offset)).toBe(true);
    const end = dictEnd(text, offset + header.length);
    const dict = text.slice(offset + header.length, end);
    let stream: Buffer | null = null;
    if (text.startsWith('\nstream\n', end)) {
      const from = end + '\nstream\n'.length;
      const length = Number(/\/Length (\d+)/.exec(dict)![1]);
      stream = pdf.subarray(from, from + length);
      expect(text.startsWith('\nendstream\nendobj\n', from + length)).toBe(true);
    } else expect(text.startsWith('\nendobj\n', end)).toBe(true);
    objects.set(n, { dict, stream });
  });
  return { objects, trailer: /trailer\n(<<[\s\S]*?>>)\n/.exec(xref)![1]! };
}

const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1] ?? NaN);
const int = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+)`).exec(dict)?.[1] ?? NaN);

/** Where the header shows magenta (the logo) and white (the title and district text), in preview pixels. */
async function headerPixels(png: Buffer, headerPx: number) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const logo = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
  let whiteLeft = Infinity;
  let magentaBelowHeader = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * 3;
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      const magenta = r > 200 && g < 80 && b > 200;
      if (magenta && y >= headerPx) magentaBelowHeader++;
      if (y >= headerPx) continue;
      if (magenta) {
        logo.left = Math.min(logo.left, x);
        logo.right = Math.max(logo.right, x);
        logo.top = Math.min(logo.top, y);
        logo.bottom = Math.max(logo.bottom, y);
      } else if (r > 225 && g > 225 && b > 225) whiteLeft = Math.min(whiteLeft, x);
    }
  }
  return { logo, whiteLeft, magentaBelowHeader };
}

describe('uploading the district logo', () => {
  it('re-encodes a PNG with alpha, stores it public, points the setting at it and audits it', async () => {
    const before = await rowCounts();
    const upload = await emblemPng(1600, 800);
    const result = await setDistrictLogo(t.db, { name: '区徽.png', bytes: upload, actor });
    expect(result).toMatchObject({ ok: true, width: 1024, height: 512 });
    if (!result.ok) return;

    expect(await logoSetting()).toBe(result.mediaId);
    const [row] = await t.db.select().from(media).where(eq(media.id, result.mediaId));
    expect(row).toMatchObject({ variant: 'generated', isPublic: true, contentType: 'image/png', width: 1024, height: 512, sha256: result.sha256 });
    const stored = await sharp(row!.data!).metadata();
    expect(stored).toMatchObject({ format: 'png', width: 1024, height: 512, hasAlpha: true });
    // Transparent corners stay transparent; the emblem's centre stays opaque.
    const { data, info } = await sharp(row!.data!).raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(0);
    expect(data[((info.height >> 1) * info.width + (info.width >> 1)) * 4 + 3]).toBe(255);

    const [audit] = await t.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: 'district.logo.set', actorUserId: actor.id, entityType: 'media', entityId: String(result.mediaId) });
    expect(audit!.detail).toMatchObject({ sha256: result.sha256, fileName: '区徽.png', source: { format: 'png', width: 1600, height: 800 } });
    expect(await rowCounts()).toEqual({ media: before.media + 1, audit: before.audit + 1 });

    const preview = await districtLogoPreview(t.db);
    expect(preview?.src).toMatch(/^data:image\/png;base64,/);
    expect(preview!.width).toBeLessThanOrEqual(320);
  });

  it('drops EXIF and other metadata from a JPEG and stores the same logo once', async () => {
    const jpeg = await sharp(await emblemPng(400, 400))
      .flatten({ background: '#ffffff' })
      .jpeg()
      .withExif({ IFD0: { Copyright: '清河区城管局', ImageDescription: 'secret' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const first = await setDistrictLogo(t.db, { name: 'emblem.jpg', bytes: jpeg, actor });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const [row] = await t.db.select({ data: media.data }).from(media).where(eq(media.id, first.mediaId));
    const meta = await sharp(row!.data!).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.format).toBe('png');
    const { media: mediaBefore } = await rowCounts();
    const again = await setDistrictLogo(t.db, { name: 'emblem-again.jpg', bytes: jpeg, actor });
    expect(again.ok && again.mediaId).toBe(first.mediaId);
    expect((await rowCounts()).media).toBe(mediaBefore);
  });

  const textFile = Buffer.from('区徽.png\n这其实是一个文本文件。\n');
  const svgFile = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
  // Random pixels do not compress: a real 1024×1024 PNG of about 3 MB.
  const noise = () => sharp(randomBytes(1024 * 1024 * 3), { raw: { width: 1024, height: 1024, channels: 3 } }).png().toBuffer();
  it.each([
    ['a text file named .png', 'logo.png', async () => textFile, '这不是图片文件'],
    ['an SVG', 'logo.svg', async () => svgFile, '不接受 SVG'],
    ['an SVG named .png', 'logo.png', async () => svgFile, '不接受 SVG'],
    ['zero bytes', 'logo.png', async () => Buffer.alloc(0), '0 字节'],
    ['no file at all', '', async () => Buffer.alloc(0), '请先选择文件'],
    ['a 3 MB PNG', 'big.png', noise, '不能超过 2 MB'],
    ['a 30-megapixel PNG', 'huge.png', () => magentaPng(6000, 5000), '不能超过 2500 万像素'],
    ['a GIF', 'logo.gif', () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).gif().toBuffer(), '不支持 GIF'],
    ['a PNG cut off half-way', 'cut.png', async () => (await emblemPng(300, 300)).subarray(0, 400), '已损坏'],
  ])('refuses %s with a precise message and stores nothing', async (_what, name, make, message) => {
    const bytes = await make();
    if (name === 'big.png') expect(bytes.length).toBeGreaterThan(3 * 1000 * 1000);
    const setting = await logoSetting();
    const before = await rowCounts();
    const result = await setDistrictLogo(t.db, { name, bytes, actor });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
    expect(await rowCounts()).toEqual(before);
    expect(await logoSetting()).toEqual(setting);
  });
});

describe('the logo on the board', () => {
  it.each(TEMPLATES)('sits left of the title in the %s header, aspect kept, touching no text, and the QR still decodes', async (template) => {
    const size = await sizeOf(template);
    const layout = boardLayout(size);
    const pxPerMm = PREVIEW_WIDTH[template] / layout.W;
    const headerPx = Math.floor(layout.header * pxPerMm) - 1;
    for (const [w, h] of [
      [800, 800],
      [1000, 250],
      [300, 900],
    ] as const) {
      const block = await setDistrictLogo(t.db, { name: 'block.png', bytes: await magentaPng(w, h), actor });
      expect(block.ok).toBe(true);
      const [board] = await loadBoards(t.db, { code: 'QH-0001' });
      const content = board!.content;
      expect(content.logo).not.toBeNull();
      const png = await svgToPng(await renderBoardSvg(content, size), PREVIEW_WIDTH[template]);
      const seen = await headerPixels(png, headerPx);
      expect(seen.magentaBelowHeader).toBe(0);
      // Where the layout says it is, at a printable size, with its own proportions.
      const box = boardHeader(content, size).logo!;
      expect(seen.logo.left).toBeCloseTo(box.left * pxPerMm, -0.5);
      expect(seen.logo.right + 1).toBeCloseTo((box.left + box.width) * pxPerMm, -0.5);
      expect(seen.logo.top).toBeCloseTo(box.top * pxPerMm, -0.5);
      expect(seen.logo.bottom + 1).toBeCloseTo((box.top + box.height) * pxPerMm, -0.5);
      const drawnRatio = (seen.logo.right + 1 - seen.logo.left) / (seen.logo.bottom + 1 - seen.logo.top);
      expect(drawnRatio / (w / h)).toBeGreaterThan(0.93);
      expect(drawnRatio / (w / h)).toBeLessThan(1.07);
      expect(Math.max(box.width, box.height)).toBeGreaterThanOrEqual(60); // ≥ 6 cm on the long side
      expect(box.height).toBeLessThanOrEqual(layout.header * 0.75);
      // All white text in the header (the title, the district, the code) starts right of the logo.
      expect(seen.whiteLeft).toBeGreaterThan(seen.logo.right + 4);
      expect(await decodeQr(png)).toBe(segmentUrl('QH-0001'));
    }
  });

  it.each(TEMPLATES)('changes only the header of the %s board: below it the PNG is pixel for pixel the board without a logo', async (template) => {
    const set = await setDistrictLogo(t.db, { name: 'emblem.png', bytes: await emblemPng(900, 900), actor });
    expect(set.ok).toBe(true);
    const size = await sizeOf(template);
    const logo = await getDistrictLogo(t.db);
    const withLogo = await boardWith('QH-0002', logo);
    const without = await boardWith('QH-0002', null);
    // The SVG (a download in its own right) carries the stored logo itself, once.
    const svg = await renderBoardSvg(withLogo, size);
    expect(svg.split(`href="${logo!.href}"`)).toHaveLength(2);
    const [a, b] = await Promise.all([
      svgToPng(await renderBoardSvg(withLogo, size), PREVIEW_WIDTH[template]),
      svgToPng(await renderBoardSvg(without, size), PREVIEW_WIDTH[template]),
    ]);
    expect(a.equals(b)).toBe(false);
    const layout = boardLayout(size);
    const top = Math.ceil(layout.header * (PREVIEW_WIDTH[template] / layout.W)) + 1;
    const below = async (png: Buffer) => {
      const meta = await sharp(png).metadata();
      return sharp(png).extract({ left: 0, top, width: meta.width!, height: meta.height! - top }).raw().toBuffer();
    };
    expect((await below(a)).equals(await below(b))).toBe(true);
    expect(await decodeQr(a)).toBe(segmentUrl('QH-0002'));
    const jpeg = await sharp(a).resize({ width: 600 }).jpeg({ quality: 60 }).toBuffer();
    expect(await decodeQr(jpeg)).toBe(segmentUrl('QH-0002'));
  });

  it.each(TEMPLATES)('embeds the logo in the %s PDF as an RGB image with a soft mask, placed where the layout puts it', async (template) => {
    const set = await setDistrictLogo(t.db, { name: 'emblem.png', bytes: await emblemPng(1200, 600), actor });
    expect(set).toMatchObject({ ok: true, width: 1024, height: 512 });
    const size = await sizeOf(template);
    const [board] = await loadBoards(t.db, { code: 'QH-0002' });
    const pdf = await svgToPdf(await renderBoardSvg(board!.content, size), size, { title: 'QH-0002' });
    const { objects, trailer } = parsePdf(pdf);

    const catalog = objects.get(ref(trailer, 'Root'))!;
    const pages = objects.get(ref(catalog.dict, 'Pages'))!;
    expect(pages.dict).toMatch(/\/Count 1\b/);
    expect([...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict))).toHaveLength(1);
    const page = objects.get(Number(/\/Kids \[(\d+) 0 R\]/.exec(pages.dict)![1]))!;
    const imageRef = Number(/\/XObject << \/Im0 (\d+) 0 R >>/.exec(page.dict)![1]);

    const image = objects.get(imageRef)!;
    expect(image.dict).toMatch(/\/Type \/XObject \/Subtype \/Image/);
    expect(image.dict).toMatch(/\/ColorSpace \/DeviceRGB/);
    expect(image.dict).toMatch(/\/BitsPerComponent 8/);
    expect(image.dict).toMatch(/\/Filter \/FlateDecode/);
    expect([int(image.dict, 'Width'), int(image.dict, 'Height')]).toEqual([1024, 512]);
    expect(zlib.inflateSync(image.stream!).length).toBe(1024 * 512 * 3);

    const mask = objects.get(ref(image.dict, 'SMask'))!;
    expect(mask.dict).toMatch(/\/Subtype \/Image/);
    expect(mask.dict).toMatch(/\/ColorSpace \/DeviceGray/);
    expect([int(mask.dict, 'Width'), int(mask.dict, 'Height')]).toEqual([1024, 512]);
    const alpha = zlib.inflateSync(mask.stream!);
    expect(alpha.length).toBe(1024 * 512);
    expect(alpha[0]).toBe(0); // a transparent corner
    expect(alpha[256 * 1024 + 512]).toBe(255); // the opaque centre

    // Drawn once, flipped into the SVG's y-down space, over exactly the layout's logo box (mm).
    const ops = zlib.inflateSync(objects.get(ref(page.dict, 'Contents'))!.stream!).toString('latin1');
    const placed = /q\n([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm\n\/Im0 Do\nQ/.exec(ops)!;
    expect(ops.match(/\/Im0 Do/g)).toHaveLength(1);
    const box = boardHeader(board!.content, size).logo!;
    const [w, negH, x, yBottom] = placed.slice(1).map(Number) as [number, number, number, number];
    expect(w).toBeCloseTo(box.width, 1);
    expect(-negH).toBeCloseTo(box.height, 1);
    expect(x).toBeCloseTo(box.left, 1);
    expect(yBottom).toBeCloseTo(box.top + box.height, 1);
  });

  it('writes an opaque JPEG logo without a soft mask, and a board without a logo without any image', async () => {
    const jpeg = await sharp(await emblemPng(500, 500)).flatten({ background: '#ffffff' }).jpeg().toBuffer();
    expect((await setDistrictLogo(t.db, { name: 'opaque.jpg', bytes: jpeg, actor })).ok).toBe(true);
    const size = await sizeOf('landscape');
    const [board] = await loadBoards(t.db, { code: 'QH-0003' });
    const withLogo = parsePdf(await svgToPdf(await renderBoardSvg(board!.content, size), size, { title: 'x' }));
    const images = [...withLogo.objects.values()].filter((o) => /\/Subtype \/Image/.test(o.dict));
    expect(images).toHaveLength(1);
    expect(images[0]!.dict).not.toContain('/SMask');
    const plain = parsePdf(await svgToPdf(await renderBoardSvg({ ...board!.content, logo: null }, size), size, { title: 'x' }));
    expect([...plain.objects.values()].some((o) => /\/Subtype \/Image/.test(o.dict))).toBe(false);
    expect(plain.objects.size).toBe(5);
  });
});

describe('printed boards and caching', () => {
  it('puts every printed board out of date when the logo changes, and again when it is removed', async () => {
    await removeDistrictLogo(t.db, { actor });
    const states = async (template: BoardTemplate) => (await listBoardStatuses(t.db, { template })).filter((r) => ['QH-0004', 'QH-0005'].includes(r.code));
    for (const template of TEMPLATES) for (const code of ['QH-0004', 'QH-0005']) await markPrinted(t.db, { code, template, userId: actor.id });
    for (const template of TEMPLATES) expect((await states(template)).map((r) => r.status.state)).toEqual(['current', 'current']);

    const before = Date.now();
    const set = await setDistrictLogo(t.db, { name: 'new.png', bytes: await emblemPng(640, 640), actor });
    expect(set.ok).toBe(true);
    for (const template of TEMPLATES) {
      const rows = await states(template);
      expect(rows.map((r) => r.status.state)).toEqual(['outdated', 'outdated']);
      for (const r of rows) if (r.status.state === 'outdated') expect(r.status.since.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }

    await markPrinted(t.db, { code: 'QH-0004', template: 'landscape', userId: actor.id });
    expect((await states('landscape')).map((r) => r.status.state)).toEqual(['current', 'outdated']);

    const removed = await removeDistrictLogo(t.db, { actor });
    expect(removed).toEqual({ ok: true, removed: true });
    expect(await logoSetting()).toBe(0);
    const [audit] = await t.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: 'district.logo.remove', entityId: String(set.ok && set.mediaId) });
    // QH-0004 was printed with the logo, so it is out of date again; QH-0005 was printed without one
    // before the logo came, but its last print is what counts, and that matches again.
    expect((await states('landscape')).map((r) => r.status.state)).toEqual(['outdated', 'current']);
    expect(await removeDistrictLogo(t.db, { actor })).toEqual({ ok: true, removed: false });
  });

  it('gives the board files a new ETag when the logo changes, and the old one answers with the new file', async () => {
    await removeDistrictLogo(t.db, { actor });
    const plain = await getBoardFile(t.db, { code: 'QH-0006', template: 'portrait', format: 'pdf' });
    expect(plain.kind).toBe('file');
    if (plain.kind !== 'file') return;
    expect(await getBoardFile(t.db, { code: 'QH-0006', template: 'portrait', format: 'pdf', ifNoneMatch: plain.etag })).toEqual({
      kind: 'not-modified',
      etag: plain.etag,
    });
    expect(plain.body.toString('latin1')).not.toContain('/Subtype /Image');

    expect((await setDistrictLogo(t.db, { name: 'e.png', bytes: await emblemPng(500, 250), actor })).ok).toBe(true);
    const withLogo = await getBoardFile(t.db, { code: 'QH-0006', template: 'portrait', format: 'pdf', ifNoneMatch: plain.etag });
    expect(withLogo.kind).toBe('file');
    if (withLogo.kind !== 'file') return;
    expect(withLogo.etag).not.toBe(plain.etag);
    expect(withLogo.body.toString('latin1')).toContain('/Subtype /Image');
    expect((await getBoardFile(t.db, { code: 'QH-0006', template: 'portrait', format: 'pdf', ifNoneMatch: withLogo.etag })).kind).toBe('not-modified');

    // Removing it brings back the very same board, ETag and all.
    await removeDistrictLogo(t.db, { actor });
    const back = await getBoardFile(t.db, { code: 'QH-0006', template: 'portrait', format: 'pdf', ifNoneMatch: plain.etag });
    expect(back).toEqual({ kind: 'not-modified', etag: plain.etag });
  });

  it('draws no logo when the setting points at an image that is not there', async () => {
    await setSetting(t.db, 'district.logoMediaId', 999_999, null);
    expect(await getDistrictLogo(t.db)).toBeNull();
    const [board] = await loadBoards(t.db, { code: 'QH-0001' });
    expect(board!.content.logo).toBeNull();
    expect(await districtLogoPreview(t.db)).toBeNull();
  });
});

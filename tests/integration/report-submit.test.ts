/**
 * 随手拍 submissions against a real database: one report makes one case with its photos and first event,
 * or nothing at all with a Chinese sentence; retries and double taps make one case; limits and the proof
 * of work hold; a likely duplicate is linked, not dropped.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/client';
import { caseEvents, caseMedia, cases, media, settings } from '@/lib/db/schema';
import { LOOKUP_ALPHABET } from '@/lib/domain/case-number';
import { createPowChallenge } from '@/lib/abuse/pow';
import { encodePowPayload } from '@/lib/abuse/pow-client';
import { receiptView } from '@/lib/reports/queries';
import { submitReport, type ReportSubmission } from '@/lib/reports/submit';
import { openTestDb, testDriver, type TestDb } from '../fixtures/db';

let t: TestDb;
let photo: Buffer;
let ipCounter = 0;

beforeAll(async () => {
  t = await openTestDb();
  // Cheap proofs of work: the test is about what the server does with them, not how long they take.
  await t.db.insert(settings).values({ key: 'report.powMaxCounter', value: 4 }).onConflictDoUpdate({ target: settings.key, set: { value: 4 } });
  await t.db.insert(settings).values({ key: 'report.powCost', value: 10 }).onConflictDoUpdate({ target: settings.key, set: { value: 10 } });
  photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 120, g: 140, b: 90 } } })
    .composite([{ input: Buffer.from('<svg width="400" height="300"><rect width="400" height="300" fill="#c62828"/></svg>'), left: 100, top: 100 }])
    .jpeg()
    .toBuffer();
});
afterAll(() => t?.close());

async function pow(): Promise<string> {
  const challenge = await createPowChallenge(t.db);
  const solution = await solveChallenge({ challenge, deriveKey });
  return encodePowPayload(challenge, solution!);
}

/** A fresh IP per test unless given, so one test's rate limits never touch another's. */
function freshIp() {
  ipCounter++;
  return `198.51.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

async function submission(over: Partial<ReportSubmission> = {}): Promise<ReportSubmission> {
  return {
    photos: [{ name: 'IMG_0001.jpg', data: photo }],
    photoLocation: true,
    honeypot: '',
    idempotencyKey: randomUUID(),
    pow: await pow(),
    js: true,
    ip: freshIp(),
    deviceHash: null,
    ...over,
    fields: { segment: 'QH-0007', category: 'S0201', description: '电线杆上贴满小广告', ...over.fields },
  };
}

async function counts() {
  const [row] = await queryRows<{ cases: number; events: number; media: number; links: number }>(
    t.db,
    sql`select (select count(*)::int from cases) as cases, (select count(*)::int from case_events) as events,
               (select count(*)::int from media) as media, (select count(*)::int from case_media) as links`,
  );
  return row!;
}

describe('a good report', () => {
  it('makes one case with its photo, thumbnail and first event, and a receipt that opens only with its code', async () => {
    const before = await counts();
    const result = await submitReport(t.db, await submission({ fields: { name: '王先生', phone: '138 0013 8000', consent: 'on' } }));
    expect(result).toMatchObject({ ok: true, replayed: false, receipt: { segmentCode: 'QH-0007', categoryName: '非法小广告', similar: null } });
    if (!result.ok) return;
    const { number, lookupCode } = result.receipt;
    expect(number).toMatch(/^\d{8}-\d{4}$/);
    expect(lookupCode).toMatch(new RegExp(`^[${LOOKUP_ALPHABET}]{6}$`));

    const [row] = await t.db.select().from(cases).where(eq(cases.number, number));
    expect(row).toMatchObject({ status: 'submitted', source: 'citizen', reporterName: '王先生', reporterPhone: '13800138000', description: '电线杆上贴满小广告', isPublic: false });
    expect(row!.streetId).not.toBeNull();
    const events = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, row!.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'submit', toStatus: 'submitted' });
    const links = await t.db.select().from(caseMedia).where(eq(caseMedia.caseId, row!.id));
    expect(links).toEqual([expect.objectContaining({ role: 'report', sortOrder: 0, eventId: events[0]!.id })]);
    const [large] = await t.db.select().from(media).where(eq(media.id, links[0]!.mediaId));
    expect(large).toMatchObject({ variant: 'large', width: 1600, height: 1200, isPublic: false, contentType: 'image/jpeg' });
    const after = await counts();
    expect(after).toEqual({ cases: before.cases + 1, events: before.events + 1, media: before.media + 2, links: before.links + 1 });

    expect(await receiptView(t.db, number, lookupCode)).toMatchObject({ number, segmentCode: 'QH-0007' });
    const wrong = (lookupCode[0] === 'A' ? 'C' : 'A') + lookupCode.slice(1);
    expect(await receiptView(t.db, number, wrong)).toBeNull();
  });

  it('numbers a day’s cases in sequence', async () => {
    const a = await submitReport(t.db, await submission({ fields: { category: 'S0102', segment: 'QH-0011' } }));
    const b = await submitReport(t.db, await submission({ fields: { category: 'S0102', segment: 'QH-0012' } }));
    if (!a.ok || !b.ok) throw new Error('both should go through');
    const seq = (n: string) => Number(n.split('-')[1]);
    expect(seq(b.receipt.number)).toBe(seq(a.receipt.number) + 1);
  });

  it('works without script (no proof of work) within the district-wide hourly budget', async () => {
    await t.db.insert(settings).values({ key: 'report.noScriptPerHour', value: 1 }).onConflictDoUpdate({ target: settings.key, set: { value: 1 } });
    try {
      const first = await submitReport(t.db, await submission({ js: false, pow: null, fields: { segment: 'QH-0020' } }));
      expect(first.ok).toBe(true);
      const before = await counts();
      const second = await submitReport(t.db, await submission({ js: false, pow: null, fields: { segment: 'QH-0021' } }));
      expect(second).toMatchObject({ ok: false, status: 429, message: expect.stringContaining('JavaScript') });
      expect(await counts()).toEqual(before);
    } finally {
      await t.db.delete(settings).where(eq(settings.key, 'report.noScriptPerHour'));
    }
  });

  it('places a report without a segment on the nearest one to the location given', async () => {
    const [seg] = await queryRows<{ lng: number; lat: number }>(
      t.db,
      sql`select (geometry->'coordinates'->0->>0)::float8 as lng, (geometry->'coordinates'->0->>1)::float8 as lat from segments where code = 'QH-0030'`,
    );
    const result = await submitReport(t.db, await submission({ fields: { segment: '', address: '路口东侧', lat: String(seg!.lat), lng: String(seg!.lng) } }));
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const [row] = await t.db.select({ lat: cases.lat, segmentId: cases.segmentId, address: cases.address }).from(cases).where(eq(cases.number, result.receipt.number));
    expect(row).toMatchObject({ lat: seg!.lat, address: '路口东侧' });
    expect(row!.segmentId).not.toBeNull();
  });
});

describe('retries and double taps', () => {
  it('replays the first receipt for the same key and content, and refuses the key with other content', async () => {
    const s = await submission({ fields: { segment: 'QH-0040' } });
    const first = await submitReport(t.db, s);
    const before = await counts();
    const again = await submitReport(t.db, { ...s, pow: await pow() });
    expect(again).toEqual(first.ok ? { ...first, replayed: true } : first);
    // A retry of a report that went through needs no new proof of work: its own was spent by the first.
    expect(await submitReport(t.db, s)).toMatchObject({ ok: true, replayed: true });
    expect(await counts()).toEqual(before);
    const other = await submitReport(t.db, { ...s, pow: await pow(), fields: { ...s.fields, description: '另一件事' } });
    expect(other).toMatchObject({ ok: false, status: 422, message: expect.stringContaining('刷新页面') });
    expect(await counts()).toEqual(before);
  });

  it('makes one case when the same key arrives twice at once', async () => {
    const s = await submission({ fields: { segment: 'QH-0041' } });
    const before = await counts();
    const [a, b] = await Promise.all([submitReport(t.db, s), submitReport(t.db, { ...s })]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.receipt.number).toBe(b.receipt.number);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect((await counts()).cases).toBe(before.cases + 1);
  });
});

describe('abuse', () => {
  it('refuses a forged, a replayed and a missing proof of work', async () => {
    const good = await pow();
    const decoded = JSON.parse(Buffer.from(good, 'base64').toString());
    // A made-up key: the signature the server gave covers only the key its own counter derives.
    decoded.solution.derivedKey = decoded.solution.derivedKey.replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    const forged = Buffer.from(JSON.stringify(decoded)).toString('base64');
    const before = await counts();
    expect(await submitReport(t.db, await submission({ pow: forged }))).toMatchObject({ ok: false, status: 400, message: '安全验证未通过，请刷新页面后重新提交。' });
    expect(await submitReport(t.db, await submission({ pow: 'bm90IGpzb24=' }))).toMatchObject({ ok: false, message: expect.stringContaining('安全验证') });
    expect(await submitReport(t.db, await submission({ pow: null }))).toMatchObject({ ok: false, message: expect.stringContaining('安全验证') });
    expect(await counts()).toEqual(before);

    expect(await submitReport(t.db, await submission({ pow: good, fields: { segment: 'QH-0050' } }))).toMatchObject({ ok: true });
    const replay = await submitReport(t.db, await submission({ pow: good, fields: { segment: 'QH-0051' } }));
    expect(replay).toMatchObject({ ok: false, status: 400, message: '这份安全验证已经用过，请重新提交。' });
  }, 20_000);

  it('silently refuses a filled honeypot and writes nothing', async () => {
    const before = await counts();
    expect(await submitReport(t.db, await submission({ honeypot: 'http://spam.example' }))).toMatchObject({ ok: false, status: 400 });
    expect(await counts()).toEqual(before);
  });

  it('limits reports per IP and per device (5 in 10 minutes by default)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect(await submitReport(t.db, await submission({ ip, fields: { segment: `QH-006${i}` } }))).toMatchObject({ ok: true });
    const before = await counts();
    const sixth = await submitReport(t.db, await submission({ ip, fields: { segment: 'QH-0066' } }));
    expect(sixth).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(/提交随手拍太频繁|请.*后再试/) });
    expect(await counts()).toEqual(before);

    const device = 'a'.repeat(32);
    for (let i = 0; i < 5; i++) expect(await submitReport(t.db, await submission({ deviceHash: device, fields: { segment: `QH-007${i}` } }))).toMatchObject({ ok: true });
    expect(await submitReport(t.db, await submission({ deviceHash: device, fields: { segment: 'QH-0076' } }))).toMatchObject({ ok: false, status: 429 });
  }, 30_000);

  it('limits parallel reports from one IP exactly', async () => {
    const ip = freshIp();
    const all = await Promise.all(Array.from({ length: 8 }, async (_, i) => submitReport(t.db, await submission({ ip, fields: { segment: `QH-008${i}` } }))));
    expect(all.filter((r) => r.ok)).toHaveLength(5);
    expect(all.filter((r) => !r.ok && r.status === 429)).toHaveLength(3);
  }, 30_000);
});

describe('a likely duplicate', () => {
  it('is recorded and linked to the open case, and the reporter is told', async () => {
    const first = await submitReport(t.db, await submission({ fields: { segment: 'QH-0090', category: 'S0504' } }));
    const second = await submitReport(t.db, await submission({ fields: { segment: 'QH-0090', category: 'S0504' } }));
    if (!first.ok || !second.ok) throw new Error('both should go through');
    expect(second.receipt.similar).toEqual({ number: first.receipt.number });
    const [row] = await t.db.select({ duplicateOfId: cases.duplicateOfId, status: cases.status }).from(cases).where(eq(cases.number, second.receipt.number));
    const [original] = await t.db.select({ id: cases.id }).from(cases).where(eq(cases.number, first.receipt.number));
    expect(row).toEqual({ duplicateOfId: original!.id, status: 'submitted' });
    expect(second.ok && (await receiptView(t.db, second.receipt.number, second.receipt.lookupCode))?.similarNumber).toBe(first.receipt.number);
  });
});

describe('bad input keeps nothing', () => {
  const textAsJpeg = Buffer.from('这不是图片，只是改了扩展名的文本文件\n'.repeat(20));
  let hugePng: Buffer;
  beforeAll(async () => {
    // 100 megapixels of one colour compress to a small file: a decompression bomb in miniature.
    hugePng = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#777' } }).png({ compressionLevel: 9 }).toBuffer();
  }, 60_000);
  it.each([
    ['a truncated JPEG', () => [{ name: 'cut.jpg', data: photo.subarray(0, Math.floor(photo.length / 2)) }], 'cut.jpg'],
    ['a 100-megapixel PNG', () => [{ name: 'huge.png', data: hugePng }], 'huge.png'],
    ['a 30 MB file', () => [{ name: 'big.jpg', data: Buffer.concat([photo, Buffer.alloc(30 * 1024 * 1024 - photo.length)]) }], '10 MB'],
    ['an SVG', () => [{ name: 'x.svg', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }], 'x.svg'],
    ['HEIC bytes', () => [{ name: 'IMG_1.HEIC', data: Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(16)]) }], 'HEIC'],
  ] as const)('refuses %s with the photo named in Chinese', async (_name, photos, message) => {
    const before = await counts();
    const result = await submitReport(t.db, await submission({ photos: photos() }));
    expect(result).toMatchObject({ ok: false, errors: { photos: expect.stringContaining(message) } });
    if (!result.ok) expect(result.status).toBeLessThan(500);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['no photo', { photos: [] }, 'photos', '请至少拍 1 张照片。'],
    ['five photos', { photos: Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.jpg`, data: Buffer.alloc(10) })) }, 'photos', '最多上传 4 张照片'],
    ['a text file renamed .jpg', { photos: [{ name: 'notes.jpg', data: textAsJpeg }] }, 'photos', 'notes.jpg'],
    ['a zero-byte file', { photos: [{ name: 'empty.jpg', data: Buffer.alloc(0) }] }, 'photos', 'empty.jpg'],
    ['an unknown segment code', { fields: { segment: 'QH-9999' } }, 'segment', '找不到路段编号 QH-9999'],
    ['no category', { fields: { category: '' } }, 'category', '请选择问题类型。'],
    ['a category that does not exist', { fields: { category: 'S9999' } }, 'category', '问题类型无效'],
    ['a 大类 instead of a problem', { fields: { category: 'S01' } }, 'category', '问题类型无效'],
    ['HTML and script in the description', { fields: { description: '<img src=x onerror=alert(1)><script>alert(1)</script>' } }, 'description', '网页代码'],
    ['a phone that is not a Chinese mobile', { fields: { phone: '010-8888888', consent: 'on' } }, 'phone', '11 位中国大陆手机号'],
  ] as const)('%s', async (_name, over, field, message) => {
    const before = await counts();
    const result = await submitReport(t.db, await submission(over as Partial<ReportSubmission>));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.errors[field as keyof typeof result.errors]).toContain(message);
    expect(await counts()).toEqual(before);
  });

  it('refuses a missing or malformed idempotency key before anything else', async () => {
    for (const key of [null, '', 'short', 'x'.repeat(500), '../../etc/passwd']) {
      expect(await submitReport(t.db, await submission({ idempotencyKey: key }))).toMatchObject({ ok: false, status: 400, message: expect.stringContaining('刷新页面') });
    }
  });
});

it.runIf(testDriver === 'pg')('survives a burst of 20 parallel reports from different people on PostgreSQL', async () => {
  const all = await Promise.all(Array.from({ length: 20 }, async (_, i) => submitReport(t.db, await submission({ fields: { segment: `QH-01${String(i).padStart(2, '0')}` } }))));
  expect(all.every((r) => r.ok)).toBe(true);
  const numbers = new Set(all.map((r) => (r.ok ? r.receipt.number : '')));
  expect(numbers.size).toBe(20);
}, 60_000);

/**
 * 曝光台 / 点赞榜 on a real database with the real sharp: a closed case becomes a masked, published
 * entry; masks change exactly the pixels inside their rectangles; two editors cannot overwrite each
 * other; the public reads never show a draft, an unmasked photo or a reporter; 点赞 once per device.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows } from '@/lib/db/client';
import { auditLog, caseMedia, media, publicationLikes, publicationMedia, publications } from '@/lib/db/schema';
import { setSetting } from '@/lib/settings/queries';
import { renderMasked } from '@/lib/publications/mask';
import {
  createPublication,
  likePublication,
  maskPhoto,
  saveDraft,
  transitionPublication,
  type PublicityActor,
} from '@/lib/publications/service';
import { getPublicPhoto, getPublicPublication, getStaffPublication, getStaffPublicationPhoto, listPublicFilters, listPublicPublications } from '@/lib/publications/queries';
import { openTestDb, type TestDb } from '../fixtures/db';

let t: TestDb;
const editor: PublicityActor = { userId: 9001, label: '编辑甲' };
const reviewer: PublicityActor = { userId: 9002, label: '审核乙' };
let closedCaseId: number;
let openCaseId: number;

beforeAll(async () => {
  t = await openTestDb();
  // A closed case that has both before and after photos.
  [{ id: closedCaseId }] = (await queryRows<{ id: number }>(
    t.db,
    sql`select c.id from cases c where c.status = 'closed'
          and exists (select 1 from case_media m where m.case_id = c.id and m.role = 'after')
        order by c.id limit 1`,
  )) as [{ id: number }];
  [{ id: openCaseId }] = (await queryRows<{ id: number }>(t.db, sql`select id from cases where status = 'dispatched' order by id limit 1`)) as [{ id: number }];
});
afterAll(() => t?.close());

/** A photo of coloured noise: pixelation changes almost every pixel of it. */
async function noisePhoto(width: number, height: number): Promise<Buffer> {
  const px = Buffer.alloc(width * height * 3);
  let s = 12345;
  for (let i = 0; i < px.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    px[i] = (s >> 16) & 0xff;
  }
  return sharp(px, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

async function rawOf(jpeg: Buffer) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, channels: info.channels };
}

/** Mean absolute difference of two decoded images over the pixels `pick` selects. */
function meanDiff(a: { data: Buffer; width: number; channels: number }, b: { data: Buffer }, height: number, pick: (x: number, y: number) => boolean): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (!pick(x, y)) continue;
      for (let c = 0; c < 3; c++) {
        const i = (y * a.width + x) * a.channels + c;
        sum += Math.abs(a.data[i]! - b.data[i]!);
        n++;
      }
    }
  }
  return sum / n;
}

describe('renderMasked', () => {
  it('changes the pixels inside each rectangle and keeps the rest, without metadata', async () => {
    const original = await noisePhoto(640, 480);
    const rects = [
      { x: 40, y: 40, width: 160, height: 120 },
      { x: 400, y: 300, width: 96, height: 48 },
    ];
    const out = await renderMasked(original, rects);
    expect([out.width, out.height]).toEqual([640, 480]);
    const a = await rawOf(original);
    const b = await rawOf(out.data);
    const inside = (r: (typeof rects)[number]) => (x: number, y: number) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    // JPEG blocks straddle the edges: compare "outside" 16 px away from every rectangle.
    const farOutside = (x: number, y: number) => rects.every((r) => x < r.x - 16 || x >= r.x + r.width + 16 || y < r.y - 16 || y >= r.y + r.height + 16);
    for (const r of rects) expect(meanDiff(a, b, 480, inside(r))).toBeGreaterThan(40);
    expect(meanDiff(a, b, 480, farOutside)).toBeLessThan(12);
    const meta = await sharp(out.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.format).toBe('jpeg');
  });
});

describe('from a closed case to a published entry', () => {
  let id: number;
  let version = 1;

  it('refuses a case that is not closed, and creates nothing', async () => {
    const before = await queryRows<{ n: number }>(t.db, sql`select count(*)::int n from publications`);
    const r = await createPublication(t.db, { actor: editor, kind: 'exposure', source: { type: 'case', caseId: openCaseId } });
    expect(r).toMatchObject({ ok: false, error: 'case_not_closed' });
    if (!r.ok) expect(r.message).toContain('尚未办结');
    expect(await queryRows<{ n: number }>(t.db, sql`select count(*)::int n from publications`)).toEqual(before);
  });

  it('creates a draft with the case photos linked but not public, and without the reporter', async () => {
    const r = await createPublication(t.db, { actor: editor, kind: 'exposure', source: { type: 'case', caseId: closedCaseId } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    id = r.id;
    const page = await getStaffPublication(t.db, { id });
    expect(page?.p.status).toBe('draft');
    expect(page!.photos.length).toBeGreaterThan(0);
    expect(page!.photos.map((p) => p.role)).toContain('after');
    expect(page!.photos.every((p) => !p.checked && p.sourceId === p.mediaId)).toBe(true);
    for (const p of page!.photos) expect(await getPublicPhoto(t.db, { mediaId: p.mediaId })).toBeNull();
    const sources = await t.db.select({ mediaId: caseMedia.mediaId }).from(caseMedia).where(eq(caseMedia.caseId, closedCaseId));
    expect(page!.photos.every((p) => sources.some((s) => s.mediaId === p.sourceId))).toBe(true);
    const [reporter] = await queryRows<{ name: string | null; phone: string | null }>(t.db, sql`select reporter_name as name, reporter_phone as phone from cases where id = ${closedCaseId}`);
    const text = JSON.stringify(page!.p);
    for (const v of [reporter!.name, reporter!.phone]) if (v) expect(text).not.toContain(v);
    // The staff photo route serves the source and the derivative of this entry, nothing else.
    expect(await getStaffPublicationPhoto(t.db, { id, mediaId: page!.photos[0]!.sourceId! })).not.toBeNull();
    expect(await getStaffPublicationPhoto(t.db, { id, mediaId: 1 })).toBeNull();
  });

  it('keeps the earlier of two saves of one draft and tells the later editor', async () => {
    const fields = { body: '正文', tags: ['占道经营'], streetId: null, month: '2026-11-01' };
    const first = await saveDraft(t.db, { id, expectedVersion: version, actor: editor, fields: { ...fields, title: '甲的标题' } });
    const second = await saveDraft(t.db, { id, expectedVersion: version, actor: reviewer, fields: { ...fields, title: '乙的标题' } });
    expect(first).toMatchObject({ ok: true, version: version + 1 });
    expect(second).toMatchObject({ ok: false, error: 'stale' });
    const [row] = await t.db.select({ title: publications.title }).from(publications).where(eq(publications.id, id));
    expect(row!.title).toBe('甲的标题');
    version += 1;
  });

  it('refuses script in the title with a field message and keeps the draft unchanged', async () => {
    const r = await saveDraft(t.db, { id, expectedVersion: version, actor: editor, fields: { title: '<script>alert(1)</script>', body: '正文', tags: [], streetId: null, month: null } });
    expect(r).toMatchObject({ ok: false, error: 'invalid' });
    if (!r.ok) expect(r.errors?.title).toContain('网页代码');
    const [row] = await t.db.select({ version: publications.version, title: publications.title }).from(publications).where(eq(publications.id, id));
    expect(row).toEqual({ version, title: '甲的标题' });
  });

  it('refuses masks outside the photo or of zero size', async () => {
    const page = await getStaffPublication(t.db, { id });
    const photo = page!.photos[0]!;
    const [src] = await t.db.select({ width: media.width, height: media.height }).from(media).where(eq(media.id, photo.sourceId!));
    for (const rect of [
      { x: src!.width - 5, y: 0, width: 10, height: 10 },
      { x: 0, y: 0, width: 0, height: 10 },
    ]) {
      const r = await maskPhoto(t.db, { id, expectedVersion: version, mediaId: photo.mediaId, rects: [rect], actor: editor });
      expect(r).toMatchObject({ ok: false, error: 'photo' });
    }
  });

  it('will not submit or publish before every photo went through the privacy tool, and changes nothing', async () => {
    await setSetting(t.db, 'publication.requireSecondReviewer', true, null);
    const submit = await transitionPublication(t.db, { id, expectedVersion: version, actor: editor, action: 'submit' });
    expect(submit).toMatchObject({ ok: false, error: 'workflow' });
    if (!submit.ok) expect(submit.message).toContain('隐私');
    await setSetting(t.db, 'publication.requireSecondReviewer', false, null);
    const publish = await transitionPublication(t.db, { id, expectedVersion: version, actor: reviewer, action: 'publish' });
    expect(publish).toMatchObject({ ok: false, error: 'workflow' });
    if (!publish.ok) expect(publish.message).toContain('隐私');
    await setSetting(t.db, 'publication.requireSecondReviewer', true, null);
    const [row] = await t.db.select({ status: publications.status, version: publications.version }).from(publications).where(eq(publications.id, id));
    expect(row).toEqual({ status: 'draft', version });
  });

  it('masks every photo; the public derivative differs inside the rectangle from its source', async () => {
    const page = await getStaffPublication(t.db, { id });
    for (const [i, photo] of page!.photos.entries()) {
      const [src] = await t.db.select({ data: media.data, width: media.width, height: media.height }).from(media).where(eq(media.id, photo.sourceId!));
      // The middle of the photo, where the seed's scene has its objects (its edges are flat sky and road).
      const box = { x: Math.floor(src!.width / 4), y: Math.floor(src!.height / 4), width: Math.floor(src!.width / 2), height: Math.floor(src!.height / 2) };
      const rects = i === 0 ? [box] : [];
      const r = await maskPhoto(t.db, { id, expectedVersion: version, mediaId: photo.mediaId, rects, actor: editor });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      version = r.version;
      const [m] = await t.db.select().from(media).where(eq(media.id, r.mediaId));
      expect(m).toMatchObject({ variant: 'masked', isPublic: true, sourceId: photo.sourceId });
      if (i === 0) {
        const a = await rawOf(src!.data!);
        const b = await rawOf(m!.data!);
        const inside = (x: number, y: number) => x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;
        const outside = (x: number, y: number) => x < box.x - 16 || x >= box.x + box.width + 16 || y < box.y - 16 || y >= box.y + box.height + 16;
        expect(meanDiff(a, b, m!.height, inside)).toBeGreaterThan(1);
        expect(meanDiff(a, b, m!.height, inside)).toBeGreaterThan(3 * meanDiff(a, b, m!.height, outside));
      }
    }
    const after = await getStaffPublication(t.db, { id });
    expect(after!.photos.every((p) => p.isPublic)).toBe(true);
    // The editor shows the saved rectangles again, so a second save keeps them rather than unmasking the photo.
    expect(after!.photos.map((p) => p.masks!.length)).toEqual(after!.photos.map((_, i) => (i === 0 ? 1 : 0)));
    const first = after!.photos[0]!;
    const again = await maskPhoto(t.db, { id, expectedVersion: version, mediaId: first.mediaId, rects: first.masks!, actor: editor });
    expect(again).toMatchObject({ ok: true, mediaId: first.mediaId });
    if (again.ok) version = again.version;
    expect((await getStaffPublication(t.db, { id }))!.photos[0]!.masks).toEqual(first.masks);
  });

  it('returns an entry to its editor only with a reason, which the editor sees until submitting again', async () => {
    expect(await transitionPublication(t.db, { id, expectedVersion: version, actor: editor, action: 'submit' })).toMatchObject({ ok: true, status: 'review' });
    version += 1;
    const bare = await transitionPublication(t.db, { id, expectedVersion: version, actor: reviewer, action: 'return', reason: '  ' });
    expect(bare).toMatchObject({ ok: false, error: 'workflow' });
    if (!bare.ok) expect(bare.message).toContain('退回须写明原因');
    const back = await transitionPublication(t.db, { id, expectedVersion: version, actor: reviewer, action: 'return', reason: '标题请写明路段' });
    expect(back).toMatchObject({ ok: true, status: 'draft' });
    version += 1;
    expect((await getStaffPublication(t.db, { id }))!.p.returnReason).toBe('标题请写明路段');
  });

  it('lets only a second person publish, then lists it publicly with masked photos only', async () => {
    expect(await transitionPublication(t.db, { id, expectedVersion: version, actor: editor, action: 'submit' })).toMatchObject({ ok: true });
    version += 1;
    expect((await getStaffPublication(t.db, { id }))!.p.returnReason).toBeNull();
    const self = await transitionPublication(t.db, { id, expectedVersion: version, actor: editor, action: 'publish' });
    expect(self).toMatchObject({ ok: false, error: 'workflow' });
    if (!self.ok) expect(self.message).toContain('第二个人');
    const pub = await transitionPublication(t.db, { id, expectedVersion: version, actor: reviewer, action: 'publish' });
    expect(pub).toMatchObject({ ok: true, status: 'published', kind: 'exposure' });
    version += 1;

    const detail = await getPublicPublication(t.db, { kind: 'exposure', id });
    expect(detail?.status).toBe('published');
    if (detail?.status !== 'published') return;
    expect(detail.entry.title).toBe('甲的标题');
    expect(detail.entry.outcome).toMatch(/^已于 \d{4}-\d{2}-\d{2} 办结$/);
    expect(detail.entry.photos.length).toBeGreaterThan(0);
    for (const p of detail.entry.photos) expect(await getPublicPhoto(t.db, { mediaId: p.id })).not.toBeNull();
    // Wrong kind is not found; the list of its month has it.
    expect(await getPublicPublication(t.db, { kind: 'praise', id })).toBeNull();
    const list = await listPublicPublications(t.db, { kind: 'exposure', month: '2026-11-01' });
    expect(list.rows.map((r) => r.id)).toContain(id);
    expect((await listPublicFilters(t.db, { kind: 'exposure' })).months).toContain('2026-11-01');
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, 'publication'), eq(auditLog.entityId, String(id))));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['publication.create', 'publication.edit', 'publication.mask', 'publication.publish']));
  });

  it('counts one 点赞 per device', async () => {
    const a1 = await likePublication(t.db, { id, deviceHash: 'device-a' });
    const a2 = await likePublication(t.db, { id, deviceHash: 'device-a' });
    const b = await likePublication(t.db, { id, deviceHash: 'device-b' });
    expect([a1, a2, b]).toEqual([
      { ok: true, liked: true, count: 1, kind: 'exposure' },
      { ok: true, liked: false, count: 1, kind: 'exposure' },
      { ok: true, liked: true, count: 2, kind: 'exposure' },
    ]);
    const rows = await t.db.select().from(publicationLikes).where(eq(publicationLikes.publicationId, id));
    expect(rows).toHaveLength(2);
  });

  it('withdraws with a reason: the page answers withdrawn without content, lists and photos drop it, likes stop', async () => {
    const noReason = await transitionPublication(t.db, { id, expectedVersion: version, actor: reviewer, action: 'withdraw', reason: ' ' });
    expect(noReason).toMatchObject({ ok: false, error: 'workflow' });
    const photoId = ((await getPublicPublication(t.db, { kind: 'exposure', id })) as { entry: { photos: { id: number }[] } }).entry.photos[0]!.id;
    const r = await transitionPublication(t.db, { id, expectedVersion: version, actor: reviewer, action: 'withdraw', reason: '当事商户已整改' });
    expect(r).toMatchObject({ ok: true, status: 'withdrawn' });
    const detail = await getPublicPublication(t.db, { kind: 'exposure', id });
    expect(detail).toMatchObject({ status: 'withdrawn', kind: 'exposure' });
    expect(JSON.stringify(detail)).not.toContain('甲的标题');
    expect((await listPublicPublications(t.db, { kind: 'exposure', limit: 500 })).rows.map((x) => x.id)).not.toContain(id);
    expect(await getPublicPhoto(t.db, { mediaId: photoId })).toBeNull();
    expect(await likePublication(t.db, { id, deviceHash: 'device-c' })).toMatchObject({ ok: false, error: 'not_found' });
    // A stale form (the version before the withdrawal) changes nothing.
    expect(await transitionPublication(t.db, { id, expectedVersion: version, actor: reviewer, action: 'withdraw', reason: '再撤' })).toMatchObject({ ok: false, error: 'stale' });
  });
});

describe('other sources', () => {
  it('creates drafts from a merchant (with its black flags), a chief, a segment and from scratch', async () => {
    const [m] = await queryRows<{ id: number }>(t.db, sql`select merchant_id as id from ratings where flag = 'black' and merchant_id is not null order by id limit 1`);
    const [c] = await queryRows<{ id: number }>(t.db, sql`select chief_id as id from chief_assignments where ends_on is null order by id limit 1`);
    const [s] = await queryRows<{ id: number }>(t.db, sql`select id from segments order by id limit 1`);
    const merchant = await createPublication(t.db, { actor: editor, kind: 'exposure', source: { type: 'merchant', merchantId: m!.id } });
    const chief = await createPublication(t.db, { actor: editor, kind: 'praise', source: { type: 'chief', chiefId: c!.id } });
    const segment = await createPublication(t.db, { actor: editor, kind: 'praise', source: { type: 'segment', segmentId: s!.id } });
    const scratch = await createPublication(t.db, { actor: editor, kind: 'praise', source: { type: 'scratch' } });
    for (const r of [merchant, chief, segment, scratch]) expect(r.ok).toBe(true);
    const mp = await getStaffPublication(t.db, { id: (merchant as { id: number }).id });
    expect(JSON.stringify(mp!.p.body)).toMatch(/黑旗 [1-9]\d* 次/);
    expect(mp!.p.merchantId).toBe(m!.id);
    const cp = await getStaffPublication(t.db, { id: (chief as { id: number }).id });
    expect(cp!.p.chiefId).toBe(c!.id);
    expect(await createPublication(t.db, { actor: editor, kind: 'praise', source: { type: 'chief', chiefId: 99_999_999 } })).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('publishes the seed’s demo entries, hides its draft and answers its withdrawn one as withdrawn', async () => {
    const rows = await t.db.select({ id: publications.id, kind: publications.kind, status: publications.status }).from(publications).where(sql`${publications.editorUserId} is null`);
    const listed = new Set([...(await listPublicPublications(t.db, { kind: 'exposure', limit: 500 })).rows, ...(await listPublicPublications(t.db, { kind: 'praise', limit: 500 })).rows].map((r) => r.id));
    for (const r of rows) {
      expect(listed.has(r.id)).toBe(r.status === 'published');
      const d = await getPublicPublication(t.db, { kind: r.kind, id: r.id });
      if (r.status === 'draft') expect(d).toBeNull();
      else expect(d?.status).toBe(r.status);
    }
  });
});

describe('an empty draft', () => {
  it('cannot be submitted or published until it has a title and a body', async () => {
    const r = await createPublication(t.db, { actor: editor, kind: 'praise', source: { type: 'scratch' } });
    if (!r.ok) throw new Error(r.message);
    const submit = await transitionPublication(t.db, { id: r.id, expectedVersion: 1, actor: editor, action: 'submit' });
    expect(submit).toMatchObject({ ok: false, error: 'invalid' });
    if (!submit.ok) expect(submit.message).toContain('请填写标题');
    const [row] = await t.db.select({ status: publications.status, version: publications.version }).from(publications).where(eq(publications.id, r.id));
    expect(row).toEqual({ status: 'draft', version: 1 });
  });
});

describe('migration 0006: masks saved before the column existed', () => {
  it('fills publication_media.masks from the newest publication.mask audit entry of that derivative', async () => {
    const [link] = await t.db.select({ publicationId: publicationMedia.publicationId, mediaId: publicationMedia.mediaId }).from(publicationMedia).limit(1);
    await t.db.update(publicationMedia).set({ masks: null }).where(and(eq(publicationMedia.publicationId, link!.publicationId), eq(publicationMedia.mediaId, link!.mediaId)));
    const entry = (rects: unknown, at: string) => ({ actorLabel: 'old', action: 'publication.mask', entityType: 'publication', entityId: String(link!.publicationId), at: new Date(at), detail: { sourceId: 1, maskedId: link!.mediaId, rects } });
    await t.db.insert(auditLog).values([entry([{ x: 9, y: 9, width: 9, height: 9 }], '2026-01-01T00:00:00Z'), entry([{ x: 1, y: 2, width: 3, height: 4 }], '2026-02-01T00:00:00Z')]);
    const backfill = fs.readFileSync('drizzle/0006_publication_media_masks.sql', 'utf8').split('--> statement-breakpoint')[1]!;
    await t.db.execute(sql.raw(backfill));
    const [after] = await t.db.select({ masks: publicationMedia.masks }).from(publicationMedia).where(and(eq(publicationMedia.publicationId, link!.publicationId), eq(publicationMedia.mediaId, link!.mediaId)));
    expect(after!.masks).toEqual([{ x: 1, y: 2, width: 3, height: 4 }]);
  });
});

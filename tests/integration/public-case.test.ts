/**
 * 公开 of a case on a real database (issues 8 and 9): a dispatcher marks a closed demo case public and
 * Open311 GET and the open-data export then show its description and its first 处置后 photo — the 1600 px
 * re-encoded copy, never an original, never the reporter's photo, name, phone or 查询码 — and stop when it
 * is taken back. Every refusal (role, scope, open case, a phone number, no confirmation, stale form) writes
 * nothing; a repeat or two at once write once; reopening takes the case back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows } from '@/lib/db/client';
import { getPublicCasePhoto, publicPhotoIds, setCasePublic } from '@/lib/cases/public-case';
import { applyCaseAction, createStaffCase, type ActionActor, type ActionInput } from '@/lib/cases/transitions';
import type { StaffCaseAction } from '@/lib/domain/case-flow';
import { monthOf } from '@/lib/domain/stats';
import { toResponse } from '@/lib/open311/format';
import { getRequest } from '@/lib/open311/handlers';
import { listOpenDataCases } from '@/lib/stats/queries';
import { demoActor } from '../fixtures/actors';
import { openTestDb, type TestDb } from '../fixtures/db';

let t: TestDb;
const actors = new Map<string, ActionActor>();
const BASE = 'https://luzhang.example.gov.cn';
const actor = (name: string) => actors.get(name)!;

const actorOf = (username: string) => demoActor(t.db, username);

interface DemoCase {
  id: number;
  number: string;
  description: string;
  reporter_name: string;
  reporter_phone: string;
  lookup_code: string;
  street_id: number;
  district_id: number;
  created_at: Date | string;
}

/** Closed, not public, reported by a citizen who left a name and phone, with a report photo and a 处置后 photo. */
async function closedCases(where = sql`true`, limit = 1): Promise<DemoCase[]> {
  return queryRows<DemoCase>(
    t.db,
    sql`select c.id, c.number, c.description, c.reporter_name, c.reporter_phone, c.lookup_code, c.street_id, c.district_id, c.created_at
        from cases c
        where c.status = 'closed' and not c.is_public and c.reporter_name is not null and c.reporter_phone is not null and ${where}
          and exists (select 1 from case_media m where m.case_id = c.id and m.role = 'after')
          and exists (select 1 from case_media m where m.case_id = c.id and m.role = 'report')
        order by c.id limit ${limit}`,
  );
}

async function version(id: number): Promise<number> {
  const [row] = await queryRows<{ version: number }>(t.db, sql`select version from cases where id = ${id}`);
  return row!.version;
}

/** Everything 公开 could write for a case. */
async function footprint(id: number) {
  const [row] = await queryRows<{ version: number; is_public: boolean; events: number; audits: number }>(
    t.db,
    sql`select version, is_public,
               (select count(*)::int from case_events e where e.case_id = c.id) as events,
               (select count(*)::int from audit_log a where a.entity_type = 'case' and a.entity_id = c.id::text) as audits
        from cases c where c.id = ${id}`,
  );
  return row!;
}

async function open311(number: string) {
  const res = toResponse(await getRequest(t.db, 'json', number, new URLSearchParams(), { baseUrl: BASE }));
  const text = await res.text();
  const [request] = JSON.parse(text) as { description: string | null; media_url: string | null; address: string | null }[];
  return { text, request: request! };
}

async function openData(c: DemoCase) {
  const rows = await listOpenDataCases(t.db, { districtId: c.district_id, month: monthOf(new Date(c.created_at)), baseUrl: BASE });
  const row = rows.find((r) => r.case_number === c.number);
  if (!row) throw new Error(`${c.number} is not in its month's open data`);
  return { text: JSON.stringify(rows), row };
}

const publish = (c: { id: number }, who: string, over: { makePublic?: boolean; confirmed?: boolean; expectedVersion?: number } = {}) =>
  version(c.id).then((v) =>
    setCasePublic(t.db, { caseId: c.id, expectedVersion: over.expectedVersion ?? v, actor: actor(who), makePublic: over.makePublic ?? true, confirmed: over.confirmed ?? true, ip: '203.0.113.9' }),
  );

beforeAll(async () => {
  t = await openTestDb();
  for (const name of ['admin', 'dispatcher', 'street-dispatcher', 'chief', 'inspector', 'publicity']) actors.set(name, await actorOf(name));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** A JPEG as a phone writes it: larger than 1600 px, with EXIF (camera, GPS). */
async function phonePhoto(color: string): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1800, channels: 3, background: color } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestPhone', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 35/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 18/1 0/1' } })
    .toBuffer();
}

/** A hotline case through the whole loop: caller's name and phone, a report photo, the chief's 处置后 photo, 结案. */
async function closedHotlineCase(): Promise<DemoCase> {
  const created = await createStaffCase(t.db, {
    actor: actor('dispatcher'),
    source: 'hotline',
    categoryCode: 'S0201',
    segmentCode: 'QH-0001',
    description: '路口井盖松动，车压过去哐当响，晚上很吵。',
    address: '青湖路与三阳路交叉口东北角',
    lat: 30.5934,
    lng: 114.3055,
    reporterName: '李来电',
    reporterPhone: '13700137000',
    photos: { report: [{ name: 'caller.jpg', data: await phonePhoto('#884444') }] },
  });
  if (!created.ok) throw new Error(created.message);
  const step = async (who: string, action: StaffCaseAction, input: ActionInput = {}) => {
    const r = await applyCaseAction(t.db, { caseId: created.caseId, expectedVersion: await version(created.caseId), actor: actor(who), action, input });
    if (!r.ok) throw new Error(`${action}: ${r.message} ${JSON.stringify(r.errors ?? {})}`);
  };
  await step('dispatcher', 'dispatch', { assignee: { chiefId: actor('chief').chiefId! } });
  await step('chief', 'report_result', { note: '已更换井盖。', photos: { after: [{ name: 'after.jpg', data: await phonePhoto('#3a7d44') }] } });
  await step('inspector', 'verify_pass', { note: '核查合格。' });
  const [c] = await queryRows<DemoCase>(
    t.db,
    sql`select id, number, description, reporter_name, reporter_phone, lookup_code, street_id, district_id, created_at from cases where id = ${created.caseId}`,
  );
  return c!;
}

describe('a dispatcher marks a closed case 公开', () => {
  it('Open311 and open data show its description and first 处置后 photo (the re-encoded copy), never the reporter, until it is taken back', async () => {
    const c = await closedHotlineCase();
    const [afterId] = await publicPhotoIds(t.db, c.id);
    const [reportPhoto] = await queryRows<{ media_id: number }>(t.db, sql`select media_id from case_media where case_id = ${c.id} and role = 'report' limit 1`);

    const hidden = await open311(c.number);
    expect(hidden.request).toMatchObject({ description: null, media_url: null });
    expect((await openData(c)).row).toMatchObject({ description: null, photo_url: null });
    expect(await getPublicCasePhoto(t.db, { number: c.number, mediaId: afterId! })).toBeNull();

    const before = await footprint(c.id);
    const r = await publish(c, 'dispatcher');
    expect(r).toEqual({ ok: true, isPublic: true, version: before.version + 1, changed: true });
    expect(await footprint(c.id)).toEqual({ version: before.version + 1, is_public: true, events: before.events + 1, audits: before.audits + 1 });
    const [event] = await queryRows<{ action: string; visibility: string; data: { public: boolean; photos: number[] }; from_status: string; to_status: string }>(
      t.db,
      sql`select action::text, visibility::text, data, from_status::text, to_status::text from case_events where case_id = ${c.id} order by id desc limit 1`,
    );
    expect(event).toMatchObject({ action: 'comment', visibility: 'internal', from_status: 'closed', to_status: 'closed', data: { public: true, photos: [afterId] } });
    const [audit] = await queryRows<{ action: string; detail: { before: { isPublic: boolean }; after: { isPublic: boolean } } }>(
      t.db,
      sql`select action, detail from audit_log where entity_type = 'case' and entity_id = ${String(c.id)} order by id desc limit 1`,
    );
    expect(audit).toMatchObject({ action: 'case.publish', detail: { before: { isPublic: false }, after: { isPublic: true } } });

    const path = `/open311/media/${c.number}/${afterId}.jpg`;
    const shown = await open311(c.number);
    expect(shown.request).toMatchObject({ description: c.description, media_url: `${BASE}${path}`, address: expect.stringContaining('青湖路与三阳路交叉口东北角') });
    const data = await openData(c);
    expect(data.row).toMatchObject({ description: c.description, photo_url: `${BASE}${path}` });
    for (const text of [shown.text, data.text]) {
      expect(text).not.toContain(c.reporter_name);
      expect(text).not.toContain(c.reporter_phone);
      expect(text).not.toContain(c.lookup_code);
      expect(text).not.toContain(`/${reportPhoto!.media_id}.jpg`);
      expect(text).not.toContain('已更换井盖'); // staff notes stay off both
    }

    // What is served is the pipeline's 1600 px re-encoded copy: no EXIF, no GPS; the reporter's photo is not served.
    const served = await getPublicCasePhoto(t.db, { number: c.number, mediaId: afterId! });
    const [stored] = await queryRows<{ variant: string; data: Buffer }>(t.db, sql`select variant::text, data from media where id = ${afterId}`);
    expect(stored!.variant).toBe('large');
    expect(Buffer.compare(Buffer.from(served!.data), Buffer.from(stored!.data))).toBe(0);
    const meta = await sharp(Buffer.from(served!.data)).metadata();
    expect([meta.width, meta.height]).toEqual([1600, 1200]);
    expect(meta.exif).toBeUndefined();
    expect(await getPublicCasePhoto(t.db, { number: c.number, mediaId: reportPhoto!.media_id })).toBeNull();

    const back = await publish(c, 'admin', { makePublic: false });
    expect(back).toMatchObject({ ok: true, isPublic: false, changed: true });
    expect((await open311(c.number)).request).toMatchObject({ description: null, media_url: null });
    expect((await openData(c)).row).toMatchObject({ description: null, photo_url: null });
    expect(await getPublicCasePhoto(t.db, { number: c.number, mediaId: afterId! })).toBeNull();
    const [last] = await queryRows<{ action: string }>(t.db, sql`select action from audit_log where entity_type = 'case' and entity_id = ${String(c.id)} order by id desc limit 1`);
    expect(last!.action).toBe('case.unpublish');
  });
});

describe('refusals write nothing', () => {
  let c: DemoCase;
  beforeAll(async () => {
    [c] = (await closedCases(sql`c.id > 0`, 2)).slice(1) as [DemoCase];
  });

  it.each([
    ['inspector', '不能公开案件'],
    ['chief', '不能公开案件'],
    ['publicity', '不能公开案件'],
  ])('%s: forbidden', async (who, words) => {
    const before = await footprint(c.id);
    expect(await publish(c, who)).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining(words) });
    expect(await footprint(c.id)).toEqual(before);
  });

  it('a street dispatcher outside their street: forbidden', async () => {
    const sd = actor('street-dispatcher');
    const [other] = await closedCases(sql`c.street_id <> ${sd.scopeAreaId}`);
    const before = await footprint(other!.id);
    expect(await publish(other!, 'street-dispatcher')).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('管辖范围') });
    expect(await footprint(other!.id)).toEqual(before);
  });

  it('without the confirmation, on a stale form, or while the case is open: refused with the reason', async () => {
    const before = await footprint(c.id);
    expect(await publish(c, 'dispatcher', { confirmed: false })).toMatchObject({ ok: false, code: 'invalid', errors: { confirm: expect.stringContaining('请先勾选确认') } });
    expect(await publish(c, 'dispatcher', { expectedVersion: before.version - 1 })).toMatchObject({ ok: false, code: 'stale', message: expect.stringContaining('刷新') });
    expect(await footprint(c.id)).toEqual(before);
    const [open] = await queryRows<{ id: number }>(t.db, sql`select id from cases where status = 'dispatched' and not is_public order by id limit 1`);
    const openBefore = await footprint(open!.id);
    expect(await publish(open!, 'dispatcher')).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('结案后才能公开') });
    expect(await footprint(open!.id)).toEqual(openBefore);
  });

  it('a phone number in the description: refused, the case stays private', async () => {
    const [d] = await closedCases(sql`c.id <> ${c.id}`, 3);
    await t.db.execute(sql`update cases set description = ${'占道经营，摊主电话 13912345678'} where id = ${d!.id}`);
    const before = await footprint(d!.id);
    const r = await publish(d!, 'admin');
    expect(r).toMatchObject({ ok: false, code: 'invalid', errors: { description: expect.stringContaining('疑似手机号码（139****5678）') } });
    expect(await footprint(d!.id)).toEqual(before);
    expect((await open311(d!.number)).request.description).toBeNull();
  });
});

describe('repeats, races and reopening', () => {
  it('a repeated submit is answered without a second write; two at once write once', async () => {
    const [a, b] = (await closedCases(sql`true`, 8)).slice(5, 7);
    const v = await version(a!.id);
    expect(await publish(a!, 'dispatcher', { expectedVersion: v })).toMatchObject({ ok: true, changed: true });
    const once = await footprint(a!.id);
    // The same form again (its version is now old): already public, nothing written.
    expect(await publish(a!, 'dispatcher', { expectedVersion: v })).toEqual({ ok: true, isPublic: true, version: once.version, changed: false });
    expect(await footprint(a!.id)).toEqual(once);

    const vb = await version(b!.id);
    const both = await Promise.all([publish(b!, 'dispatcher', { expectedVersion: vb }), publish(b!, 'admin', { expectedVersion: vb })]);
    expect(both.every((r) => r.ok)).toBe(true);
    expect(both.filter((r) => r.ok && r.changed)).toHaveLength(1);
    expect(await footprint(b!.id)).toMatchObject({ version: vb + 1, is_public: true });
  });

  it('公开 and another action on the same version: one wins, the other is told the case moved', async () => {
    const [c] = (await closedCases(sql`true`, 9)).slice(8);
    const v = await version(c!.id);
    const [pub, note] = await Promise.all([
      publish(c!, 'dispatcher', { expectedVersion: v }),
      applyCaseAction(t.db, { caseId: c!.id, expectedVersion: v, actor: actor('admin'), action: 'comment', input: { note: '已回访反映人。' } }),
    ]);
    expect([pub.ok, note.ok].sort()).toEqual([false, true]);
    const loser = pub.ok ? note : pub;
    expect(loser).toMatchObject({ ok: false, code: 'stale' });
    expect(await version(c!.id)).toBe(v + 1);
  });

  it('reopening a public case takes it back: the result will change', async () => {
    const [c] = (await closedCases(sql`true`, 10)).slice(9);
    expect(await publish(c!, 'dispatcher')).toMatchObject({ ok: true, changed: true });
    const r = await applyCaseAction(t.db, { caseId: c!.id, expectedVersion: await version(c!.id), actor: actor('dispatcher'), action: 'reopen', input: { note: '市民来电反映问题复现。' } });
    expect(r).toMatchObject({ ok: true, status: 'accepted' });
    expect(await footprint(c!.id)).toMatchObject({ is_public: false });
    expect((await open311(c!.number)).request).toMatchObject({ description: null, media_url: null });
    const [audit] = await queryRows<{ detail: { before: { isPublic: boolean }; after: { isPublic: boolean } } }>(
      t.db,
      sql`select detail from audit_log where entity_type = 'case' and entity_id = ${String(c!.id)} and action = 'case.reopen' order by id desc limit 1`,
    );
    expect(audit!.detail).toMatchObject({ before: { isPublic: true }, after: { isPublic: false } });
  });
});

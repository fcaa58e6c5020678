/**
 * 查进度 on a real database: lookups by code and by phone, the one answer for wrong pairs and missing
 * cases, rate limits per IP and per case number, the access token, the citizen's view (no private
 * fields, no internal notes), photos, rating once and 问题未解决.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/client';
import { rateClosedCase, reopenClosedCase } from '@/lib/cases/citizen';
import { listDemoTrackSamples } from '@/lib/cases/queries';
import { authorizedCase, getCitizenCaseView, getCitizenPhoto, lookupTrackedCase } from '@/lib/cases/track';
import { signTrackAccess } from '@/lib/cases/track-access';
import { NOT_FOUND_MESSAGE, parseTrackLookup, type TrackLookup } from '@/lib/domain/track-input';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_TODAY } from '../fixtures/seeded';

const SECRET = 'test-secret-for-track-access-0123456789';
const DAY = 86_400_000;
let t: TestDb;
let ipSeq = 0;
/** Each test speaks from its own address unless it is about the per-IP limit. */
const freshIp = () => `198.51.100.${++ipSeq}`;

interface CaseRow {
  id: number;
  number: string;
  lookup_code: string;
  reporter_phone: string | null;
  reporter_name: string | null;
  status: string;
  version: number;
  closed_at: Date | null;
}

async function findCase(where: ReturnType<typeof sql>, offset = 0): Promise<CaseRow> {
  const [row] = await queryRows<CaseRow>(
    t.db,
    sql`select id, number, lookup_code, reporter_phone, reporter_name, status, version, closed_at from cases c where ${where} order by id limit 1 offset ${offset}`,
  );
  if (!row) throw new Error('no seeded case fits');
  return { ...row, closed_at: row.closed_at ? new Date(row.closed_at) : null };
}

async function caseState(id: number) {
  const [row] = await queryRows<{ status: string; version: number; satisfaction: number | null; closed_at: string | null; events: number }>(
    t.db,
    sql`select status, version, satisfaction, closed_at, (select count(*)::int from case_events e where e.case_id = c.id) as events from cases c where id = ${id}`,
  );
  return row!;
}

const byCode = (number: string, code: string): TrackLookup => ({ number, code, phoneLast4: null });
const byPhone = (number: string, phoneLast4: string): TrackLookup => ({ number, code: null, phoneLast4 });
const lookup = (l: TrackLookup, ip = freshIp(), now = TEST_TODAY) => lookupTrackedCase(t.db, { lookup: l, ip, secret: SECRET, now });
const wrongCode = (code: string) => (code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA');

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

describe('lookup', () => {
  it('finds a case by number and lookup code and grants access to it', async () => {
    const c = await findCase(sql`status = 'dispatched'`);
    const result = await lookup(byCode(c.number, c.lookup_code));
    expect(result).toMatchObject({ ok: true, number: c.number });
    const token = result.ok ? result.token : '';
    expect(await authorizedCase(t.db, { number: c.number, token, secret: SECRET, now: TEST_TODAY })).toEqual({ caseId: c.id, number: c.number });
  });

  it('finds a case by number and the last 4 digits of the phone the reporter gave', async () => {
    const c = await findCase(sql`reporter_phone is not null and status = 'closed'`);
    const result = await lookup(byPhone(c.number, c.reporter_phone!.slice(-4)));
    expect(result).toMatchObject({ ok: true, number: c.number });
  });

  it('accepts what people type: full-width digits, lower case, spaces', async () => {
    const c = await findCase(sql`status = 'accepted'`);
    const typed = c.number.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace('-', ' ');
    const parsed = parseTrackLookup({ number: typed, code: ` ${c.lookup_code.toLowerCase().split('').join(' ')} ` });
    expect(parsed).toEqual({ ok: true, value: byCode(c.number, c.lookup_code) });
    expect(await lookup(parsed.ok ? parsed.value : byCode('', ''))).toMatchObject({ ok: true });
  });

  it('answers a wrong code, a wrong phone, a case without a phone and a missing case exactly alike', async () => {
    const c = await findCase(sql`reporter_phone is not null`);
    const noPhone = await findCase(sql`reporter_phone is null`);
    const otherDigits = String((Number(c.reporter_phone!.slice(-4)) + 1) % 10000).padStart(4, '0');
    const answers = [
      await lookup(byCode(c.number, wrongCode(c.lookup_code))),
      await lookup(byPhone(c.number, otherDigits)),
      await lookup(byPhone(noPhone.number, '0000')),
      await lookup(byCode('19990101-0001', c.lookup_code)),
      await lookup(byPhone('19990101-0002', c.reporter_phone!.slice(-4))),
    ];
    for (const a of answers) expect(a).toEqual({ ok: false, error: 'not_found', message: NOT_FOUND_MESSAGE });
    expect(NOT_FOUND_MESSAGE).toBe('未找到该案件，或查询码不正确。请核对回执上的案件编号和查询码。');
  });

  it("does not open a case with another case's code", async () => {
    const a = await findCase(sql`true`, 10);
    const b = await findCase(sql`lookup_code <> ${a.lookup_code}`, 11);
    expect(await lookup(byCode(a.number, b.lookup_code))).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('refuses a case number after 10 attempts in a day, even with the right code, and says how long to wait', async () => {
    const c = await findCase(sql`status = 'handled'`);
    const wrong = wrongCode(c.lookup_code);
    for (let i = 0; i < 10; i++) expect(await lookup(byCode(c.number, wrong))).toMatchObject({ error: 'not_found' });
    const refused = await lookup(byCode(c.number, c.lookup_code));
    expect(refused).toMatchObject({ ok: false, error: 'rate_limited' });
    expect(refused.ok ? '' : refused.message).toMatch(/^该案件编号的查询太频繁，请 \d+ (分钟|小时)后再试。$/);
    // Another case number is not affected, and the next day the number opens again.
    const other = await findCase(sql`status = 'handled'`, 1);
    expect(await lookup(byCode(other.number, other.lookup_code))).toMatchObject({ ok: true });
    expect(await lookup(byCode(c.number, c.lookup_code), freshIp(), new Date(TEST_TODAY.getTime() + DAY))).toMatchObject({ ok: true });
  });

  it('counts lookups of a number that does not exist, so the answer for it is the same refusal', async () => {
    for (let i = 0; i < 10; i++) expect(await lookup(byCode('19990102-0001', 'AAAAAA'))).toMatchObject({ error: 'not_found' });
    expect(await lookup(byCode('19990102-0001', 'AAAAAA'))).toMatchObject({ error: 'rate_limited' });
  });

  it('refuses an IP after 30 lookups in 10 minutes, whatever numbers it tries, and leaves other IPs alone', async () => {
    const ip = '203.0.113.77';
    for (let i = 1; i <= 30; i++) {
      const r = await lookup(byCode(`19990103-${String(i).padStart(4, '0')}`, 'AAAAAA'), ip);
      expect(r, `attempt ${i}`).toMatchObject({ error: 'not_found' });
    }
    const c = await findCase(sql`status = 'closed'`, 5);
    const refused = await lookup(byCode(c.number, c.lookup_code), ip);
    expect(refused).toMatchObject({ ok: false, error: 'rate_limited' });
    expect(refused.ok ? '' : refused.message).toMatch(/^查询太频繁，请 \d+ 分钟后再试。$/);
    expect(await lookup(byCode(c.number, c.lookup_code), '203.0.113.78')).toMatchObject({ ok: true });
    // Ten minutes later the window has passed.
    expect(await lookup(byCode(c.number, c.lookup_code), ip, new Date(TEST_TODAY.getTime() + 10 * 60_000))).toMatchObject({ ok: true });
  });

  it('follows the thresholds in settings', async () => {
    await t.db.execute(sql`insert into settings (key, value) values ('track.lookupsPerCasePerDay', '2'::jsonb)
      on conflict (key) do update set value = excluded.value`);
    try {
      const c = await findCase(sql`status = 'submitted'`);
      await lookup(byCode(c.number, wrongCode(c.lookup_code)));
      expect(await lookup(byCode(c.number, c.lookup_code))).toMatchObject({ ok: true });
      expect(await lookup(byCode(c.number, c.lookup_code))).toMatchObject({ error: 'rate_limited' });
    } finally {
      await t.db.execute(sql`delete from settings where key = 'track.lookupsPerCasePerDay'`);
    }
  });
});

describe('access token', () => {
  it('refuses a missing, forged, expired or foreign token, or one made with another secret', async () => {
    const a = await findCase(sql`status = 'closed'`, 20);
    const b = await findCase(sql`status = 'closed'`, 21);
    const ok = signTrackAccess({ secret: SECRET, number: a.number, lookupCode: a.lookup_code, now: TEST_TODAY });
    const check = (number: string, token: string | null, now = TEST_TODAY, secret = SECRET) => authorizedCase(t.db, { number, token, secret, now });
    expect(await check(a.number, ok)).toEqual({ caseId: a.id, number: a.number });
    expect(await check(a.number, null)).toBeNull();
    expect(await check(a.number, '')).toBeNull();
    expect(await check(a.number, 'garbage')).toBeNull();
    expect(await check(a.number, ok.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')))).toBeNull();
    expect(await check(a.number, `${Number(ok.split('.')[0]) + 1000}.${ok.split('.')[1]}`)).toBeNull(); // extended expiry
    expect(await check(b.number, ok)).toBeNull();
    expect(await check(a.number, ok, new Date(TEST_TODAY.getTime() + 31 * DAY))).toBeNull();
    expect(await check(a.number, ok, TEST_TODAY, 'another-secret')).toBeNull();
    expect(await check('19990101-0001', ok)).toBeNull();
  });

  it('ends when the case gets a new lookup code', async () => {
    const c = await findCase(sql`status = 'closed'`, 22);
    const token = signTrackAccess({ secret: SECRET, number: c.number, lookupCode: c.lookup_code, now: TEST_TODAY });
    await t.db.execute(sql`update cases set lookup_code = 'XXXXXX' where id = ${c.id}`);
    expect(await authorizedCase(t.db, { number: c.number, token, secret: SECRET, now: TEST_TODAY })).toBeNull();
  });
});

describe("the citizen's view", () => {
  it('shows a closed case as four finished steps with dates, category, place, unit and result photos', async () => {
    const c = await findCase(sql`status = 'closed' and source = 'citizen' and assignee_department_id is not null
      and exists (select 1 from case_media m where m.case_id = c.id and m.role = 'after')`);
    const view = (await getCitizenCaseView(t.db, { caseId: c.id, now: TEST_TODAY }))!;
    expect(view.stageLabel).toBe('已办结');
    expect(view.steps.map((s) => [s.label, s.state])).toEqual([
      ['已提交', 'done'],
      ['已受理', 'done'],
      ['处理中', 'done'],
      ['已办结', 'done'],
    ]);
    expect(view.steps.every((s) => s.at instanceof Date)).toBe(true);
    expect(view.category).toBeTruthy();
    expect(view.segment?.code).toMatch(/^QH-\d{4}$/);
    const [dept] = await queryRows<{ name: string }>(t.db, sql`select d.name from departments d join cases c on c.assignee_department_id = d.id where c.id = ${c.id}`);
    expect(view.handlingUnit).toBe(dept!.name);
    expect(view.photos.report.length).toBeGreaterThan(0);
    expect(view.photos.after.length).toBeGreaterThan(0);
    expect(view.replies.map((r) => r.title)).toContain('核查通过，已办结');
  });

  it("names a chief's case by its segment's 路长 post, and nobody before dispatch", async () => {
    const chief = await findCase(sql`status = 'dispatched' and assignee_chief_id is not null`);
    const view = (await getCitizenCaseView(t.db, { caseId: chief.id, now: TEST_TODAY }))!;
    expect(view.handlingUnit).toBe(`${view.segment!.name}路长`);
    const [person] = await queryRows<{ name: string }>(t.db, sql`select ch.name from chiefs ch join cases c on c.assignee_chief_id = ch.id where c.id = ${chief.id}`);
    expect(JSON.stringify(view)).not.toContain(person!.name);
    const accepted = await findCase(sql`status = 'accepted'`);
    expect((await getCitizenCaseView(t.db, { caseId: accepted.id, now: TEST_TODAY }))!.handlingUnit).toBeNull();
  });

  it('keeps result photos back until the case is closed', async () => {
    const c = await findCase(sql`status = 'handled' and exists (select 1 from case_media m where m.case_id = c.id and m.role = 'after')`);
    const view = (await getCitizenCaseView(t.db, { caseId: c.id, now: TEST_TODAY }))!;
    expect(view.stageLabel).toBe('处理中');
    expect(view.photos.after).toEqual([]);
  });

  it('shows 未受理 with the reason in Chinese', async () => {
    const c = await findCase(sql`status = 'rejected' and reject_reason = 'out_of_scope'`);
    const view = (await getCitizenCaseView(t.db, { caseId: c.id, now: TEST_TODAY }))!;
    expect(view.steps.map((s) => s.label)).toEqual(['已提交', '未受理']);
    expect(view.rejectReason).toBe('不属于城市管理受理范围');
    expect(view.canRate).toBe(false);
    expect(view.reopen.allowed).toBe(false);
  });

  it('never carries the reporter name or phone, actor labels, or internal notes', async () => {
    const c = await findCase(sql`reporter_name is not null and reporter_phone is not null
      and exists (select 1 from case_events e where e.case_id = c.id and e.visibility = 'internal' and e.note is not null)`);
    const internal = await queryRows<{ note: string }>(t.db, sql`select note from case_events where case_id = ${c.id} and visibility = 'internal' and note is not null`);
    const labels = await queryRows<{ actor_label: string }>(t.db, sql`select distinct actor_label from case_events where case_id = ${c.id}`);
    const view = await getCitizenCaseView(t.db, { caseId: c.id, now: TEST_TODAY });
    const json = JSON.stringify(view);
    expect(json).not.toContain(c.reporter_name!);
    expect(json).not.toContain(c.reporter_phone!);
    expect(json).not.toContain(c.reporter_phone!.slice(-4));
    for (const { note } of internal) expect(json).not.toContain(note);
    for (const { actor_label } of labels) expect(view!.replies.some((r) => r.title === actor_label || r.note === actor_label)).toBe(false);
    expect(Object.keys(view!)).not.toEqual(expect.arrayContaining(['reporterName']));
    expect(json).not.toMatch(/reporter|actor|lookup/i);
    // The lookup result carries nothing but the number and a token either.
    const result = await lookup(byPhone(c.number, c.reporter_phone!.slice(-4)));
    expect(Object.keys(result).sort()).toEqual(['number', 'ok', 'token']);
    expect(JSON.stringify(result)).not.toContain(c.reporter_phone!.slice(-4));
  });
});

describe('photos', () => {
  it("serves the reporter's photo as a thumbnail and full size, never another case's photo", async () => {
    const c = await findCase(sql`status = 'dispatched' and exists (select 1 from case_media m where m.case_id = c.id and m.role = 'report')`);
    const view = (await getCitizenCaseView(t.db, { caseId: c.id, now: TEST_TODAY }))!;
    const id = view.photos.report[0]!;
    const thumb = await getCitizenPhoto(t.db, { caseId: c.id, mediaId: id, size: 'thumb' });
    const large = await getCitizenPhoto(t.db, { caseId: c.id, mediaId: id, size: 'large' });
    expect(thumb?.contentType).toBe('image/jpeg');
    expect(thumb!.data.length).toBeLessThan(large!.data.length);
    const [variants] = await queryRows<{ thumb: number }>(t.db, sql`select count(*)::int as thumb from media where source_id = ${id} and variant = 'thumb'`);
    expect(variants!.thumb).toBe(1);
    // A media id this case does not link, and one of a case whose photos differ.
    const [foreign] = await queryRows<{ media_id: number }>(t.db, sql`select media_id from case_media where media_id not in (select media_id from case_media where case_id = ${c.id}) limit 1`);
    expect(await getCitizenPhoto(t.db, { caseId: c.id, mediaId: foreign!.media_id, size: 'thumb' })).toBeNull();
    expect(await getCitizenPhoto(t.db, { caseId: c.id, mediaId: 999_999, size: 'large' })).toBeNull();
  });

  it('serves result photos only once the case is closed', async () => {
    const handled = await findCase(sql`status = 'handled' and exists (select 1 from case_media m where m.case_id = c.id and m.role = 'after')`);
    const [after] = await queryRows<{ media_id: number }>(t.db, sql`select media_id from case_media where case_id = ${handled.id} and role = 'after'`);
    expect(await getCitizenPhoto(t.db, { caseId: handled.id, mediaId: after!.media_id, size: 'thumb' })).toBeNull();
    const closed = await findCase(sql`status = 'closed' and exists (select 1 from case_media m where m.case_id = c.id and m.role = 'after')`);
    const [shown] = await queryRows<{ media_id: number }>(t.db, sql`select media_id from case_media where case_id = ${closed.id} and role = 'after'`);
    expect(await getCitizenPhoto(t.db, { caseId: closed.id, mediaId: shown!.media_id, size: 'thumb' })).not.toBeNull();
  });

  it("never serves a patrol's 'before' photo or an original", async () => {
    const c = await findCase(sql`exists (select 1 from case_media m where m.case_id = c.id and m.role = 'before')
      and not exists (select 1 from case_media m where m.case_id = c.id and m.role = 'report')`);
    const [before] = await queryRows<{ media_id: number }>(t.db, sql`select media_id from case_media where case_id = ${c.id} and role = 'before'`);
    expect(await getCitizenPhoto(t.db, { caseId: c.id, mediaId: before!.media_id, size: 'large' })).toBeNull();
    // An original linked as a report photo is not served; only its derivatives would be.
    const [orig] = await queryRows<{ id: number }>(
      t.db,
      sql`insert into media (sha256, variant, content_type, width, height, size_bytes, data) values ('orig-test', 'original', 'image/jpeg', 1, 1, 3, '\\x010203'::bytea) returning id`,
    );
    const target = await findCase(sql`status = 'accepted'`, 3);
    await t.db.execute(sql`insert into case_media (case_id, media_id, role, sort_order) values (${target.id}, ${orig!.id}, 'report', 9)`);
    expect(await getCitizenPhoto(t.db, { caseId: target.id, mediaId: orig!.id, size: 'large' })).toBeNull();
    expect(await getCitizenPhoto(t.db, { caseId: target.id, mediaId: orig!.id, size: 'thumb' })).toBeNull();
  });
});

describe('rating', () => {
  it('rates a closed case once; a second rating is refused and changes nothing', async () => {
    const c = await findCase(sql`status = 'closed' and satisfaction is null and source = 'citizen'`);
    const before = await caseState(c.id);
    expect(await rateClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, stars: 4, comment: '处理及时', now: TEST_TODAY })).toEqual({ ok: true, version: c.version + 1 });
    const after = await caseState(c.id);
    expect(after).toMatchObject({ satisfaction: 4, version: c.version + 1, events: before.events + 1, status: 'closed' });
    const [event] = await queryRows<{ action: string; note: string; visibility: string; actor_label: string; data: { stars: number } }>(
      t.db,
      sql`select action, note, visibility, actor_label, data from case_events where case_id = ${c.id} order by id desc limit 1`,
    );
    expect(event).toEqual({ action: 'rate', note: '处理及时', visibility: 'internal', actor_label: '市民', data: { stars: 4 } });
    expect(await rateClosedCase(t.db, { caseId: c.id, expectedVersion: c.version + 1, stars: 1, comment: '', now: TEST_TODAY })).toEqual({ ok: false, error: 'already_rated' });
    expect(await caseState(c.id)).toEqual(after);
    const view = (await getCitizenCaseView(t.db, { caseId: c.id, now: TEST_TODAY }))!;
    expect(view).toMatchObject({ satisfaction: 4, canRate: false });
  });

  it('refuses to rate a case that is not closed, or from a page drawn before the case changed', async () => {
    const open = await findCase(sql`status = 'dispatched'`, 3);
    expect(await rateClosedCase(t.db, { caseId: open.id, expectedVersion: open.version, stars: 5, comment: '', now: TEST_TODAY })).toEqual({ ok: false, error: 'not_closed' });
    const c = await findCase(sql`status = 'closed' and satisfaction is null`, 2);
    const before = await caseState(c.id);
    expect(await rateClosedCase(t.db, { caseId: c.id, expectedVersion: c.version - 1, stars: 5, comment: '', now: TEST_TODAY })).toEqual({ ok: false, error: 'stale' });
    expect(await caseState(c.id)).toEqual(before);
  });

  it('refuses stars outside 1–5 as a programming error, before writing anything', async () => {
    const c = await findCase(sql`status = 'closed' and satisfaction is null`, 4);
    const before = await caseState(c.id);
    await expect(rateClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, stars: 6, comment: '', now: TEST_TODAY })).rejects.toThrow(RangeError);
    expect(await caseState(c.id)).toEqual(before);
  });

  it('lets only one of two simultaneous ratings through', async () => {
    const c = await findCase(sql`status = 'closed' and satisfaction is null`, 6);
    const results = await Promise.all([3, 5].map((stars) => rateClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, stars, comment: '', now: TEST_TODAY })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, error: 'already_rated' });
    expect((await caseState(c.id)).version).toBe(c.version + 1);
  });
});

describe('问题未解决', () => {
  it('reopens a case closed less than 7 days ago: back to 已受理 with the reason public', async () => {
    const c = await findCase(sql`status = 'closed' and closed_at > ${new Date(TEST_TODAY.getTime() - 6 * DAY)}`);
    const before = await caseState(c.id);
    const reason = '垃圾只清了一半，旁边还有一堆。';
    expect(await reopenClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, reason, now: TEST_TODAY })).toEqual({ ok: true, version: c.version + 1 });
    expect(await caseState(c.id)).toMatchObject({ status: 'accepted', closed_at: null, version: c.version + 1, events: before.events + 1 });
    const view = (await getCitizenCaseView(t.db, { caseId: c.id, now: TEST_TODAY }))!;
    expect(view.stageLabel).toBe('已受理');
    expect(view.steps.map((s) => s.state)).toEqual(['done', 'current', 'upcoming', 'upcoming']);
    expect(view.steps[1]!.at).toEqual(TEST_TODAY);
    expect(view.replies.at(-1)).toEqual({ at: TEST_TODAY, title: '市民反映问题未解决', note: reason });
    expect(view.reopen.allowed).toBe(false);
    expect(view.photos.after).toEqual([]);
    // It is back in the dispatcher's inbox of accepted cases.
    const [inbox] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases where status = 'accepted' and id = ${c.id}`);
    expect(inbox!.n).toBe(1);
  });

  it('allows it up to the 7th day and refuses it after, changing nothing', async () => {
    const c = await findCase(sql`status = 'closed'`, 30);
    const closedAt = c.closed_at!.getTime();
    const before = await caseState(c.id);
    expect(await reopenClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, reason: '没修好', now: new Date(closedAt + 7 * DAY + 1000) })).toEqual({ ok: false, error: 'window_passed' });
    expect(await caseState(c.id)).toEqual(before);
    const view = (await getCitizenCaseView(t.db, { caseId: c.id, now: new Date(closedAt + 7 * DAY + 1000) }))!;
    expect(view.reopen).toEqual({ allowed: false, until: new Date(closedAt + 7 * DAY), windowDays: 7 });
    expect(await reopenClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, reason: '没修好', now: new Date(closedAt + 7 * DAY) })).toMatchObject({ ok: true });
  });

  it('refuses a page drawn before the case changed, with nothing written', async () => {
    const c = await findCase(sql`status = 'closed'`, 31);
    const now = new Date(c.closed_at!.getTime() + DAY);
    const before = await caseState(c.id);
    expect(await reopenClosedCase(t.db, { caseId: c.id, expectedVersion: c.version - 1, reason: '还是脏', now })).toEqual({ ok: false, error: 'stale' });
    expect(await caseState(c.id)).toEqual(before);
  });

  it('lets only one of two simultaneous reopens through; the other is told the case changed', async () => {
    const c = await findCase(sql`status = 'closed'`, 32);
    const now = new Date(c.closed_at!.getTime() + DAY);
    const results = await Promise.all(['一', '二'].map((r) => reopenClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, reason: `理由${r}`, now })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, error: 'stale' });
    const [n] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from case_events where case_id = ${c.id} and action = 'reopen'`);
    expect(n!.n).toBe(1);
  });

  it('refuses a case that is not closed', async () => {
    const c = await findCase(sql`status = 'handled'`, 2);
    expect(await reopenClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, reason: '没修', now: TEST_TODAY })).toEqual({ ok: false, error: 'not_closed' });
  });
});

describe('demo samples', () => {
  it('offers one closed unrated, one in-progress and one rejected citizen case whose codes open them', async () => {
    const samples = await listDemoTrackSamples(t.db);
    expect(samples.map((s) => s.label)).toEqual(['已办结，可评价', '处理中', '未受理']);
    for (const s of samples) {
      const result = await lookup(byCode(s.number, s.lookupCode));
      expect(result, s.label).toMatchObject({ ok: true, number: s.number });
      const access = await authorizedCase(t.db, { number: s.number, token: result.ok ? result.token : '', secret: SECRET, now: TEST_TODAY });
      const view = (await getCitizenCaseView(t.db, { caseId: access!.caseId, now: TEST_TODAY }))!;
      expect(view.stageLabel).toBe({ '已办结，可评价': '已办结', 处理中: '处理中', 未受理: '未受理' }[s.label]);
      if (s.label === '已办结，可评价') expect(view.canRate).toBe(true);
    }
  });
});

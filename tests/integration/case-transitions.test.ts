/**
 * The case state machine on a real database: the whole loop from a report to 结案 with its events,
 * timestamps, photos and audit rows; every refusal writes nothing; two transitions at once (one wins);
 * merging makes the duplicate's reporter follow the master; deadlines count working hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows } from '@/lib/db/client';
import { applyCaseAction, createStaffCase, loadFlowCase, TRANSITION_MESSAGE, type ActionActor, type ActionInput } from '@/lib/cases/transitions';
import { reopenClosedCase } from '@/lib/cases/citizen';
import { getCitizenCaseView, getCitizenPhoto } from '@/lib/cases/track';
import { allowedActions, type StaffCaseAction } from '@/lib/domain/case-flow';
import { demoActor } from '../fixtures/actors';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_TODAY } from '../fixtures/seeded';

let t: TestDb;
let dispatcher: ActionActor;
let chief: ActionActor;
let department: ActionActor;
let inspector: ActionActor;
let publicity: ActionActor;
/** A segment the demo chief is a current chief of, and a 小类 whose time limit the tests set to 4 working hours. */
let segmentCode: string;
let categoryCode: string;
let otherChiefId: number;
let departmentId: number;

/** Friday 2026-11-20 16:00 in China: one working hour left in the week. */
const FRIDAY_4PM = new Date('2026-11-20T16:00:00+08:00');
const HOUR = 3_600_000;
const at = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR);

async function photo(color = '#777777'): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: color } }).jpeg().toBuffer();
}

const actorOf = (username: string) => demoActor(t.db, username);

interface CaseState {
  status: string;
  version: number;
  level: string;
  assignee_chief_id: number | null;
  assignee_department_id: number | null;
  deadline_at: Date | null;
  accepted_at: Date | null;
  dispatched_at: Date | null;
  handled_at: Date | null;
  closed_at: Date | null;
  duplicate_of_id: number | null;
  reject_reason: string | null;
  supervise_count: number;
  disposition: string | null;
}

async function caseState(id: number): Promise<CaseState> {
  const [row] = await queryRows<CaseState>(
    t.db,
    sql`select status, version, level, assignee_chief_id, assignee_department_id, deadline_at, accepted_at, dispatched_at, handled_at, closed_at,
               duplicate_of_id, reject_reason, supervise_count, disposition from cases where id = ${id}`,
  );
  const d = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { ...row!, deadline_at: d(row!.deadline_at), accepted_at: d(row!.accepted_at), dispatched_at: d(row!.dispatched_at), handled_at: d(row!.handled_at), closed_at: d(row!.closed_at) };
}

async function events(id: number) {
  return queryRows<{ id: number; action: string; from_status: string | null; to_status: string | null; actor_user_id: number | null; actor_label: string; note: string | null; visibility: string; data: Record<string, unknown> | null }>(
    t.db,
    sql`select id::int as id, action, from_status, to_status, actor_user_id, actor_label, note, visibility, data from case_events where case_id = ${id} order by at, id`,
  );
}

/** Everything a transition could write, counted: a refusal must leave all of it as it was. */
async function footprint(id: number) {
  const [row] = await queryRows<Record<string, number | string>>(
    t.db,
    sql`select (select count(*)::int from case_events) as events, (select count(*)::int from audit_log) as audits,
               (select count(*)::int from case_media) as links, (select count(*)::int from media) as media,
               (select version from cases where id = ${id}) as version, (select status::text from cases where id = ${id}) as status,
               (select count(*)::int from cases) as cases`,
  );
  return row!;
}

/** A chief's patrol find, waiting in the dispatcher's inbox. */
async function submittedCase(now = TEST_TODAY, description = '人行道上有一堆建筑垃圾'): Promise<{ id: number; number: string; version: number }> {
  const created = await createStaffCase(t.db, { actor: chief, source: 'patrol', categoryCode, segmentCode, description, photos: { report: [{ name: 'r.jpg', data: await photo() }] }, now });
  if (!created.ok) throw new Error(`patrol case refused: ${created.message} ${JSON.stringify(created.errors)}`);
  expect(created.status).toBe('submitted');
  return { id: created.caseId, number: created.number, version: created.version };
}

async function act(c: { id: number; version: number }, actor: ActionActor, action: StaffCaseAction, input: ActionInput = {}, now = TEST_TODAY) {
  const result = await applyCaseAction(t.db, { caseId: c.id, expectedVersion: c.version, actor, action, input, ip: '203.0.113.9', now });
  if (result.ok) c.version = result.version;
  return result;
}

/** Runs the desk's steps up to a dispatched case (assigned to the demo chief). */
async function dispatchedCase(now = TEST_TODAY) {
  const c = await submittedCase(now);
  expect(await act(c, dispatcher, 'accept', {}, now)).toMatchObject({ ok: true, status: 'accepted' });
  expect(await act(c, dispatcher, 'dispatch', { assignee: { chiefId: chief.chiefId! } }, now)).toMatchObject({ ok: true, status: 'dispatched' });
  return c;
}

beforeAll(async () => {
  t = await openTestDb();
  dispatcher = await actorOf('dispatcher');
  chief = await actorOf('chief');
  department = await actorOf('department');
  inspector = await actorOf('inspector');
  publicity = await actorOf('publicity');
  const [seg] = await queryRows<{ code: string }>(
    t.db,
    sql`select s.code from chief_assignments a join segments s on s.id = a.segment_id where a.chief_id = ${chief.chiefId} and a.ends_on is null and s.active order by s.id limit 1`,
  );
  segmentCode = seg!.code;
  const [other] = await queryRows<{ id: number }>(
    t.db,
    sql`select c.id from chiefs c where c.id <> ${chief.chiefId} and c.active and not exists (
          select 1 from chief_assignments a join segments s on s.id = a.segment_id where a.chief_id = c.id and s.code = ${segmentCode}) order by c.id limit 1`,
  );
  otherChiefId = other!.id;
  departmentId = department.departmentId!;
  const [cat] = await queryRows<{ code: string }>(t.db, sql`select code from categories where parent_id is not null and active and time_limit_hours is not null order by id limit 1`);
  categoryCode = cat!.code;
  await t.db.execute(sql`update categories set time_limit_hours = 4 where code = ${categoryCode}`);
});
afterAll(() => t?.close());

describe('the closed loop', () => {
  it('runs a patrol find from submitted to closed, with an event, a timestamp and an audit row at every step', async () => {
    const auditsBefore = (await footprint(0)).audits as number;
    const c = await submittedCase(TEST_TODAY);
    const steps: [ActionActor, StaffCaseAction, ActionInput, number][] = [
      [dispatcher, 'accept', { note: '已核实', noteVisibility: 'public' }, 1],
      [dispatcher, 'dispatch', { assignee: { chiefId: chief.chiefId! }, note: '请尽快清理', noteVisibility: 'internal' }, 2],
      [chief, 'report_result', { note: '已清运完毕', noteVisibility: 'public', photos: { before: [{ name: 'b.jpg', data: await photo('#333333') }], after: [{ name: 'a.jpg', data: await photo('#eeeeee') }] } }, 3],
      [inspector, 'verify_pass', { note: '现场核查合格' }, 4],
    ];
    for (const [actor, action, input, hours] of steps) {
      const result = await act(c, actor, action, input, at(TEST_TODAY, hours));
      expect(result, action).toMatchObject({ ok: true, segmentCodes: [segmentCode] });
    }
    const s = await caseState(c.id);
    expect(s).toMatchObject({ status: 'closed', version: 5, assignee_chief_id: chief.chiefId, disposition: 'dispatch' });
    expect(s.accepted_at).toEqual(at(TEST_TODAY, 1));
    expect(s.dispatched_at).toEqual(at(TEST_TODAY, 2));
    expect(s.handled_at).toEqual(at(TEST_TODAY, 3));
    expect(s.closed_at).toEqual(at(TEST_TODAY, 4));
    // Wednesday 12:00 + 4 working hours = 16:00 the same day.
    expect(s.deadline_at).toEqual(new Date('2026-11-18T16:00:00+08:00'));

    const timeline = await events(c.id);
    expect(timeline.map((e) => [e.action, e.from_status, e.to_status])).toEqual([
      ['submit', null, 'submitted'],
      ['accept', 'submitted', 'accepted'],
      ['dispatch', 'accepted', 'dispatched'],
      ['report_result', 'dispatched', 'handled'],
      ['verify_pass', 'handled', 'closed'],
    ]);
    expect(timeline.map((e) => e.actor_user_id)).toEqual([chief.userId, dispatcher.userId, dispatcher.userId, chief.userId, inspector.userId]);
    expect(timeline.map((e) => e.visibility)).toEqual(['internal', 'public', 'internal', 'public', 'internal']);
    expect(timeline[2]!.data).toMatchObject({ deadlineAt: '2026-11-18T08:00:00.000Z' });

    const media = await queryRows<{ role: string; event_id: number }>(t.db, sql`select role, event_id::int as event_id from case_media where case_id = ${c.id} order by role::text`);
    expect(media).toEqual([
      { role: 'after', event_id: timeline[3]!.id },
      { role: 'before', event_id: timeline[3]!.id },
      { role: 'report', event_id: timeline[0]!.id },
    ]);

    const audits = await queryRows<{ action: string; actor_user_id: number; ip: string; detail: { before: { status: string }; after: { status: string } } }>(
      t.db,
      sql`select action, actor_user_id, host(ip) as ip, detail from audit_log where entity_type = 'case' and entity_id = ${String(c.id)} order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['case.create', 'case.accept', 'case.dispatch', 'case.report_result', 'case.verify_pass']);
    expect(audits[4]).toMatchObject({ actor_user_id: inspector.userId, ip: '203.0.113.9', detail: { before: { status: 'handled' }, after: { status: 'closed' } } });
    expect(((await footprint(0)).audits as number) - auditsBefore).toBe(5);

    // The reporter's /track view follows: closed, with the result photo.
    const view = (await getCitizenCaseView(t.db, { caseId: c.id, now: at(TEST_TODAY, 5) }))!;
    expect(view.stage).toBe('closed');
    expect(view.photos.after).toHaveLength(1);
  });

  it('a return goes back to the desk, which re-dispatches to a department with a new deadline', async () => {
    const c = await dispatchedCase();
    expect(await act(c, chief, 'return', { note: '属于燃气管道，不是路面问题', suggestedUnit: '燃气公司' })).toMatchObject({ ok: true, status: 'returned' });
    expect((await events(c.id)).at(-1)).toMatchObject({ action: 'return', note: '属于燃气管道，不是路面问题', data: { suggestedUnit: '燃气公司' } });
    expect(allowedActions(dispatcher, (await loadFlowCase(t.db, { caseId: c.id }))!.flow)).toContain('dispatch');
    expect(await act(c, dispatcher, 'dispatch', { assignee: { departmentId } }, FRIDAY_4PM)).toMatchObject({ ok: true, status: 'dispatched' });
    const s = await caseState(c.id);
    expect(s).toMatchObject({ assignee_chief_id: null, assignee_department_id: departmentId });
    // Friday 16:00: one hour on Friday, three on Monday morning.
    expect(s.deadline_at).toEqual(new Date('2026-11-23T12:00:00+08:00'));
    // The chief no longer handles it; the department does.
    expect(await act(c, chief, 'report_result', { note: '已处理', photos: { after: [{ name: 'a.jpg', data: await photo() }] } })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await act(c, department, 'report_result', { note: '已处理', photos: { after: [{ name: 'a.jpg', data: await photo() }] } })).toMatchObject({ ok: true, status: 'handled' });
  });

  it('a failed verification dispatches again to the same assignee with a fresh working-hours deadline (二次派遣)', async () => {
    const c = await dispatchedCase();
    expect(await act(c, chief, 'report_result', { note: '已清理', photos: { after: [{ name: 'a.jpg', data: await photo() }] } })).toMatchObject({ ok: true });
    expect(await act(c, inspector, 'verify_fail', { note: '仍有残留' }, FRIDAY_4PM)).toMatchObject({ ok: true, status: 'dispatched' });
    const s = await caseState(c.id);
    expect(s).toMatchObject({ status: 'dispatched', assignee_chief_id: chief.chiefId, handled_at: null });
    expect(s.dispatched_at).toEqual(FRIDAY_4PM);
    expect(s.deadline_at).toEqual(new Date('2026-11-23T12:00:00+08:00'));
  });

  it('supervise counts and escalation climbs 路段 → 街镇 → 区级, then stops', async () => {
    const c = await dispatchedCase();
    expect(await act(c, dispatcher, 'supervise', { note: '请今日内处理' })).toMatchObject({ ok: true, status: 'dispatched' });
    expect(await act(c, dispatcher, 'supervise', { note: '再次督办' })).toMatchObject({ ok: true });
    expect(await act(c, dispatcher, 'escalate', {})).toMatchObject({ ok: true });
    expect((await caseState(c.id)).level).toBe('street');
    expect(await act(c, dispatcher, 'escalate', { level: 'district' })).toMatchObject({ ok: true });
    expect(await caseState(c.id)).toMatchObject({ level: 'district', supervise_count: 2, status: 'dispatched' });
    expect(await act(c, dispatcher, 'escalate', {})).toEqual({ ok: false, code: 'invalid', message: '案件已是区级，不能再升级。' });
  });

  it('自行处置: a chief records a fix on the spot as handled; it still needs verification to close', async () => {
    const created = await createStaffCase(t.db, {
      actor: chief,
      source: 'patrol',
      selfHandled: true,
      categoryCode,
      segmentCode,
      description: '井盖松动，已现场复位',
      photos: { before: [{ name: 'b.jpg', data: await photo('#222222') }], after: [{ name: 'a.jpg', data: await photo('#dddddd') }] },
      now: TEST_TODAY,
    });
    expect(created).toMatchObject({ ok: true, status: 'handled', segmentCode });
    if (!created.ok) return;
    const c = { id: created.caseId, version: created.version };
    expect(await caseState(c.id)).toMatchObject({ status: 'handled', disposition: 'self', assignee_chief_id: chief.chiefId, handled_at: TEST_TODAY });
    expect((await events(c.id)).map((e) => [e.action, e.to_status])).toEqual([['self_handle', 'handled']]);
    expect(await act(c, dispatcher, 'verify_pass', {})).toMatchObject({ ok: true, status: 'closed' });
  });

  it('自行处置 without both photos, or on another chief’s segment, is refused and writes nothing', async () => {
    const before = await footprint(0);
    expect(await createStaffCase(t.db, { actor: chief, source: 'patrol', selfHandled: true, categoryCode, segmentCode, description: '已处理', photos: { after: [{ name: 'a.jpg', data: await photo() }] } })).toMatchObject({
      ok: false,
      code: 'invalid',
      errors: { photos: '自行处置请上传处置前和处置后的照片各至少 1 张。' },
    });
    const stranger = { ...chief, chiefId: otherChiefId };
    expect(await createStaffCase(t.db, { actor: stranger, source: 'patrol', categoryCode, segmentCode, description: '垃圾' })).toEqual({
      ok: false,
      code: 'forbidden',
      message: '这个路段不在你的管辖范围内，不能在此登记案件。',
    });
    expect(await createStaffCase(t.db, { actor: chief, source: 'hotline', categoryCode, description: '来电反映' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await footprint(0)).toEqual(before);
  });

  it('accept corrects the category, segment and level; both segments are named for revalidation', async () => {
    const c = await submittedCase();
    const [other] = await queryRows<{ code: string; id: number }>(t.db, sql`select code, id from segments where active and code <> ${segmentCode} order by id limit 1`);
    const [cat] = await queryRows<{ code: string; id: number }>(t.db, sql`select code, id from categories where parent_id is not null and active and code <> ${categoryCode} order by id limit 1`);
    const result = await act(c, dispatcher, 'accept', { categoryCode: cat!.code, segmentCode: other!.code.toLowerCase(), level: 'street' });
    expect(result).toMatchObject({ ok: true, status: 'accepted', segmentCodes: [segmentCode, other!.code].sort() });
    const [row] = await queryRows<{ category_id: number; segment_id: number; level: string }>(t.db, sql`select category_id, segment_id, level from cases where id = ${c.id}`);
    expect(row).toEqual({ category_id: cat!.id, segment_id: other!.id, level: 'street' });
    expect((await events(c.id)).at(-1)!.data).toEqual({ category: cat!.code, segment: other!.code, level: 'street' });
  });

  it('dispatching a case whose category has no time limit is refused with what to do', async () => {
    const c = await submittedCase();
    await act(c, dispatcher, 'accept');
    await t.db.execute(sql`update categories set time_limit_hours = null where code = ${categoryCode}`);
    try {
      const before = await footprint(c.id);
      expect(await act(c, dispatcher, 'dispatch', { assignee: { chiefId: chief.chiefId! } })).toMatchObject({ ok: false, code: 'invalid', errors: { categoryCode: '请选择具体的小类。' } });
      expect(await footprint(c.id)).toEqual(before);
    } finally {
      await t.db.execute(sql`update categories set time_limit_hours = 4 where code = ${categoryCode}`);
    }
  });

  it('a hotline case entered by the desk starts accepted and keeps the caller private', async () => {
    const created = await createStaffCase(t.db, { actor: dispatcher, source: 'hotline', categoryCode, description: '来电反映路灯不亮', reporterName: '王先生', reporterPhone: '13800001234', now: TEST_TODAY });
    expect(created).toMatchObject({ ok: true, status: 'accepted' });
    if (created.ok) expect((await getCitizenCaseView(t.db, { caseId: created.caseId, now: TEST_TODAY }))!.stage).toBe('accepted');
  });
});

describe('refusals write nothing', () => {
  it('a stale version is told what the case is now, and nothing changes', async () => {
    const c = await dispatchedCase();
    const before = await footprint(c.id);
    const result = await applyCaseAction(t.db, { caseId: c.id, expectedVersion: c.version - 1, actor: dispatcher, action: 'supervise', input: { note: '督办' }, now: TEST_TODAY });
    expect(result).toEqual({ ok: false, code: 'stale', message: '这件案件刚被其他人处理过（现在是「已派遣」），请刷新后再操作。你填写的内容已保留。' });
    expect(TRANSITION_MESSAGE.stale('dispatched')).toBe(result.ok ? '' : result.message);
    expect(await footprint(c.id)).toEqual(before);
  });

  it.each([
    ['a publicity editor accepts', () => publicity, 'accept', {}, 'forbidden', '你的账号角色（宣传）不能对案件进行「受理」操作。'],
    ['a chief accepts', () => chief, 'accept', {}, 'forbidden', '你的账号角色（处置人员）不能对案件进行「受理」操作。'],
    ['an inspector dispatches', () => inspector, 'dispatch', {}, 'forbidden', '你的账号角色（考评核查）不能对案件进行「派遣」操作。'],
    ['a dispatcher of another street accepts', () => ({ ...dispatcher, scopeType: 'street' as const, scopeAreaId: -1 }), 'accept', {}, 'forbidden', '这件案件不在你的管辖范围内，不能操作。'],
    ['a dispatcher verifies a submitted case', () => dispatcher, 'verify_pass', {}, 'invalid', '案件现在是「待受理」，不能「核查通过」。'],
    ['a dispatcher rejects without a reason', () => dispatcher, 'reject', {}, 'invalid', '请按提示修改后再提交。'],
    ['a dispatcher accepts with an unknown category', () => dispatcher, 'accept', { categoryCode: 'ZZ9999' }, 'invalid', '请按提示修改后再提交。'],
    ['a dispatcher accepts with a note of 1001 characters', () => dispatcher, 'accept', { note: '字'.repeat(1001) }, 'invalid', '请按提示修改后再提交。'],
    ['a dispatcher merges into a case that does not exist', () => dispatcher, 'merge', { masterCaseNumber: '20260101-9999' }, 'invalid', '请按提示修改后再提交。'],
    ['a dispatcher merges a case into itself', () => dispatcher, 'merge', { masterCaseNumber: 'SELF' }, 'invalid', '请按提示修改后再提交。'],
  ] as const)('%s', async (_name, who, action, input, code, message) => {
    const c = await submittedCase();
    const before = await footprint(c.id);
    const realInput = 'masterCaseNumber' in input && input.masterCaseNumber === 'SELF' ? { masterCaseNumber: c.number } : input;
    const result = await act(c, who(), action, realInput);
    expect(result).toMatchObject({ ok: false, code, message });
    if (code === 'invalid' && message === '请按提示修改后再提交。' && !result.ok) expect(Object.values(result.errors ?? {}).join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(await footprint(c.id)).toEqual(before);
  });

  it.each([
    ['dispatch without an assignee', 'dispatch', {}, { assignee: '请选择派遣对象：路长或职能部门。' }],
    ['dispatch to a chief who does not exist', 'dispatch', { assignee: { chiefId: 999_999 } }, { assignee: '所选路长不存在或已离任，请重新选择。' }],
    ['dispatch to a department that does not exist', 'dispatch', { assignee: { departmentId: 999_999 } }, { assignee: '所选部门不存在或已停用，请重新选择。' }],
  ] as const)('%s on an accepted case', async (_name, action, input, errors) => {
    const c = await submittedCase();
    await act(c, dispatcher, 'accept');
    const before = await footprint(c.id);
    expect(await act(c, dispatcher, action, input)).toEqual({ ok: false, code: 'invalid', message: '请按提示修改后再提交。', errors });
    expect(await footprint(c.id)).toEqual(before);
  });

  it('a result report without an after photo, or with a file that is not a photo, writes nothing', async () => {
    const c = await dispatchedCase();
    const before = await footprint(c.id);
    expect(await act(c, chief, 'report_result', { note: '已处理' })).toMatchObject({ ok: false, code: 'invalid', errors: { photos: '请至少上传 1 张处置后的照片。' } });
    const notAPhoto = await act(c, chief, 'report_result', { note: '已处理', photos: { after: [{ name: 'x.jpg', data: Buffer.from('not an image at all') }] } });
    expect(notAPhoto).toMatchObject({ ok: false, code: 'invalid' });
    if (!notAPhoto.ok) expect(notAPhoto.errors?.photos).toMatch(/^处置后照片：/);
    // Wrong handler, valid photo: the photo is processed but never stored.
    const stranger = { ...chief, chiefId: otherChiefId };
    expect(await act(c, stranger, 'report_result', { note: '已处理', photos: { after: [{ name: 'a.jpg', data: await photo() }] } })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await footprint(c.id)).toEqual(before);
  });

  it('a case that does not exist', async () => {
    expect(await applyCaseAction(t.db, { caseId: 999_999, expectedVersion: 1, actor: dispatcher, action: 'accept', input: {} })).toEqual({ ok: false, code: 'not_found', message: TRANSITION_MESSAGE.notFound });
  });
});

describe('two transitions on one case at once', () => {
  it('exactly one of two dispatchers wins; the other is told, and one event is written', async () => {
    const c = await submittedCase();
    await act(c, dispatcher, 'accept');
    const eventsBefore = (await events(c.id)).length;
    const run = (assignee: ActionInput['assignee']) =>
      applyCaseAction(t.db, { caseId: c.id, expectedVersion: c.version, actor: dispatcher, action: 'dispatch', input: { assignee }, now: TEST_TODAY });
    const results = await Promise.all([run({ chiefId: chief.chiefId! }), run({ departmentId })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, code: 'stale', message: TRANSITION_MESSAGE.stale('dispatched') });
    expect((await events(c.id)).length).toBe(eventsBefore + 1);
    expect((await caseState(c.id)).version).toBe(c.version + 1);
  });

  it('a verification and a supervision racing on one handled case: one wins', async () => {
    const c = await dispatchedCase();
    await act(c, chief, 'report_result', { note: '已处理', photos: { after: [{ name: 'a.jpg', data: await photo() }] } });
    const results = await Promise.all([
      applyCaseAction(t.db, { caseId: c.id, expectedVersion: c.version, actor: inspector, action: 'verify_pass', input: {}, now: TEST_TODAY }),
      applyCaseAction(t.db, { caseId: c.id, expectedVersion: c.version, actor: dispatcher, action: 'supervise', input: { note: '督办' }, now: TEST_TODAY }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'stale')).toHaveLength(1);
  });

  it('two cases merged into each other at once: exactly one merge happens', async () => {
    const a = await submittedCase();
    const b = await submittedCase();
    const merge = (c: typeof a, master: typeof a) =>
      applyCaseAction(t.db, { caseId: c.id, expectedVersion: c.version, actor: dispatcher, action: 'merge', input: { masterCaseNumber: master.number }, now: TEST_TODAY });
    const results = await Promise.all([merge(a, b), merge(b, a)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const states = [await caseState(a.id), await caseState(b.id)];
    expect(states.filter((s) => s.status === 'rejected')).toHaveLength(1);
  });
});

describe('merging duplicates', () => {
  it('the duplicate is 作废 as a duplicate of the master, the master records it, and the duplicate’s reporter follows the master', async () => {
    const master = await dispatchedCase();
    const dup = await submittedCase(TEST_TODAY, '同一堆建筑垃圾，又有人拍了');
    const masterVersion = (await caseState(master.id)).version;
    expect(await act(dup, dispatcher, 'reject', { rejectReason: 'duplicate', masterCaseNumber: master.number, note: '与主案件为同一问题', noteVisibility: 'public' })).toMatchObject({ ok: true, status: 'rejected' });
    expect(await caseState(dup.id)).toMatchObject({ status: 'rejected', reject_reason: 'duplicate', duplicate_of_id: master.id });
    expect((await events(dup.id)).at(-1)).toMatchObject({ action: 'merge', to_status: 'rejected', data: { master: master.number } });
    expect((await events(master.id)).at(-1)).toMatchObject({ action: 'merge', from_status: 'dispatched', to_status: 'dispatched', note: `合并重复案件 ${dup.number}` });
    // Recording the merge on the master does not make an open master page stale.
    expect((await caseState(master.id)).version).toBe(masterVersion);

    let view = (await getCitizenCaseView(t.db, { caseId: dup.id, now: TEST_TODAY }))!;
    expect(view).toMatchObject({ number: dup.number, stage: 'in_progress', mergedInto: master.number, description: '同一堆建筑垃圾，又有人拍了', canRate: false });
    expect(view.replies[0]!.title).toBe('合并办理');

    // The master is handled and closed: the duplicate's reporter sees 已办结 and the result photo.
    await act(master, chief, 'report_result', { note: '已清运', photos: { after: [{ name: 'a.jpg', data: await photo('#abcdef') }] } });
    await act(master, inspector, 'verify_pass', {});
    view = (await getCitizenCaseView(t.db, { caseId: dup.id, now: TEST_TODAY }))!;
    expect(view.stage).toBe('closed');
    expect(view.photos.after).toHaveLength(1);
    expect(await getCitizenPhoto(t.db, { caseId: dup.id, mediaId: view.photos.after[0]!, size: 'large' })).toMatchObject({ contentType: 'image/jpeg' });
    expect(view.photos.report).toHaveLength(1);
  });

  it('cases already merged into a case follow it on when it is merged in turn; a merged case is no master', async () => {
    const master = await submittedCase();
    const middle = await submittedCase();
    const first = await submittedCase();
    expect(await act(first, dispatcher, 'merge', { masterCaseNumber: middle.number })).toMatchObject({ ok: true });
    expect(await act(middle, dispatcher, 'merge', { masterCaseNumber: master.number })).toMatchObject({ ok: true });
    expect((await caseState(first.id)).duplicate_of_id).toBe(master.id);
    const another = await submittedCase();
    expect(await act(another, dispatcher, 'merge', { masterCaseNumber: middle.number })).toMatchObject({
      ok: false,
      errors: { masterCaseNumber: `不能合并到 ${middle.number}：它本身已合并到其他案件。` },
    });
  });

  it('a dispatcher reopens a wrongly merged case: it is live again and follows no master', async () => {
    const master = await submittedCase();
    const dup = await submittedCase();
    await act(dup, dispatcher, 'merge', { masterCaseNumber: master.number });
    expect(await act(dup, dispatcher, 'reopen', { note: '经核实不是同一问题' })).toMatchObject({ ok: true, status: 'accepted' });
    expect(await caseState(dup.id)).toMatchObject({ status: 'accepted', duplicate_of_id: null, reject_reason: null });
    expect((await getCitizenCaseView(t.db, { caseId: dup.id, now: TEST_TODAY }))!.mergedInto).toBeNull();
  });
});

describe('the reporter’s 问题未解决 goes through the state machine', () => {
  it('reopens a closed case to accepted with a public citizen event and no audit row', async () => {
    const c = await dispatchedCase();
    await act(c, chief, 'report_result', { note: '已处理', photos: { after: [{ name: 'a.jpg', data: await photo() }] } });
    await act(c, inspector, 'verify_pass', {});
    const audits = (await footprint(c.id)).audits;
    expect(await reopenClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, reason: '还是没清理干净', now: at(TEST_TODAY, 1) })).toEqual({ ok: true, version: c.version + 1 });
    expect(await caseState(c.id)).toMatchObject({ status: 'accepted', closed_at: null });
    expect((await events(c.id)).at(-1)).toMatchObject({ action: 'reopen', from_status: 'closed', to_status: 'accepted', actor_user_id: null, actor_label: '市民', visibility: 'public' });
    expect((await footprint(c.id)).audits).toBe(audits);
  });
});

/** Master data through the shared save path: validation in Chinese, audit in the same transaction, boards going out of date. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { areaUnits, auditLog, chiefAssignments, chiefs, merchants, segments } from '@/lib/db/schema';
import { assignChief, endAssignment, listAssignments } from '@/lib/master/chiefs';
import { getEntity, saveEntity, setEntityActive } from '@/lib/master/registry';
import { listBoardStatuses, markPrinted } from '@/lib/signboards/queries';
import { openTestDb, type TestDb } from '../fixtures/db';

let t: TestDb;
const actor = { id: null, label: 'admin-test' };
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

const boardState = async (code: string) => (await listBoardStatuses(t.db, { template: 'landscape' })).find((b) => b.code === code)!.status.state;

describe('chiefs and assignments', () => {
  it('assigning and ending an assignment flips the printed board to 已过期 and keeps the history', async () => {
    const [seg] = await t.db.select({ id: segments.id, code: segments.code }).from(segments).orderBy(segments.id).limit(1);
    const [chief] = await t.db.select({ id: chiefs.id }).from(chiefs).where(eq(chiefs.active, true)).orderBy(chiefs.id).offset(5).limit(1);
    await markPrinted(t.db, { code: seg!.code, template: 'landscape', userId: null });
    expect(await boardState(seg!.code)).toBe('current');

    const assigned = await t.db.transaction((tx) => assignChief(tx, { chiefId: chief!.id, segmentCode: seg!.code.toLowerCase(), level: 'third', startsOn: '2026-01-01' }, actor));
    expect(assigned).toEqual({ ok: true, id: expect.any(Number), segmentCodes: [seg!.code] });
    expect(await boardState(seg!.code)).toBe('outdated');

    const again = await t.db.transaction((tx) => assignChief(tx, { chiefId: chief!.id, segmentCode: seg!.code, level: 'third', startsOn: '2026-01-01' }, actor));
    expect(again).toEqual({ ok: false, error: '请检查标红的项。', fields: { segmentCode: `已是 ${seg!.code} 的三级路长。` } });

    await markPrinted(t.db, { code: seg!.code, template: 'landscape', userId: null });
    const early = await t.db.transaction((tx) => endAssignment(tx, { assignmentId: assigned.ok ? assigned.id : 0, endsOn: '2025-12-31' }, actor));
    expect(early).toEqual({ ok: false, error: '请检查标红的项。', fields: { endsOn: '卸任日期不能早于任职日期 2026-01-01。' } });
    const ended = await t.db.transaction((tx) => endAssignment(tx, { assignmentId: assigned.ok ? assigned.id : 0, endsOn: '2026-03-01' }, actor));
    expect(ended.ok).toBe(true);
    expect(await boardState(seg!.code)).toBe('outdated');
    const history = await listAssignments(t.db, chief!.id);
    expect(history.find((a) => a.code === seg!.code && a.level === 'third')).toMatchObject({ startsOn: '2026-01-01', endsOn: '2026-03-01' });
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'chief.unassign'));
    expect(audits.at(-1)!.detail).toMatchObject({ before: { endsOn: null }, after: { endsOn: '2026-03-01' } });
  });

  it('editing a chief’s phone outdates every board they are on; retiring ends their posts today', async () => {
    const [a] = await t.db
      .select({ chiefId: chiefAssignments.chiefId, code: segments.code })
      .from(chiefAssignments)
      .innerJoin(segments, eq(segments.id, chiefAssignments.segmentId))
      .where(and(isNull(chiefAssignments.endsOn), eq(chiefAssignments.level, 'third')))
      .limit(1);
    await markPrinted(t.db, { code: a!.code, template: 'landscape', userId: null });
    const def = getEntity('chiefs')!;
    const values = (await def.load(t.db, a!.chiefId))!;
    const saved = await saveEntity(t.db, def, a!.chiefId, { ...values, phone: '027-85559999' }, actor);
    expect(saved.ok && saved.segmentCodes).toContain(a!.code);
    expect(await boardState(a!.code)).toBe('outdated');
    const codes = await setEntityActive(t.db, def, a!.chiefId, false, actor);
    expect(codes).toContain(a!.code);
    expect(await t.db.select().from(chiefAssignments).where(and(eq(chiefAssignments.chiefId, a!.chiefId), isNull(chiefAssignments.endsOn)))).toEqual([]);
  });

  it('refuses an empty name and keeps the Chinese message on the field', async () => {
    const result = await saveEntity(t.db, getEntity('chiefs')!, null, { name: ' ', title: '主任', phone: '1', patrolFrequency: 'daily', duties: 'x' }, actor);
    expect(result).toEqual({ ok: false, error: '请检查标红的项。', fields: { name: '请填写姓名。' } });
  });
});

describe('segments', () => {
  it('a printed segment’s code cannot change; its name can', async () => {
    const [seg] = await t.db.select().from(segments).orderBy(segments.id).offset(3).limit(1);
    await markPrinted(t.db, { code: seg!.code, template: 'landscape', userId: null });
    const def = getEntity('segments')!;
    const values = (await def.load(t.db, seg!.id))!;
    expect(await saveEntity(t.db, def, seg!.id, { ...values, code: 'ZZ-9999' }, actor)).toEqual({
      ok: false,
      error: '请检查标红的项。',
      fields: { code: `该路段的公示牌已印制，编号 ${seg!.code} 不能再修改。` },
    });
    const renamed = await saveEntity(t.db, def, seg!.id, { ...values, name: `${seg!.name}（改）` }, actor);
    expect(renamed).toEqual({ ok: true, id: seg!.id, segmentCodes: [seg!.code] });
    expect(await boardState(seg!.code)).toBe('outdated');
  });

  it('creates a segment; a community of another street is refused', async () => {
    const def = getEntity('segments')!;
    const values = (await def.load(t.db, 1))!;
    const created = await saveEntity(t.db, def, null, { ...values, code: 'ZZ-0001', communityId: '' }, actor);
    expect(created.ok).toBe(true);
    const dup = await saveEntity(t.db, def, null, { ...values, code: 'zz-0001', communityId: '' }, actor);
    expect(dup).toEqual({ ok: false, error: '请检查标红的项。', fields: { code: '路段编号 ZZ-0001 已被使用。' } });
  });
});

describe('merchants', () => {
  it('checks the credit code and the segment; keeps the code fixed', async () => {
    const def = getEntity('merchants')!;
    const [m] = await t.db.select({ id: merchants.id }).from(merchants).orderBy(merchants.id).limit(1);
    const values = (await def.load(t.db, m!.id))!;
    expect(await saveEntity(t.db, def, m!.id, { ...values, creditCode: '91350100M000100Y44' }, actor)).toMatchObject({ ok: false, fields: { creditCode: expect.stringContaining('校验码') } });
    expect(await saveEntity(t.db, def, m!.id, { ...values, segmentCode: 'QH-9999' }, actor)).toMatchObject({ ok: false, fields: { segmentCode: '没有编号为「QH-9999」的在用路段。' } });
    expect(await saveEntity(t.db, def, m!.id, { ...values, code: 'QH-M99999' }, actor)).toMatchObject({ ok: false, fields: { code: expect.stringContaining('不能从') } });
    const ok = await saveEntity(t.db, def, m!.id, { ...values, name: '改名后的店', creditCode: '9135 0100m000100y43' }, actor);
    expect(ok.ok).toBe(true);
    const [after] = await t.db.select().from(merchants).where(eq(merchants.id, m!.id));
    expect(after).toMatchObject({ name: '改名后的店', creditCode: '91350100M000100Y43' });
  });
});

describe('streets, roads and teams', () => {
  it('a street’s new hotline outdates the boards of its segments; a community needs a street', async () => {
    const [seg] = await t.db.select({ code: segments.code, streetId: segments.streetId }).from(segments).orderBy(segments.id).offset(7).limit(1);
    await markPrinted(t.db, { code: seg!.code, template: 'landscape', userId: null });
    const def = getEntity('areas')!;
    const values = (await def.load(t.db, seg!.streetId))!;
    const saved = await saveEntity(t.db, def, seg!.streetId, { ...values, hotline: '027-12319' }, actor);
    expect(saved.ok && saved.segmentCodes).toContain(seg!.code);
    expect(await boardState(seg!.code)).toBe('outdated');
    expect(await saveEntity(t.db, def, null, { level: 'community', parentId: '', code: 'X-1', name: '新社区' }, actor)).toEqual({
      ok: false,
      error: '请检查标红的项。',
      fields: { parentId: '社区必须选择所属街道。' },
    });
    const created = await saveEntity(t.db, def, null, { level: 'community', parentId: String(seg!.streetId), code: 'X-1', name: '新社区' }, actor);
    expect(created.ok).toBe(true);
    const [row] = await t.db.select().from(areaUnits).where(eq(areaUnits.code, 'X-1'));
    expect(row).toMatchObject({ level: 'community', parentId: seg!.streetId });
  });

  it('a road name is unique; a new team member outdates the board', async () => {
    const roads = getEntity('roads')!;
    const first = (await roads.list(t.db, { limit: 1 }))[0]!;
    expect(await saveEntity(t.db, roads, null, { name: String(first.cells[0]), grade: 'alley' }, actor)).toMatchObject({ ok: false, fields: { name: `已有名为「${first.cells[0]}」的道路。` } });
    const [seg] = await t.db.select({ code: segments.code }).from(segments).orderBy(segments.id).offset(9).limit(1);
    await markPrinted(t.db, { code: seg!.code, template: 'landscape', userId: null });
    const added = await saveEntity(t.db, getEntity('teams')!, null, { segmentCode: seg!.code, role: '片警', name: '李警官', unit: '派出所', phone: '110' }, actor);
    expect(added).toMatchObject({ ok: true, segmentCodes: [seg!.code] });
    expect(await boardState(seg!.code)).toBe('outdated');
  });
});

describe('lists', () => {
  it('search and keyset pages do not repeat or skip rows', async () => {
    const def = getEntity('merchants')!;
    const first = await def.list(t.db, { limit: 20 });
    const second = await def.list(t.db, { limit: 20, afterId: first.at(-1)!.id });
    const both = await def.list(t.db, { limit: 40 });
    expect([...first, ...second].map((r) => r.id)).toEqual(both.map((r) => r.id));
    const found = await def.list(t.db, { limit: 5, search: '改名后' });
    expect(found.map((r) => r.cells[1])).toEqual(['改名后的店']);
    expect(await def.list(t.db, { limit: 5, search: '100%_' })).toEqual([]);
  });
});

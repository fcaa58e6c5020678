/**
 * 路长 and their assignments. An assignment is never deleted: ending one sets its end date, so the history
 * of who answered for a segment survives. Any change moves the board's content hash, so printed boards
 * of the affected segments show 已过期 on /staff/signboards.
 */
import { and, asc, desc, eq, gt, ilike, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/queries';
import type { Db, Tx } from '../db/client';
import { chiefAssignments, chiefs, segments } from '../db/schema';
import { CHIEF_LEVEL_LABEL, PATROL_LABEL } from '../domain/labels';
import { defaultDistrictId } from '../reports/queries';
import { isoDateField, like, optionalText, requiredText } from './fields';
import { activeSegment, invalid, type Actor, type EntityDef, type SaveResult } from './types';

const schema = z.object({
  name: requiredText('姓名', 20),
  title: requiredText('职务', 40),
  organization: optionalText('单位', 60),
  phone: requiredText('值守电话', 30),
  patrolFrequency: z.enum(['daily', 'weekly', 'biweekly'], { message: '请选择巡查频次' }),
  duties: requiredText('职责', 200),
});
type Input = z.infer<typeof schema>;

/** Codes of the segments a chief currently answers for. */
async function currentSegmentCodes(db: Db | Tx, chiefId: number): Promise<string[]> {
  const rows = await db
    .select({ code: segments.code })
    .from(chiefAssignments)
    .innerJoin(segments, eq(segments.id, chiefAssignments.segmentId))
    .where(and(eq(chiefAssignments.chiefId, chiefId), isNull(chiefAssignments.endsOn)));
  return [...new Set(rows.map((r) => r.code))];
}

export const chiefEntity: EntityDef<Input> = {
  key: 'chiefs',
  title: '路长',
  unit: '人',
  columns: ['姓名', '职务', '值守电话', '巡查频次'],
  searchHint: '姓名、职务或电话',
  async list(db, { search, afterId, limit }) {
    const rows = await db
      .select({ id: chiefs.id, active: chiefs.active, name: chiefs.name, title: chiefs.title, phone: chiefs.phone, patrol: chiefs.patrolFrequency })
      .from(chiefs)
      .where(and(afterId ? gt(chiefs.id, afterId) : undefined, search ? or(ilike(chiefs.name, like(search)), ilike(chiefs.title, like(search)), ilike(chiefs.phone, like(search))) : undefined))
      .orderBy(asc(chiefs.id))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, active: r.active, cells: [r.name, r.title, r.phone, PATROL_LABEL[r.patrol]] }));
  },
  async fields() {
    return [
      { name: 'name', label: '姓名', kind: 'text', required: true },
      { name: 'title', label: '职务', kind: 'text', required: true },
      { name: 'organization', label: '单位', kind: 'text' },
      { name: 'phone', label: '值守电话', kind: 'text', required: true, hint: '公示牌上公开的值守电话，不一定是个人手机。' },
      { name: 'patrolFrequency', label: '巡查频次', kind: 'select', required: true, options: Object.entries(PATROL_LABEL).map(([value, label]) => ({ value, label })) },
      { name: 'duties', label: '职责', kind: 'textarea', required: true },
    ];
  },
  async load(db, id) {
    const [c] = await db.select().from(chiefs).where(eq(chiefs.id, id));
    return c ? { name: c.name, title: c.title, organization: c.organization ?? '', phone: c.phone, patrolFrequency: c.patrolFrequency, duties: c.duties } : null;
  },
  schema,
  async save(tx, id, input, actor) {
    const [before] = id ? await tx.select().from(chiefs).where(eq(chiefs.id, id)) : [undefined];
    if (id && !before) return { ok: false, error: '该路长不存在。' };
    const values = { ...input, organization: input.organization ?? null, updatedAt: new Date() };
    let row;
    if (before) {
      [row] = await tx.update(chiefs).set(values).where(eq(chiefs.id, before.id)).returning();
    } else {
      [row] = await tx.insert(chiefs).values({ ...values, districtId: await defaultDistrictId(tx) }).returning();
    }
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: before ? 'chief.update' : 'chief.create', entityType: 'chief', entityId: row!.id, detail: { before: before ?? null, after: row } });
    return { ok: true, id: row!.id, segmentCodes: await currentSegmentCodes(tx, row!.id) };
  },
  async setActive(tx, id, active, actor) {
    const codes = await currentSegmentCodes(tx, id);
    if (!active) {
      // A retired chief leaves every post today; the history stays.
      await tx.update(chiefAssignments).set({ endsOn: today(), updatedAt: new Date() }).where(and(eq(chiefAssignments.chiefId, id), isNull(chiefAssignments.endsOn)));
    }
    const [row] = await tx.update(chiefs).set({ active, updatedAt: new Date() }).where(eq(chiefs.id, id)).returning({ id: chiefs.id });
    if (!row) return [];
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: active ? 'chief.restore' : 'chief.retire', entityType: 'chief', entityId: id, detail: { before: { active: !active }, after: { active }, endedOn: codes } });
    return codes;
  },
};

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // the date in China

/** A chief's assignments, current first, then by most recent end. */
export async function listAssignments(db: Db, chiefId: number) {
  return db
    .select({ id: chiefAssignments.id, code: segments.code, segmentName: segments.name, level: chiefAssignments.level, startsOn: chiefAssignments.startsOn, endsOn: chiefAssignments.endsOn })
    .from(chiefAssignments)
    .innerJoin(segments, eq(segments.id, chiefAssignments.segmentId))
    .where(eq(chiefAssignments.chiefId, chiefId))
    .orderBy(desc(isNull(chiefAssignments.endsOn)), desc(chiefAssignments.endsOn), asc(segments.code));
}

export const assignmentSchema = z.object({
  chiefId: z.coerce.number().int().positive(),
  segmentCode: requiredText('路段编号', 16),
  level: z.enum(['total', 'first', 'second', 'third'], { message: '请选择路长级别' }),
  startsOn: isoDateField('任职日期'),
});

/** Assigns a chief to a segment at a level from a date. */
export async function assignChief(tx: Tx, input: z.infer<typeof assignmentSchema>, actor: Actor): Promise<SaveResult> {
  const segment = await activeSegment(tx, input.segmentCode);
  if ('ok' in segment) return segment;
  const [chief] = await tx.select({ id: chiefs.id, active: chiefs.active }).from(chiefs).where(eq(chiefs.id, input.chiefId));
  if (!chief?.active) return { ok: false, error: '该路长已停用，不能再任职。' };
  const [same] = await tx
    .select({ id: chiefAssignments.id })
    .from(chiefAssignments)
    .where(and(eq(chiefAssignments.chiefId, chief.id), eq(chiefAssignments.segmentId, segment.id), eq(chiefAssignments.level, input.level), isNull(chiefAssignments.endsOn)));
  if (same) return invalid('segmentCode', `已是 ${segment.code} 的${CHIEF_LEVEL_LABEL[input.level]}。`);
  const [row] = await tx.insert(chiefAssignments).values({ chiefId: chief.id, segmentId: segment.id, level: input.level, startsOn: input.startsOn }).returning();
  await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: 'chief.assign', entityType: 'chief_assignment', entityId: row!.id, detail: { before: null, after: row } });
  return { ok: true, id: row!.id, segmentCodes: [segment.code] };
}

export const endAssignmentSchema = z.object({ assignmentId: z.coerce.number().int().positive(), endsOn: isoDateField('卸任日期') });

/** Ends an assignment on a date (kept as history); refuses an end before its start. */
export async function endAssignment(tx: Tx, input: z.infer<typeof endAssignmentSchema>, actor: Actor): Promise<SaveResult> {
  const [before] = await tx.select().from(chiefAssignments).where(eq(chiefAssignments.id, input.assignmentId));
  if (!before) return { ok: false, error: '该任职记录不存在。' };
  if (before.endsOn) return { ok: false, error: `该任职已于 ${before.endsOn} 结束。` };
  if (input.endsOn < before.startsOn) return invalid('endsOn', `卸任日期不能早于任职日期 ${before.startsOn}。`);
  const [row] = await tx.update(chiefAssignments).set({ endsOn: input.endsOn, updatedAt: new Date() }).where(eq(chiefAssignments.id, before.id)).returning();
  const [segment] = await tx.select({ code: segments.code }).from(segments).where(eq(segments.id, before.segmentId));
  await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: 'chief.unassign', entityType: 'chief_assignment', entityId: before.id, detail: { before, after: row } });
  return { ok: true, id: before.chiefId, segmentCodes: segment ? [segment.code] : [] };
}

/** 路段 master data: the code is printed on metal, so it cannot change once a board of it has been printed. */
import { and, asc, eq, gt, ilike, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { writeAudit } from '../audit/queries';
import type { Db, Tx } from '../db/client';
import { areaUnits, roads, segments, signboardPrints } from '../db/schema';
import { GRADE_LABEL } from '../domain/labels';
import { normalizeSegmentCode } from '../domain/segment-code';
import { invalid, isUniqueViolation, type EntityDef } from './types';
import { like, optionalInt, optionalText, requiredText } from './fields';

const schema = z.object({
  code: requiredText('路段编号', 16),
  name: requiredText('路段名称', 80),
  roadId: z.coerce.number({ message: '请选择道路' }).int().positive('请选择道路'),
  fromCross: requiredText('起点', 40),
  toCross: requiredText('止点', 40),
  grade: z.enum(['arterial', 'secondary', 'alley'], { message: '请选择道路等级' }),
  streetId: z.coerce.number({ message: '请选择街道' }).int().positive('请选择街道'),
  communityId: optionalInt('社区'),
  lengthM: optionalInt('长度'),
  hotline: optionalText('监督电话', 40),
});
type Input = z.infer<typeof schema>;

const gradeOptions = Object.entries(GRADE_LABEL).map(([value, label]) => ({ value, label }));

async function printed(db: Db | Tx, id: number) {
  const [p] = await db.select({ id: signboardPrints.id }).from(signboardPrints).where(eq(signboardPrints.segmentId, id)).limit(1);
  return Boolean(p);
}

export const segmentEntity: EntityDef<Input> = {
  key: 'segments',
  title: '路段',
  unit: '个',
  columns: ['编号', '路段名称', '等级', '街道'],
  searchHint: '编号或路段名称',
  async list(db, { search, afterId, limit }) {
    const street = alias(areaUnits, 'street');
    const rows = await db
      .select({ id: segments.id, active: segments.active, code: segments.code, name: segments.name, grade: segments.grade, street: street.name })
      .from(segments)
      .innerJoin(street, eq(street.id, segments.streetId))
      .where(and(afterId ? gt(segments.id, afterId) : undefined, search ? or(ilike(segments.code, like(search)), ilike(segments.name, like(search))) : undefined))
      .orderBy(asc(segments.id))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, active: r.active, cells: [r.code, r.name, GRADE_LABEL[r.grade], r.street] }));
  },
  async fields(existing, db) {
    const locked = existing ? await printed(db, existing.id) : false;
    return [
      {
        name: 'code',
        label: '路段编号',
        kind: 'text',
        required: true,
        hint: locked ? '该路段的公示牌已印制，编号印在二维码里，不能再修改。' : '如 QH-0001；一旦印制公示牌就不能再改。',
      },
      { name: 'roadId', label: '道路', kind: 'select', required: true, options: async (d) => (await d.select({ id: roads.id, name: roads.name }).from(roads).orderBy(asc(roads.name))).map((r) => ({ value: String(r.id), label: r.name })) },
      { name: 'name', label: '路段名称', kind: 'text', required: true, hint: '如 中山路（解放大道—青年路）' },
      { name: 'fromCross', label: '起点', kind: 'text', required: true },
      { name: 'toCross', label: '止点', kind: 'text', required: true },
      { name: 'grade', label: '道路等级', kind: 'select', required: true, options: gradeOptions },
      { name: 'streetId', label: '街道（镇）', kind: 'select', required: true, options: streetOptions },
      { name: 'communityId', label: '社区', kind: 'select', options: communityOptions },
      { name: 'lengthM', label: '长度（米）', kind: 'number' },
      { name: 'hotline', label: '监督电话', kind: 'text', hint: '留空则用街道或全区的监督电话' },
    ];
  },
  async load(db, id) {
    const [s] = await db.select().from(segments).where(eq(segments.id, id));
    if (!s) return null;
    return {
      code: s.code,
      name: s.name,
      roadId: String(s.roadId),
      fromCross: s.fromCross,
      toCross: s.toCross,
      grade: s.grade,
      streetId: String(s.streetId),
      communityId: s.communityId ? String(s.communityId) : '',
      lengthM: s.lengthM === null ? '' : String(s.lengthM),
      hotline: s.hotline ?? '',
    };
  },
  schema,
  async save(tx, id, input, actor) {
    const code = normalizeSegmentCode(input.code);
    if (!code) return invalid('code', '格式应为字母前缀-数字，如 QH-0001。');
    const [street] = await tx.select({ id: areaUnits.id, parentId: areaUnits.parentId, level: areaUnits.level }).from(areaUnits).where(eq(areaUnits.id, input.streetId));
    if (!street || street.level !== 'street') return invalid('streetId', '请选择街道（镇）。');
    if (input.communityId) {
      const [c] = await tx.select({ parentId: areaUnits.parentId }).from(areaUnits).where(eq(areaUnits.id, input.communityId));
      if (c?.parentId !== street.id) return invalid('communityId', '这个社区不属于所选街道。');
    }
    const values = {
      code,
      name: input.name,
      roadId: input.roadId,
      fromCross: input.fromCross,
      toCross: input.toCross,
      grade: input.grade,
      districtId: street.parentId!,
      streetId: street.id,
      communityId: input.communityId ?? null,
      lengthM: input.lengthM ?? null,
      hotline: input.hotline ?? null,
      updatedAt: new Date(),
    };
    const [before] = id ? await tx.select().from(segments).where(eq(segments.id, id)) : [undefined];
    if (id && !before) return { ok: false, error: '该路段不存在或已被删除。' };
    if (before && before.code !== code && (await printed(tx, before.id))) {
      return invalid('code', `该路段的公示牌已印制，编号 ${before.code} 不能再修改。`);
    }
    try {
      // A savepoint, so a taken code is answered without aborting the caller's transaction.
      const [row] = await tx.transaction((sp) =>
        before ? sp.update(segments).set(values).where(eq(segments.id, before.id)).returning() : sp.insert(segments).values(values).returning(),
      );
      await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: before ? 'segment.update' : 'segment.create', entityType: 'segment', entityId: row!.id, detail: { before: before ?? null, after: row } });
      return { ok: true, id: row!.id, segmentCodes: [...new Set([before?.code, code].filter((c): c is string => Boolean(c)))] };
    } catch (error) {
      if (isUniqueViolation(error)) return invalid('code', `路段编号 ${code} 已被使用。`);
      throw error;
    }
  },
  async setActive(tx, id, active, actor) {
    const [row] = await tx.update(segments).set({ active, updatedAt: new Date() }).where(eq(segments.id, id)).returning({ code: segments.code });
    if (!row) return [];
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: active ? 'segment.restore' : 'segment.retire', entityType: 'segment', entityId: id, detail: { before: { active: !active }, after: { active } } });
    return [row.code];
  },
};

export async function streetOptions(db: Db) {
  const rows = await db.select({ id: areaUnits.id, name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.level, 'street')).orderBy(asc(areaUnits.sortOrder), asc(areaUnits.id));
  return rows.map((r) => ({ value: String(r.id), label: r.name }));
}

async function communityOptions(db: Db) {
  const street = alias(areaUnits, 'street');
  const rows = await db
    .select({ id: areaUnits.id, name: areaUnits.name, street: street.name })
    .from(areaUnits)
    .innerJoin(street, eq(street.id, areaUnits.parentId))
    .where(eq(areaUnits.level, 'community'))
    .orderBy(asc(street.id), asc(areaUnits.sortOrder), asc(areaUnits.id));
  return rows.map((r) => ({ value: String(r.id), label: `${r.street} · ${r.name}` }));
}

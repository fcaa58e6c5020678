/** Streets/communities, roads and segment teams: the smaller lists behind the boards. */
import { and, asc, eq, gt, ilike, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { writeAudit } from '../audit/queries';
import type { Db, Tx } from '../db/client';
import { areaUnits, roads, segments, teamMembers } from '../db/schema';
import { GRADE_LABEL } from '../domain/labels';
import { defaultDistrictId } from '../reports/queries';
import { like, optionalInt, optionalText, requiredText } from './fields';
import { streetOptions } from './segments';
import { activeSegment, byId, invalid, isUniqueViolation, type EntityDef } from './types';

const LEVEL_LABEL = { district: '区', street: '街道（镇）', community: '社区' } as const;

async function segmentCodesWhere(db: Db | Tx, where: ReturnType<typeof eq>) {
  return (await db.select({ code: segments.code }).from(segments).where(where)).map((s) => s.code);
}

const areaSchema = z.object({
  level: z.enum(['street', 'community'], { message: '请选择层级' }),
  parentId: optionalInt('所属街道'),
  code: requiredText('编码', 24),
  name: requiredText('名称', 40),
  hotline: optionalText('监督电话', 40),
  sortOrder: optionalInt('排序'),
});

export const areaEntity: EntityDef<z.infer<typeof areaSchema>> = {
  key: 'areas',
  title: '街道和社区',
  unit: '个',
  columns: ['编码', '名称', '层级', '上级', '监督电话'],
  searchHint: '编码或名称',
  async list(db, { search, afterId, limit }) {
    const parent = alias(areaUnits, 'parent');
    const rows = await db
      .select({ id: areaUnits.id, code: areaUnits.code, name: areaUnits.name, level: areaUnits.level, parent: parent.name, hotline: areaUnits.hotline })
      .from(areaUnits)
      .leftJoin(parent, eq(parent.id, areaUnits.parentId))
      .where(and(inArray(areaUnits.level, ['street', 'community']), afterId ? gt(areaUnits.id, afterId) : undefined, search ? or(ilike(areaUnits.code, like(search)), ilike(areaUnits.name, like(search))) : undefined))
      .orderBy(asc(areaUnits.id))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, active: true, cells: [r.code, r.name, LEVEL_LABEL[r.level], r.parent, r.hotline] }));
  },
  async fields() {
    return [
      { name: 'level', label: '层级', kind: 'select', required: true, options: [{ value: 'street', label: '街道（镇）' }, { value: 'community', label: '社区' }] },
      { name: 'parentId', label: '所属街道（社区必填）', kind: 'select', options: streetOptions },
      { name: 'code', label: '编码', kind: 'text', required: true },
      { name: 'name', label: '名称', kind: 'text', required: true, hint: '台账导入按名称匹配街道和社区。' },
      { name: 'hotline', label: '监督电话', kind: 'text', hint: '本街道公示牌上的监督电话；留空则用全区的。' },
      { name: 'sortOrder', label: '排序', kind: 'number' },
    ];
  },
  async load(db, id) {
    const [a] = await db.select().from(areaUnits).where(eq(areaUnits.id, id));
    if (!a || a.level === 'district') return null;
    return { level: a.level, parentId: a.level === 'community' && a.parentId ? String(a.parentId) : '', code: a.code, name: a.name, hotline: a.hotline ?? '', sortOrder: String(a.sortOrder) };
  },
  schema: areaSchema,
  async save(tx, id, input, actor) {
    let parentId = await defaultDistrictId(tx);
    if (input.level === 'community') {
      const [street] = input.parentId ? await tx.select({ id: areaUnits.id, level: areaUnits.level }).from(areaUnits).where(eq(areaUnits.id, input.parentId)) : [];
      if (street?.level !== 'street') return invalid('parentId', '社区必须选择所属街道。');
      parentId = street.id;
    }
    const [before] = id ? await tx.select().from(areaUnits).where(eq(areaUnits.id, id)) : [undefined];
    if (id && (!before || before.level === 'district')) return { ok: false, error: '该街道或社区不存在。' };
    if (before && before.level !== input.level) return invalid('level', '已有的街道和社区不能改变层级。');
    const values = { level: input.level, parentId, code: input.code, name: input.name, hotline: input.hotline ?? null, sortOrder: input.sortOrder ?? 0, updatedAt: new Date() };
    try {
      const [row] = await tx.transaction((sp) =>
        before ? sp.update(areaUnits).set(values).where(eq(areaUnits.id, before.id)).returning() : sp.insert(areaUnits).values(values).returning(),
      );
      await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: before ? 'area.update' : 'area.create', entityType: 'area_unit', entityId: row!.id, detail: { before: before ?? null, after: row } });
      // Street and community names and the street hotline are on the boards of their segments.
      const codes = before ? await segmentCodesWhere(tx, before.level === 'street' ? eq(segments.streetId, before.id) : eq(segments.communityId, before.id)) : [];
      return { ok: true, id: row!.id, segmentCodes: codes };
    } catch (error) {
      if (isUniqueViolation(error)) return invalid('code', `编码 ${input.code} 已被使用。`);
      throw error;
    }
  },
  exportSheet(db) {
    const rows = byId((after) => db.select().from(areaUnits).where(gt(areaUnits.id, after)).orderBy(asc(areaUnits.id)).limit(1000));
    return {
      headers: ['编码', '名称', '层级', '上级编号', '监督电话'],
      rows: (async function* () {
        for await (const a of rows) yield [a.code, a.name, LEVEL_LABEL[a.level], a.parentId, a.hotline];
      })(),
    };
  },
};

const roadSchema = z.object({ name: requiredText('道路名称', 40), grade: z.enum(['arterial', 'secondary', 'alley'], { message: '请选择道路等级' }) });

export const roadEntity: EntityDef<z.infer<typeof roadSchema>> = {
  key: 'roads',
  title: '道路',
  unit: '条',
  columns: ['名称', '等级'],
  searchHint: '道路名称',
  async list(db, { search, afterId, limit }) {
    const rows = await db
      .select()
      .from(roads)
      .where(and(afterId ? gt(roads.id, afterId) : undefined, search ? ilike(roads.name, like(search)) : undefined))
      .orderBy(asc(roads.id))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, active: true, cells: [r.name, GRADE_LABEL[r.grade]] }));
  },
  async fields() {
    return [
      { name: 'name', label: '道路名称', kind: 'text', required: true, hint: '路段名称不随之改变，请在路段中分别修改。' },
      { name: 'grade', label: '道路等级', kind: 'select', required: true, options: Object.entries(GRADE_LABEL).map(([value, label]) => ({ value, label })) },
    ];
  },
  async load(db, id) {
    const [r] = await db.select().from(roads).where(eq(roads.id, id));
    return r ? { name: r.name, grade: r.grade } : null;
  },
  schema: roadSchema,
  async save(tx, id, input, actor) {
    const [before] = id ? await tx.select().from(roads).where(eq(roads.id, id)) : [undefined];
    if (id && !before) return { ok: false, error: '该道路不存在。' };
    const districtId = await defaultDistrictId(tx);
    try {
      const [row] = await tx.transaction((sp) =>
        before
          ? sp.update(roads).set({ ...input, updatedAt: new Date() }).where(eq(roads.id, before.id)).returning()
          : sp.insert(roads).values({ ...input, districtId }).returning(),
      );
      await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: before ? 'road.update' : 'road.create', entityType: 'road', entityId: row!.id, detail: { before: before ?? null, after: row } });
      return { ok: true, id: row!.id, segmentCodes: [] };
    } catch (error) {
      if (isUniqueViolation(error)) return invalid('name', `已有名为「${input.name}」的道路。`);
      throw error;
    }
  },
  exportSheet(db) {
    const rows = byId((after) => db.select().from(roads).where(gt(roads.id, after)).orderBy(asc(roads.id)).limit(1000));
    return {
      headers: ['道路名称', '道路等级'],
      rows: (async function* () {
        for await (const r of rows) yield [r.name, GRADE_LABEL[r.grade]];
      })(),
    };
  },
};

const teamSchema = z.object({
  segmentCode: requiredText('路段编号', 16),
  role: requiredText('岗位', 20),
  name: requiredText('姓名', 20),
  unit: optionalText('单位', 60),
  phone: optionalText('电话', 30),
  sortOrder: optionalInt('排序'),
});

/** 城管队员, 片警, 交警, 环卫… on a segment's board. */
export const teamEntity: EntityDef<z.infer<typeof teamSchema>> = {
  key: 'teams',
  title: '路段队伍',
  unit: '人',
  columns: ['路段', '岗位', '姓名', '单位', '电话'],
  searchHint: '路段编号、岗位或姓名',
  async list(db, { search, afterId, limit }) {
    const rows = await db
      .select({ id: teamMembers.id, code: segments.code, role: teamMembers.role, name: teamMembers.name, unit: teamMembers.unit, phone: teamMembers.phone })
      .from(teamMembers)
      .innerJoin(segments, eq(segments.id, teamMembers.segmentId))
      .where(and(afterId ? gt(teamMembers.id, afterId) : undefined, search ? or(ilike(segments.code, like(search)), ilike(teamMembers.role, like(search)), ilike(teamMembers.name, like(search))) : undefined))
      .orderBy(asc(teamMembers.id))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, active: true, cells: [r.code, r.role, r.name, r.unit, r.phone] }));
  },
  async fields() {
    return [
      { name: 'segmentCode', label: '路段编号', kind: 'text', required: true, hint: '如 QH-0001' },
      { name: 'role', label: '岗位', kind: 'text', required: true, hint: '如 城管队员、片警、交警、环卫、绿化、协管员' },
      { name: 'name', label: '姓名', kind: 'text', required: true },
      { name: 'unit', label: '单位', kind: 'text' },
      { name: 'phone', label: '电话', kind: 'text' },
      { name: 'sortOrder', label: '公示牌上的顺序', kind: 'number' },
    ];
  },
  async load(db, id) {
    const [t] = await db.select({ t: teamMembers, code: segments.code }).from(teamMembers).innerJoin(segments, eq(segments.id, teamMembers.segmentId)).where(eq(teamMembers.id, id));
    return t ? { segmentCode: t.code, role: t.t.role, name: t.t.name, unit: t.t.unit ?? '', phone: t.t.phone ?? '', sortOrder: String(t.t.sortOrder) } : null;
  },
  schema: teamSchema,
  async save(tx, id, input, actor) {
    const segment = await activeSegment(tx, input.segmentCode);
    if ('ok' in segment) return segment;
    const [before] = id ? await tx.select({ t: teamMembers, code: segments.code }).from(teamMembers).innerJoin(segments, eq(segments.id, teamMembers.segmentId)).where(eq(teamMembers.id, id)) : [undefined];
    if (id && !before) return { ok: false, error: '该队员不存在。' };
    const values = { segmentId: segment.id, role: input.role, name: input.name, unit: input.unit ?? null, phone: input.phone ?? null, sortOrder: input.sortOrder ?? 0, updatedAt: new Date() };
    const [row] = before ? await tx.update(teamMembers).set(values).where(eq(teamMembers.id, before.t.id)).returning() : await tx.insert(teamMembers).values(values).returning();
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: before ? 'team.update' : 'team.create', entityType: 'team_member', entityId: row!.id, detail: { before: before?.t ?? null, after: row } });
    return { ok: true, id: row!.id, segmentCodes: [...new Set([before?.code, segment.code].filter((c): c is string => Boolean(c)))] };
  },
  exportSheet(db) {
    const rows = byId((after) =>
      db
        .select({ id: teamMembers.id, t: teamMembers, code: segments.code })
        .from(teamMembers)
        .innerJoin(segments, eq(segments.id, teamMembers.segmentId))
        .where(gt(teamMembers.id, after))
        .orderBy(asc(teamMembers.id))
        .limit(1000),
    );
    return {
      headers: ['路段编号', '岗位', '姓名', '单位', '电话', '顺序'],
      rows: (async function* () {
        for await (const { t, code } of rows) yield [code, t.role, t.name, t.unit, t.phone, t.sortOrder];
      })(),
    };
  },
};

/** 职能部门 (the bodies cases are dispatched to) and the categories' handling time limits. */
import { and, asc, eq, gt, ilike, isNotNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/queries';
import { categories, departments } from '../db/schema';
import { defaultDistrictId } from '../reports/queries';
import { like, optionalText, requiredText } from './fields';
import { byId, invalid, isUniqueViolation, type EntityDef } from './types';

const departmentSchema = z.object({
  code: requiredText('部门代码', 16),
  name: requiredText('部门名称', 60),
  shortName: requiredText('简称', 20),
  kind: requiredText('类别', 30),
  phone: optionalText('电话', 30),
});

export const departmentEntity: EntityDef<z.infer<typeof departmentSchema>> = {
  key: 'departments',
  title: '职能部门',
  unit: '个',
  columns: ['代码', '名称', '简称', '电话'],
  searchHint: '代码或名称',
  async list(db, { search, afterId, limit }) {
    const rows = await db
      .select()
      .from(departments)
      .where(and(afterId ? gt(departments.id, afterId) : undefined, search ? or(ilike(departments.code, like(search)), ilike(departments.name, like(search)), ilike(departments.shortName, like(search))) : undefined))
      .orderBy(asc(departments.id))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, active: r.active, cells: [r.code, r.name, r.shortName, r.phone] }));
  },
  async fields() {
    return [
      { name: 'code', label: '部门代码', kind: 'text', required: true, hint: '如 CG、GA' },
      { name: 'name', label: '部门名称', kind: 'text', required: true },
      { name: 'shortName', label: '简称', kind: 'text', required: true },
      { name: 'kind', label: '类别', kind: 'text', required: true, hint: '如 city_management、police' },
      { name: 'phone', label: '电话', kind: 'text' },
    ];
  },
  async load(db, id) {
    const [d] = await db.select().from(departments).where(eq(departments.id, id));
    return d ? { code: d.code, name: d.name, shortName: d.shortName, kind: d.kind, phone: d.phone ?? '' } : null;
  },
  schema: departmentSchema,
  async save(tx, id, input, actor) {
    const [before] = id ? await tx.select().from(departments).where(eq(departments.id, id)) : [undefined];
    if (id && !before) return { ok: false, error: '该部门不存在。' };
    const values = { ...input, code: input.code.toUpperCase(), phone: input.phone ?? null, updatedAt: new Date() };
    try {
      const districtId = await defaultDistrictId(tx);
      const [row] = await tx.transaction((sp) =>
        before ? sp.update(departments).set(values).where(eq(departments.id, before.id)).returning() : sp.insert(departments).values({ ...values, districtId }).returning(),
      );
      await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: before ? 'department.update' : 'department.create', entityType: 'department', entityId: row!.id, detail: { before: before ?? null, after: row } });
      return { ok: true, id: row!.id, segmentCodes: [] };
    } catch (error) {
      if (isUniqueViolation(error)) return invalid('code', `部门代码 ${values.code} 已被使用。`);
      throw error;
    }
  },
  async setActive(tx, id, active, actor) {
    await tx.update(departments).set({ active, updatedAt: new Date() }).where(eq(departments.id, id));
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: active ? 'department.restore' : 'department.retire', entityType: 'department', entityId: id, detail: { before: { active: !active }, after: { active } } });
    return [];
  },
  exportSheet(db) {
    const rows = byId((after) => db.select().from(departments).where(gt(departments.id, after)).orderBy(asc(departments.id)).limit(1000));
    return {
      headers: ['部门代码', '部门名称', '简称', '类别', '电话', '状态'],
      rows: (async function* () {
        for await (const d of rows) yield [d.code, d.name, d.shortName, d.kind, d.phone, d.active ? '在用' : '已停用'];
      })(),
    };
  },
};

const categorySchema = z.object({
  timeLimitHours: z.preprocess(
    (v) => (typeof v === 'string' ? Number(v.normalize('NFKC').trim() || 'NaN') : v),
    z.number({ message: '请填写处置时限（工作小时）。' }).min(0.5, '处置时限至少 0.5 个工作小时。').max(2000, '处置时限最多 2000 个工作小时。'),
  ),
});

/** Categories are the national taxonomy: only a 小类's time limit is edited here (and it may be retired). */
export const categoryEntity: EntityDef<z.infer<typeof categorySchema>> = {
  key: 'categories',
  title: '问题类别时限',
  unit: '个',
  canCreate: false,
  columns: ['代码', '名称', '时限（工作小时）', '来源'],
  searchHint: '代码或名称',
  async list(db, { search, afterId, limit }) {
    const rows = await db
      .select()
      .from(categories)
      .where(and(isNotNull(categories.parentId), afterId ? gt(categories.id, afterId) : undefined, search ? or(ilike(categories.code, like(search)), ilike(categories.name, like(search))) : undefined))
      .orderBy(asc(categories.id))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, active: r.active, cells: [r.code, r.name, r.timeLimitHours, r.timeLimitIsDefault ? '默认值，待确认' : '已确认'] }));
  },
  async fields(existing) {
    return [{ name: 'timeLimitHours', label: `处置时限（工作小时）${existing ? '' : ''}`, kind: 'number', required: true, hint: '按工作时间计，如 0.5、4、24；保存后视为已确认。' }];
  },
  async load(db, id) {
    const [c] = await db.select().from(categories).where(and(eq(categories.id, id), isNotNull(categories.parentId)));
    return c ? { timeLimitHours: c.timeLimitHours === null ? '' : String(c.timeLimitHours), _title: `${c.code} ${c.name}` } : null;
  },
  schema: categorySchema,
  async save(tx, id, input, actor) {
    const [before] = id ? await tx.select().from(categories).where(and(eq(categories.id, id), isNotNull(categories.parentId))) : [undefined];
    if (!before) return { ok: false, error: '只能修改已有小类的时限。' };
    const [row] = await tx.update(categories).set({ timeLimitHours: input.timeLimitHours, timeLimitIsDefault: false, updatedAt: new Date() }).where(eq(categories.id, before.id)).returning();
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: 'category.time_limit', entityType: 'category', entityId: before.id, detail: { before: { timeLimitHours: before.timeLimitHours }, after: { timeLimitHours: row!.timeLimitHours } } });
    return { ok: true, id: before.id, segmentCodes: [] };
  },
  async setActive(tx, id, active, actor) {
    await tx.update(categories).set({ active, updatedAt: new Date() }).where(eq(categories.id, id));
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: active ? 'category.restore' : 'category.retire', entityType: 'category', entityId: id, detail: { before: { active: !active }, after: { active } } });
    return [];
  },
  exportSheet(db) {
    const rows = byId((after) => db.select().from(categories).where(gt(categories.id, after)).orderBy(asc(categories.id)).limit(1000));
    return {
      headers: ['代码', '名称', '部件/事件', '时限（工作小时）', '时限来源', '状态'],
      rows: (async function* () {
        for await (const c of rows) yield [c.code, c.name, c.kind === 'component' ? '部件' : '事件', c.timeLimitHours, c.timeLimitIsDefault ? '默认值' : '已确认', c.active ? '在用' : '已停用'];
      })(),
    };
  },
};

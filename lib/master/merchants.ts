/** 沿街商户 master data: the code is printed on the 责任牌 QR; the credit code is checked (GB 32100). */
import { and, asc, eq, gt, ilike, or } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/queries';
import { merchants, segments } from '../db/schema';
import { normalizeCreditCode } from '../domain/credit-code';
import { like, optionalText, requiredText } from './fields';
import { activeSegment, invalid, isUniqueViolation, type EntityDef } from './types';

const schema = z.object({
  code: requiredText('商户编号', 24),
  name: requiredText('商户名称', 60),
  address: requiredText('地址', 100),
  segmentCode: requiredText('路段编号', 16),
  kind: requiredText('类型', 20),
  creditCode: optionalText('统一社会信用代码', 40),
  responsiblePerson: requiredText('负责人', 20),
  contactPhone: optionalText('联系电话', 30),
  agreementSignedOn: z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '责任书签订日期应为日期，如 2026-01-05。').optional()),
});
type Input = z.infer<typeof schema>;

export const merchantEntity: EntityDef<Input> = {
  key: 'merchants',
  title: '商户',
  unit: '家',
  columns: ['编号', '名称', '地址', '路段', '类型'],
  searchHint: '编号、名称或地址',
  async list(db, { search, afterId, limit }) {
    const rows = await db
      .select({ id: merchants.id, active: merchants.active, code: merchants.code, name: merchants.name, address: merchants.address, segment: segments.code, kind: merchants.kind })
      .from(merchants)
      .innerJoin(segments, eq(segments.id, merchants.segmentId))
      .where(and(afterId ? gt(merchants.id, afterId) : undefined, search ? or(ilike(merchants.code, like(search)), ilike(merchants.name, like(search)), ilike(merchants.address, like(search))) : undefined))
      .orderBy(asc(merchants.id))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, active: r.active, cells: [r.code, r.name, r.address, r.segment, r.kind] }));
  },
  async fields(existing) {
    return [
      { name: 'code', label: '商户编号', kind: 'text', required: true, hint: existing ? '印在责任牌二维码里，不能修改。' : '如 QH-M00001；印在责任牌二维码里，保存后不能再改。' },
      { name: 'name', label: '商户名称', kind: 'text', required: true },
      { name: 'address', label: '地址', kind: 'text', required: true },
      { name: 'segmentCode', label: '路段编号', kind: 'text', required: true, hint: '如 QH-0001' },
      { name: 'kind', label: '类型', kind: 'text', required: true, hint: '如 餐饮、零售、单位' },
      { name: 'creditCode', label: '统一社会信用代码', kind: 'text', hint: '18 位，系统会核对校验码；机关事业单位可不填。' },
      { name: 'responsiblePerson', label: '负责人', kind: 'text', required: true },
      { name: 'contactPhone', label: '联系电话（不公开）', kind: 'text' },
      { name: 'agreementSignedOn', label: '责任书签订日期', kind: 'date' },
    ];
  },
  async load(db, id) {
    const [m] = await db.select({ m: merchants, segmentCode: segments.code }).from(merchants).innerJoin(segments, eq(segments.id, merchants.segmentId)).where(eq(merchants.id, id));
    if (!m) return null;
    const r = m.m;
    return {
      code: r.code,
      name: r.name,
      address: r.address,
      segmentCode: m.segmentCode,
      kind: r.kind,
      creditCode: r.creditCode ?? '',
      responsiblePerson: r.responsiblePerson,
      contactPhone: r.contactPhone ?? '',
      agreementSignedOn: r.agreementSignedOn ?? '',
    };
  },
  schema,
  async save(tx, id, input, actor) {
    const code = input.code.replace(/\s+/g, '').toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9-]{0,23}$/.test(code)) return invalid('code', '商户编号只能由字母、数字和连字符组成。');
    const creditCode = input.creditCode ? normalizeCreditCode(input.creditCode) : null;
    if (input.creditCode && !creditCode) return invalid('creditCode', '统一社会信用代码无效：应为 18 位（数字和大写字母，不含 I、O、S、V、Z），且最后一位校验码正确。');
    const segment = await activeSegment(tx, input.segmentCode);
    if ('ok' in segment) return segment;
    const [before] = id ? await tx.select({ m: merchants, segmentCode: segments.code }).from(merchants).innerJoin(segments, eq(segments.id, merchants.segmentId)).where(eq(merchants.id, id)) : [undefined];
    if (id && !before) return { ok: false, error: '该商户不存在。' };
    if (before && before.m.code !== code) return invalid('code', `商户编号印在责任牌上，不能从 ${before.m.code} 改为 ${code}。`);
    const values = {
      code,
      name: input.name,
      address: input.address,
      segmentId: segment.id,
      streetId: segment.streetId,
      kind: input.kind,
      creditCode,
      responsiblePerson: input.responsiblePerson,
      contactPhone: input.contactPhone ?? null,
      agreementSignedOn: input.agreementSignedOn ?? null,
      updatedAt: new Date(),
    };
    try {
      const [row] = await tx.transaction((sp) =>
        before ? sp.update(merchants).set(values).where(eq(merchants.id, before.m.id)).returning() : sp.insert(merchants).values(values).returning(),
      );
      await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: before ? 'merchant.update' : 'merchant.create', entityType: 'merchant', entityId: row!.id, detail: { before: before?.m ?? null, after: row } });
      return { ok: true, id: row!.id, segmentCodes: [...new Set([before?.segmentCode, segment.code].filter((c): c is string => Boolean(c)))] };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const [taken] = await tx.select({ id: merchants.id }).from(merchants).where(eq(merchants.code, code));
      return taken ? invalid('code', `商户编号 ${code} 已被使用。`) : invalid('creditCode', '这个统一社会信用代码已登记在另一家商户名下。');
    }
  },
  async setActive(tx, id, active, actor) {
    const [row] = await tx.update(merchants).set({ active, updatedAt: new Date() }).where(eq(merchants.id, id)).returning({ segmentId: merchants.segmentId });
    if (!row) return [];
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: active ? 'merchant.restore' : 'merchant.retire', entityType: 'merchant', entityId: id, detail: { before: { active: !active }, after: { active } } });
    const [s] = await tx.select({ code: segments.code }).from(segments).where(eq(segments.id, row.segmentId));
    return s ? [s.code] : [];
  },
};

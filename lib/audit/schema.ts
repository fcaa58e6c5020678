/** The audit page's filters as they arrive in the URL, checked and turned into a query filter (dates are CST days). */
import { z } from 'zod';
import { CST_OFFSET_MS } from '../domain/calendar';
import type { AuditFilter } from './queries';

const text = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : undefined), z.string().max(max, `${label}最多 ${max} 个字符`).optional());

const day = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 年-月-日，例如 2026-11-23`)
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label}不是有效的日期`)
      .optional(),
  );

export const auditSearchSchema = z
  .object({
    actor: text(64, '操作人'),
    action: text(64, '操作'),
    entityType: text(64, '对象类型'),
    entityId: text(100, '对象编号'),
    from: day('开始日期'),
    to: day('结束日期'),
    before: z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : undefined), z.coerce.number({ error: '翻页参数有误' }).int('翻页参数有误').positive('翻页参数有误').optional()),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['to'] });

export type AuditSearch = z.infer<typeof auditSearchSchema>;

/** The CST day `iso` starts at this instant. */
function cstDayStart(iso: string): Date {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - CST_OFFSET_MS);
}

/** Search params → the query filter: `to` is inclusive of that whole day. Empty fields filter nothing. */
export function auditFilterOf(search: AuditSearch): AuditFilter {
  return {
    actor: search.actor || undefined,
    action: search.action || undefined,
    entityType: search.entityType || undefined,
    entityId: search.entityId || undefined,
    from: search.from ? cstDayStart(search.from) : undefined,
    to: search.to ? new Date(cstDayStart(search.to).getTime() + 86_400_000) : undefined,
  };
}

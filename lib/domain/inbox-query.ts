/**
 * The dispatcher inbox's address: which tab, filters, sort and page a /staff/cases URL names, read
 * leniently (a bad value is dropped, never a 500) and written back so links work without JavaScript.
 */
import { z } from 'zod';
import { CASE_STATUSES, type CaseStatus } from './case-flow';

export type InboxStatus = CaseStatus;
/** Cases still in the loop: the ones that can be overdue and are counted per tab. */
export const OPEN_STATUSES = ['submitted', 'accepted', 'dispatched', 'returned', 'handled'] as const;
export const CASE_SOURCES = ['citizen', 'patrol', 'hotline', 'open311', 'inspection'] as const;
export type InboxSource = (typeof CASE_SOURCES)[number];
export const INBOX_SORTS = ['deadline', 'newest', 'oldest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** The inbox tabs say what work waits in them (case-flow's STATUS_LABEL says what happened). */
export const TAB_LABEL: Record<InboxStatus, string> = {
  submitted: '待受理',
  accepted: '待派遣',
  dispatched: '处置中',
  returned: '已退单',
  handled: '待核查',
  closed: '已结案',
  rejected: '已作废',
};
export const SOURCE_LABEL: Record<InboxSource, string> = { citizen: '随手拍', patrol: '巡查', hotline: '热线', open311: 'Open311', inspection: '督查' };
export const SORT_LABEL: Record<InboxSort, string> = { deadline: '处置时限最近', newest: '最新提交', oldest: '最早提交' };
export const DISPOSITION_LABEL = { self: '自行处置', dispatch: '派单处置', enforcement: '执法处置' } as const;

/** The largest "due within N hours" a user may ask for (a month). */
export const MAX_DUE_WITHIN_HOURS = 720;

export interface InboxCursor {
  deadlineAt: string | null;
  id: number;
}

export interface InboxQuery {
  status: InboxStatus;
  streetId?: number;
  segmentId?: number;
  categoryId?: number;
  source?: InboxSource;
  overdue: boolean;
  dueWithinHours?: number;
  sort: InboxSort;
  after?: InboxCursor;
}

const id = z.coerce.number().int().positive().max(2_147_483_647);
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const schema = z.object({
  status: z.enum(CASE_STATUSES).catch('submitted'),
  street: optional(id),
  segment: optional(id),
  category: optional(id),
  source: optional(z.enum(CASE_SOURCES)),
  overdue: z
    .enum(['1', 'true', 'on'])
    .optional()
    .catch(undefined)
    .transform((v) => v !== undefined),
  due: optional(z.coerce.number().int().positive().max(MAX_DUE_WITHIN_HOURS)),
  sort: optional(z.enum(INBOX_SORTS)),
  after: optional(z.string().max(80)),
});

/** The default order of a tab: open work by deadline, finished cases newest first. */
export function defaultSort(status: InboxStatus): InboxSort {
  return status === 'closed' || status === 'rejected' ? 'newest' : 'deadline';
}

/** `deadline ISO or "-"` + `~` + id, e.g. `2026-11-18T02:00:00.000Z~42` or `-~42`. */
export function encodeCursor(c: InboxCursor): string {
  return `${c.deadlineAt ?? '-'}~${c.id}`;
}

export function decodeCursor(s: string | undefined): InboxCursor | undefined {
  if (!s) return undefined;
  const m = /^(-|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)~(\d{1,10})$/.exec(s);
  if (!m) return undefined;
  const cursorId = Number(m[2]);
  if (!Number.isSafeInteger(cursorId) || cursorId < 1 || cursorId > 2_147_483_647) return undefined;
  if (m[1] !== '-' && Number.isNaN(Date.parse(m[1]!))) return undefined;
  return { deadlineAt: m[1] === '-' ? null : m[1]!, id: cursorId };
}

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Reads a /staff/cases query string; anything malformed falls back to the default for that field. */
export function parseInboxQuery(params: Params): InboxQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, first(v)]).filter(([, v]) => v !== undefined && v !== ''));
  const p = schema.parse(flat);
  return {
    status: p.status,
    streetId: p.street,
    segmentId: p.segment,
    categoryId: p.category,
    source: p.source,
    overdue: p.overdue,
    dueWithinHours: p.due,
    sort: p.sort ?? defaultSort(p.status),
    after: decodeCursor(p.after),
  };
}

/** The query string for a query (defaults left out), e.g. `?status=accepted&street=3`. */
export function inboxHref(q: Partial<InboxQuery> & { status: InboxStatus }, base = '/staff/cases'): string {
  const s = new URLSearchParams();
  s.set('status', q.status);
  if (q.streetId) s.set('street', String(q.streetId));
  if (q.segmentId) s.set('segment', String(q.segmentId));
  if (q.categoryId) s.set('category', String(q.categoryId));
  if (q.source) s.set('source', q.source);
  if (q.overdue) s.set('overdue', '1');
  if (q.dueWithinHours) s.set('due', String(q.dueWithinHours));
  if (q.sort && q.sort !== defaultSort(q.status)) s.set('sort', q.sort);
  if (q.after) s.set('after', encodeCursor(q.after));
  return `${base}?${s.toString()}`;
}

/** Whether a case still in the loop has passed its deadline. */
export function isOverdue(c: { status: string; deadlineAt: Date | null }, now: Date): boolean {
  return c.deadlineAt !== null && c.deadlineAt.getTime() < now.getTime() && (OPEN_STATUSES as readonly string[]).includes(c.status);
}

/** '剩 5 小时' / '超期 2 天 3 小时' for a deadline, from `now`. */
export function deadlineLabel(deadlineAt: Date | null, now: Date): string {
  if (!deadlineAt) return '无时限';
  const diff = deadlineAt.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const hours = Math.floor(abs / 3_600_000);
  const text = hours >= 24 ? `${Math.floor(hours / 24)} 天${hours % 24 ? ` ${hours % 24} 小时` : ''}` : hours >= 1 ? `${hours} 小时` : `${Math.max(1, Math.floor(abs / 60_000))} 分钟`;
  return diff < 0 ? `超期 ${text}` : `剩 ${text}`;
}

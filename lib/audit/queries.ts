/** 留痕: every staff action is appended here, in the same transaction as the change where there is one. */
import { and, desc, eq, gte, ilike, like, lt } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { likeLiteral } from '../db/like';
import { auditLog } from '../db/schema';

export interface AuditEntry {
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType?: string;
  entityId?: string | number;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export async function writeAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    ip: entry.ip && /^[0-9a-fA-F:.]+$/.test(entry.ip) ? entry.ip : null,
    detail: entry.detail ?? null,
  });
}

/** One row of the audit page: who, what, when, on what, and the detail as written. */
export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  /** Username (actor label), case-insensitive prefix. */
  actor?: string;
  /** Action, prefix: 'auth.' finds every sign-in entry. */
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Instants, from inclusive, to exclusive (the caller turns CST dates into instants). */
  from?: Date;
  to?: Date;
}

/**
 * The newest entries first, keyset-paginated by id (ids only grow): `before` is the last id of the
 * previous page. Returns one page and the cursor of the next, or null at the end.
 */
export async function listAuditEntries(
  db: Db | Tx,
  { filter = {}, before, limit = 50 }: { filter?: AuditFilter; before?: number; limit?: number },
): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  const where = [
    filter.actor ? ilike(auditLog.actorLabel, `${likeLiteral(filter.actor)}%`) : undefined,
    filter.action ? like(auditLog.action, `${likeLiteral(filter.action)}%`) : undefined,
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lt(auditLog.at, filter.to) : undefined,
    before !== undefined ? lt(auditLog.id, before) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, nextBefore: rows.length > limit ? page[page.length - 1]!.id : null };
}

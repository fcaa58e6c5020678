/** 留痕: every staff action is appended here, in the same transaction as the change where there is one. */
import type { Db, Tx } from '../db/client';
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

/**
 * Server-side staff sessions (`staff_sessions`): a row per sign-in whose random id rides in the signed
 * session token. A token counts only while its row exists, is not revoked and not expired, and its user
 * is active, so sign-out, disabling a user and a password change end sessions at once, everywhere.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { isIP } from 'node:net';
import type { Db, Tx } from '../db/client';
import { staffSessions, staffUsers } from '../db/schema';
import type { StaffIdentity } from './service';

/** A session's absolute lifetime: it ends this long after sign-in however active it is. */
export const SESSION_HOURS = 12;

/** The staff member behind a live session, with what the guards need besides identity. */
export interface SignedInStaff extends StaffIdentity {
  sessionId: string;
  mustChangePassword: boolean;
}

/** 256 random bits, base64url: unguessable even by someone who sees many ids. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export async function createStaffSession(
  db: Db | Tx,
  { userId, ip, userAgent, now = new Date(), hours = SESSION_HOURS }: { userId: number; ip?: string | null; userAgent?: string | null; now?: Date; hours?: number },
): Promise<{ id: string; expiresAt: Date }> {
  const id = newSessionId();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db.insert(staffSessions).values({
    id,
    userId,
    createdAt: now,
    expiresAt,
    ip: ip && isIP(ip) ? ip : null,
    userAgent: userAgent ? userAgent.slice(0, 300) : null,
  });
  return { id, expiresAt };
}

/** The active user of a live session, or null (unknown, revoked or expired session; disabled user). */
export async function staffForSession(db: Db | Tx, { sessionId, now = new Date() }: { sessionId: string; now?: Date }): Promise<SignedInStaff | null> {
  if (!sessionId) return null;
  const [row] = await db
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      displayName: staffUsers.displayName,
      roles: staffUsers.roles,
      scopeType: staffUsers.scopeType,
      scopeAreaId: staffUsers.scopeAreaId,
      chiefId: staffUsers.chiefId,
      departmentId: staffUsers.departmentId,
      mustChangePassword: staffUsers.mustChangePassword,
      sessionId: staffSessions.id,
    })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.revokedAt), gt(staffSessions.expiresAt, now), eq(staffUsers.active, true)));
  return row ?? null;
}

/** Ends one session (sign-out). Returns whether it was live. */
export async function revokeStaffSession(db: Db | Tx, { sessionId, now = new Date() }: { sessionId: string; now?: Date }): Promise<boolean> {
  const rows = await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.revokedAt)))
    .returning({ id: staffSessions.id });
  return rows.length > 0;
}

/** Ends every live session of a user, optionally but one (the session that changed the password). Returns how many. */
export async function revokeUserSessions(
  db: Db | Tx,
  { userId, exceptSessionId, now = new Date() }: { userId: number; exceptSessionId?: string; now?: Date },
): Promise<number> {
  const rows = await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(staffSessions.userId, userId),
        isNull(staffSessions.revokedAt),
        gt(staffSessions.expiresAt, now),
        exceptSessionId ? ne(staffSessions.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: staffSessions.id });
  return rows.length;
}

/** How many live sessions each user has (for the users page). */
export async function liveSessionCounts(db: Db | Tx, now: Date = new Date()): Promise<Map<number, number>> {
  const rows = await db
    .select({ userId: staffSessions.userId, n: sql<number>`count(*)::int` })
    .from(staffSessions)
    .where(and(isNull(staffSessions.revokedAt), gt(staffSessions.expiresAt, now)))
    .groupBy(staffSessions.userId);
  return new Map(rows.map((r) => [r.userId, r.n]));
}

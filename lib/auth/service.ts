/**
 * Staff sign-in: argon2id verification against staff_users, the same work for unknown accounts (a dummy
 * hash, so timing does not reveal who exists), demo accounts only in demo mode, and a temporary lockout
 * after repeated failures, per account and per IP address. Every attempt is audited. No framework
 * imports: next-auth calls this.
 */
import { hash, verify } from '@node-rs/argon2';
import { and, eq, sql } from 'drizzle-orm';
import { isIP } from 'node:net';
import type { Db } from '../db/client';
import { rateLimitBuckets, staffUsers } from '../db/schema';
import { writeAudit } from '../audit/queries';
import { hitRateLimit } from '../abuse/rate-limit';
import { windowOf, type RateLimit } from '../domain/abuse';
import { getSettings } from '../settings/queries';
import { LOCKOUT_MINUTES, type LoginError } from './messages';

export const MAX_FAILED_ATTEMPTS = 5;

export interface StaffIdentity {
  id: number;
  username: string;
  displayName: string;
  roles: (typeof staffUsers.$inferSelect)['roles'];
  scopeType: (typeof staffUsers.$inferSelect)['scopeType'];
  scopeAreaId: number | null;
  chiefId: number | null;
  departmentId: number | null;
}

export type LoginResult = { ok: true; staff: StaffIdentity } | { ok: false; error: LoginError };

let dummyHash: Promise<string> | undefined;

/** The per-IP limit on failed sign-ins (settings), or null when the address is unknown (no proxy header). */
async function ipLimit(db: Db, ip: string | null | undefined): Promise<{ key: string; limit: RateLimit } | null> {
  if (!ip || !isIP(ip)) return null;
  const s = await getSettings(db, ['auth.ipFailedLoginsPerWindow', 'auth.ipFailedLoginWindowMinutes']);
  return { key: `login-fail:ip:${ip}`, limit: { max: s['auth.ipFailedLoginsPerWindow'], windowSeconds: s['auth.ipFailedLoginWindowMinutes'] * 60 } };
}

/** Failures already counted in the address's current window (read only: a refused attempt is not a new failure). */
async function failuresSoFar(db: Db, { key, limit }: { key: string; limit: RateLimit }, now: Date): Promise<number> {
  const { start } = windowOf(now, limit.windowSeconds);
  const [row] = await db
    .select({ count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(and(eq(rateLimitBuckets.key, key), eq(rateLimitBuckets.windowSeconds, limit.windowSeconds), eq(rateLimitBuckets.windowStart, start)));
  return row?.count ?? 0;
}

export async function verifyStaffLogin(
  db: Db,
  { username, password, demoMode, ip, now = new Date() }: { username: string; password: string; demoMode: boolean; ip?: string | null; now?: Date },
): Promise<LoginResult> {
  const name = username.normalize('NFKC').trim().toLowerCase().slice(0, 64);
  const perIp = await ipLimit(db, ip);
  if (perIp && (await failuresSoFar(db, perIp, now)) >= perIp.limit.max) {
    // Refused before any account is looked up or any hash is checked: this address has guessed enough.
    await writeAudit(db, { actorUserId: null, actorLabel: name, action: 'auth.login_refused', entityType: 'staff_user', ip, detail: { reason: 'ip_limit' } });
    return { ok: false, error: 'ip_limited' };
  }
  const countFailure = () => (perIp ? hitRateLimit(db, perIp.key, [perIp.limit], now) : Promise.resolve());
  const [user] = name ? await db.select().from(staffUsers).where(eq(staffUsers.username, name)) : [];
  dummyHash ??= hash('luzhang-no-such-user');
  const passwordOk = await verify(user?.passwordHash ?? (await dummyHash), password.slice(0, 256)).catch(() => false);
  const audit = (action: string, detail: Record<string, unknown> = {}) =>
    writeAudit(db, { actorUserId: user?.id ?? null, actorLabel: user?.username ?? name, action, entityType: 'staff_user', entityId: user?.id, ip, detail });

  if (!user || !user.active) {
    await countFailure();
    await audit('auth.login_failed', { reason: 'unknown' });
    return { ok: false, error: 'invalid' };
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await countFailure();
    await audit('auth.login_refused', { reason: 'locked' });
    return { ok: false, error: 'locked' };
  }
  if (!passwordOk) {
    await countFailure();
    const attempts = user.failedAttempts + 1;
    const lock = attempts >= MAX_FAILED_ATTEMPTS;
    await db
      .update(staffUsers)
      .set({
        failedAttempts: lock ? 0 : attempts,
        lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : user.lockedUntil,
        updatedAt: sql`now()`,
      })
      .where(eq(staffUsers.id, user.id));
    await audit(lock ? 'auth.locked' : 'auth.login_failed', { reason: 'password', attempts });
    return { ok: false, error: lock ? 'locked' : 'invalid' };
  }
  if (user.isDemo && !demoMode) {
    await audit('auth.login_refused', { reason: 'demo_disabled' });
    return { ok: false, error: 'demo_disabled' };
  }
  await db.update(staffUsers).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(staffUsers.id, user.id));
  await audit('auth.login');
  return {
    ok: true,
    staff: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      scopeType: user.scopeType,
      scopeAreaId: user.scopeAreaId,
      chiefId: user.chiefId,
      departmentId: user.departmentId,
    },
  };
}

/** Who is asking, for staff pages, actions and route handlers: checked on the server every time. */
import 'server-only';
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '../db';
import { staffAccess, STAFF_ACCESS_MESSAGE, type StaffAccess } from '../domain/password';
import { env } from '../env';
import { authOptions } from './options';
import type { StaffIdentity } from './service';
import { staffForSession, type SignedInStaff } from './sessions';

export type StaffRole = StaffIdentity['roles'][number];
export type { SignedInStaff } from './sessions';

export const ALL_STAFF_ROLES: readonly StaffRole[] = ['admin', 'dispatcher', 'handler', 'inspector', 'publicity'];

/**
 * The signed-in staff member, read fresh from Postgres: only through a session row that exists, is not
 * revoked or expired, of a user who is still active. Null when not signed in. Read once per request
 * (React cache), so the layout's menu and the page's guard share one query.
 */
export const currentStaff = cache(async (): Promise<SignedInStaff | null> => {
  const session = (await getServerSession(await authOptions())) as { sessionId?: string } | null;
  if (!session?.sessionId) return null; // tokens from before server-side sessions, or none
  return staffForSession(await getDb(), { sessionId: session.sessionId });
});

/** Whether `staff` holds one of `roles` (for showing links; the guards below do the checking). */
export function hasRole(staff: { roles: readonly StaffRole[] }, roles: readonly StaffRole[]): boolean {
  return staff.roles.some((r) => roles.includes(r));
}

/**
 * For pages (and server actions that may navigate): not signed in → the login page; an initial password
 * still to change (outside demo mode) → /staff/password; signed in without one of `roles` → 403.
 */
export async function requireStaff(roles: readonly StaffRole[], returnTo: string): Promise<SignedInStaff> {
  const staff = await currentStaff();
  const access = staffAccess(staff, roles, { demoMode: env().demoMode });
  if (access === 'unauthenticated') redirect(`/staff/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (access === 'password_change_required') redirect('/staff/password');
  if (access === 'forbidden') forbidden();
  return staff!;
}

export type StaffRefusal = { ok: false; error: Exclude<StaffAccess, 'ok'>; message: string };

/**
 * For server actions that answer with state: the same check as requireStaff, as a value. Spread a
 * refusal into the action's result: `const who = await requireStaffAction(['dispatcher']); if (!who.ok) return who;`
 */
export async function requireStaffAction(roles: readonly StaffRole[]): Promise<{ ok: true; staff: SignedInStaff } | StaffRefusal> {
  const staff = await currentStaff();
  const access = staffAccess(staff, roles, { demoMode: env().demoMode });
  if (access !== 'ok') return { ok: false, error: access, message: STAFF_ACCESS_MESSAGE[access] };
  return { ok: true, staff: staff! };
}

/** For route handlers: a Response to return instead (401 or 403, Chinese text), or the staff member. */
export async function staffOrResponse(roles: readonly StaffRole[]): Promise<SignedInStaff | Response> {
  const staff = await currentStaff();
  const access = staffAccess(staff, roles, { demoMode: env().demoMode });
  if (access === 'ok') return staff!;
  return new Response(access === 'unauthenticated' ? '请先登录' : access === 'forbidden' ? '无权访问' : STAFF_ACCESS_MESSAGE[access], {
    status: access === 'unauthenticated' ? 401 : 403,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

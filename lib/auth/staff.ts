/** Who is asking, for staff pages, actions and route handlers: checked on the server every time. */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getServerSession } from 'next-auth';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '../db';
import { staffUsers } from '../db/schema';
import { authOptions } from './options';
import type { StaffIdentity } from './service';

export type StaffRole = StaffIdentity['roles'][number];

/** The signed-in, still active staff member, read fresh from Postgres; null when not signed in. */
export async function currentStaff(): Promise<StaffIdentity | null> {
  const session = (await getServerSession(await authOptions())) as { staffId?: number } | null;
  if (!session?.staffId) return null;
  const [user] = await (await getDb())
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      displayName: staffUsers.displayName,
      roles: staffUsers.roles,
      scopeType: staffUsers.scopeType,
      scopeAreaId: staffUsers.scopeAreaId,
      chiefId: staffUsers.chiefId,
      departmentId: staffUsers.departmentId,
    })
    .from(staffUsers)
    .where(and(eq(staffUsers.id, session.staffId), eq(staffUsers.active, true)));
  return user ?? null;
}

/** For pages and server actions: not signed in → the login page; signed in without one of `roles` → 403. */
export async function requireStaff(roles: readonly StaffRole[], returnTo: string): Promise<StaffIdentity> {
  const staff = await currentStaff();
  if (!staff) redirect(`/staff/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!staff.roles.some((r) => roles.includes(r))) forbidden();
  return staff;
}

/** For route handlers: a Response to return instead, or the staff member. */
export async function staffOrResponse(roles: readonly StaffRole[]): Promise<StaffIdentity | Response> {
  const staff = await currentStaff();
  if (!staff) return new Response('请先登录', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (!staff.roles.some((r) => roles.includes(r))) return new Response('无权访问', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return staff;
}

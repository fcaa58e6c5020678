/**
 * Staff accounts over their life: created (npm run user:create, later the users page), password
 * changed by their owner, disabled or re-enabled and their sessions revoked by an admin. Every change
 * is audited in the same transaction; every change that should end sessions revokes them there too.
 */
import { hash, verify } from '@node-rs/argon2';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { areaUnits, chiefs, departments, staffUsers } from '../db/schema';
import { writeAudit } from '../audit/queries';
import { checkNewPassword, MAX_PASSWORD_LENGTH, PASSWORD_RULE_MESSAGE } from '../domain/password';
import { revokeUserSessions } from './sessions';
import type { StaffIdentity } from './service';

type Role = StaffIdentity['roles'][number];
type ScopeType = StaffIdentity['scopeType'];

export const ROLE_LABEL: Record<Role, string> = { admin: '管理员', dispatcher: '坐席', handler: '处置人', inspector: '考评员', publicity: '宣传' };
export const SCOPE_LABEL: Record<ScopeType, string> = { district: '全区', street: '街镇', chief: '路长', department: '部门' };

export interface Actor {
  id: number | null;
  label: string;
  ip?: string | null;
}

// ── Password change ───────────────────────────────────────────────────────────

export type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';
export type PasswordChangeResult = { ok: true; revokedSessions: number } | { ok: false; field: PasswordField; message: string };

/**
 * A signed-in user changes their own password: the current one must be right, the new one must meet
 * the rules (lib/domain/password). Clears mustChangePassword and ends every other session of the user.
 */
export async function changeStaffPassword(
  db: Db,
  input: { userId: number; sessionId?: string; currentPassword: string; newPassword: string; confirmPassword: string; ip?: string | null },
): Promise<PasswordChangeResult> {
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.id, input.userId));
  if (!user || !user.active) return { ok: false, field: 'currentPassword', message: '账号不存在或已停用。' };
  if (!input.currentPassword) return { ok: false, field: 'currentPassword', message: '请输入当前密码。' };
  const currentOk = await verify(user.passwordHash, input.currentPassword.slice(0, MAX_PASSWORD_LENGTH)).catch(() => false);
  if (!currentOk) {
    await writeAudit(db, { actorUserId: user.id, actorLabel: user.username, action: 'auth.password_change_failed', entityType: 'staff_user', entityId: user.id, ip: input.ip, detail: { reason: 'current_password' } });
    return { ok: false, field: 'currentPassword', message: '当前密码不正确。' };
  }
  const problem = checkNewPassword({ username: user.username, newPassword: input.newPassword, confirmPassword: input.confirmPassword, currentPassword: input.currentPassword });
  if (problem) return { ok: false, field: problem === 'mismatch' ? 'confirmPassword' : 'newPassword', message: PASSWORD_RULE_MESSAGE[problem] };
  const passwordHash = await hash(input.newPassword); // @node-rs/argon2 defaults to argon2id
  return db.transaction(async (tx) => {
    await tx.update(staffUsers).set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` }).where(eq(staffUsers.id, user.id));
    const revokedSessions = await revokeUserSessions(tx, { userId: user.id, exceptSessionId: input.sessionId });
    await writeAudit(tx, {
      actorUserId: user.id,
      actorLabel: user.username,
      action: 'auth.password_changed',
      entityType: 'staff_user',
      entityId: user.id,
      ip: input.ip,
      detail: { before: { mustChangePassword: user.mustChangePassword }, after: { mustChangePassword: false }, revokedSessions },
    });
    return { ok: true as const, revokedSessions };
  });
}

// ── Admin: disable, enable, revoke ────────────────────────────────────────────

export type AdminUserResult = { ok: true; message: string } | { ok: false; message: string };

/** Disables or re-enables an account; disabling ends all its sessions at once. An admin cannot disable themself. */
export async function setStaffActive(db: Db, { actor, userId, active }: { actor: Actor; userId: number; active: boolean }): Promise<AdminUserResult> {
  if (!active && actor.id === userId) return { ok: false, message: '不能停用自己的账号。' };
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, userId)).for('update');
    if (!user) return { ok: false, message: '没有这个账号。' };
    if (user.active === active) return { ok: true, message: `${user.displayName}（${user.username}）已经是${active ? '启用' : '停用'}状态。` };
    await tx.update(staffUsers).set({ active, updatedAt: sql`now()` }).where(eq(staffUsers.id, userId));
    const revoked = active ? 0 : await revokeUserSessions(tx, { userId });
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorLabel: actor.label,
      action: active ? 'user.enable' : 'user.disable',
      entityType: 'staff_user',
      entityId: userId,
      ip: actor.ip,
      detail: { username: user.username, before: { active: user.active }, after: { active }, revokedSessions: revoked },
    });
    return { ok: true, message: active ? `已启用 ${user.displayName}（${user.username}）。` : `已停用 ${user.displayName}（${user.username}），其 ${revoked} 个登录会话已失效。` };
  });
}

/** Ends every session of a user (强制下线): they must sign in again. */
export async function revokeStaffSessions(db: Db, { actor, userId }: { actor: Actor; userId: number }): Promise<AdminUserResult> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ username: staffUsers.username, displayName: staffUsers.displayName }).from(staffUsers).where(eq(staffUsers.id, userId));
    if (!user) return { ok: false, message: '没有这个账号。' };
    const revoked = await revokeUserSessions(tx, { userId });
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: 'user.revoke_sessions', entityType: 'staff_user', entityId: userId, ip: actor.ip, detail: { username: user.username, revokedSessions: revoked } });
    return { ok: true, message: revoked ? `已让 ${user.displayName}（${user.username}）的 ${revoked} 个会话下线。` : `${user.displayName}（${user.username}）当前没有在线会话。` };
  });
}

export async function listStaffUsers(db: Db | Tx) {
  return db
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      displayName: staffUsers.displayName,
      roles: staffUsers.roles,
      scopeType: staffUsers.scopeType,
      active: staffUsers.active,
      mustChangePassword: staffUsers.mustChangePassword,
      isDemo: staffUsers.isDemo,
      lastLoginAt: staffUsers.lastLoginAt,
      lockedUntil: staffUsers.lockedUntil,
    })
    .from(staffUsers)
    .orderBy(asc(staffUsers.username));
}

// ── Creation (npm run user:create) ────────────────────────────────────────────

export interface NewStaffUser {
  username: string;
  displayName?: string;
  roles: string[];
  scopeType: string;
  /** District or street: its code or name. Optional for a district scope when the database has one district (or none yet). */
  area?: string;
  /** A handler who is a road chief: the chief's id. */
  chiefId?: number;
  /** A handler in a department: the department's code (e.g. CG) or id. */
  department?: string;
  password: string;
}

export type CreateStaffUserResult = { ok: true; id: number; username: string } | { ok: false; message: string };

const ROLES = Object.keys(ROLE_LABEL) as Role[];
const SCOPES = Object.keys(SCOPE_LABEL) as ScopeType[];

/** Creates an account that must change its password at first sign-in (outside demo mode). Refuses duplicates. */
export async function createStaffUser(db: Db, input: NewStaffUser, actor: Actor = { id: null, label: 'cli' }): Promise<CreateStaffUserResult> {
  const username = input.username.normalize('NFKC').trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(username)) return { ok: false, message: '用户名须为 2–64 个小写字母、数字或 . _ -，并以字母或数字开头。' };
  const roles = [...new Set(input.roles.map((r) => r.trim()))];
  const badRole = roles.find((r) => !ROLES.includes(r as Role));
  if (roles.length === 0 || badRole !== undefined) return { ok: false, message: `角色无效：${badRole ?? '（空）'}。可选：${ROLES.join(', ')}。` };
  if (!SCOPES.includes(input.scopeType as ScopeType)) return { ok: false, message: `范围无效：${input.scopeType}。可选：${SCOPES.join(', ')}。` };
  const scopeType = input.scopeType as ScopeType;
  const problem = checkNewPassword({ username, newPassword: input.password, confirmPassword: input.password });
  if (problem) return { ok: false, message: PASSWORD_RULE_MESSAGE[problem].replace('新密码', '密码') };

  let scopeAreaId: number | null = null;
  let departmentId: number | null = null;
  let chiefId: number | null = null;
  if (scopeType === 'district' || scopeType === 'street') {
    const level = scopeType;
    const candidates = await db
      .select({ id: areaUnits.id, code: areaUnits.code, name: areaUnits.name })
      .from(areaUnits)
      .where(and(eq(areaUnits.level, level), input.area ? sql`(${areaUnits.code} = ${input.area} or ${areaUnits.name} = ${input.area})` : undefined));
    if (input.area && candidates.length === 0) return { ok: false, message: `没有找到${level === 'district' ? '区' : '街镇'}“${input.area}”（可填编码或名称）。` };
    if (level === 'street' && !input.area) return { ok: false, message: '街镇范围需要 --area 指定街镇的编码或名称。' };
    if (candidates.length > 1) return { ok: false, message: `有多个${level === 'district' ? '区' : '街镇'}符合，请用 --area 指定编码：${candidates.map((c) => c.code).join('、')}。` };
    scopeAreaId = candidates[0]?.id ?? null; // a fresh production database may have no district yet
  } else if (scopeType === 'chief') {
    if (!input.chiefId) return { ok: false, message: '路长范围需要 --chief 指定路长编号。' };
    const [chief] = await db.select({ id: chiefs.id }).from(chiefs).where(eq(chiefs.id, input.chiefId));
    if (!chief) return { ok: false, message: `没有编号为 ${input.chiefId} 的路长。` };
    chiefId = chief.id;
  } else {
    if (!input.department) return { ok: false, message: '部门范围需要 --department 指定部门编码。' };
    const key = input.department;
    const [dept] = await db
      .select({ id: departments.id })
      .from(departments)
      .where(/^\d+$/.test(key) ? eq(departments.id, Number(key)) : eq(departments.code, key.toUpperCase()));
    if (!dept) return { ok: false, message: `没有找到部门“${key}”。` };
    departmentId = dept.id;
  }
  if (roles.includes('handler') !== (scopeType === 'chief' || scopeType === 'department')) {
    return { ok: false, message: '处置人（handler）的范围须为 chief 或 department；其他角色的范围须为 district 或 street。' };
  }

  const passwordHash = await hash(input.password);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(staffUsers)
      .values({
        username,
        displayName: input.displayName?.trim() || username,
        passwordHash,
        roles: roles as Role[],
        scopeType,
        scopeAreaId,
        chiefId,
        departmentId,
        mustChangePassword: true,
      })
      .onConflictDoNothing({ target: staffUsers.username })
      .returning({ id: staffUsers.id });
    if (!created) return { ok: false as const, message: `用户名 ${username} 已存在，没有做任何修改。` };
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorLabel: actor.label,
      action: 'user.create',
      entityType: 'staff_user',
      entityId: created.id,
      ip: actor.ip,
      detail: { after: { username, roles, scopeType, scopeAreaId, chiefId, departmentId, mustChangePassword: true } },
    });
    return { ok: true as const, id: created.id, username };
  });
}

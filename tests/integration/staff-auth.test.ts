/**
 * Staff sign-in hardening (issue 6): server-side sessions that end on sign-out, expiry, disabling and a
 * password change; the per-IP limit on failed sign-ins; the password rules; and npm run user:create run
 * as a real process against a database.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStaffLogin } from '@/lib/auth/service';
import { createStaffSession, revokeStaffSession, staffForSession } from '@/lib/auth/sessions';
import { changeStaffPassword, createStaffUser, revokeStaffSessions, setStaffActive } from '@/lib/auth/users';
import { openDb } from '@/lib/db/client';
import { auditLog, staffSessions, staffUsers } from '@/lib/db/schema';
import { setSetting } from '@/lib/settings/queries';
import { openTestDb, testDriver, type TestDb } from '../fixtures/db';

const DEMO_PASSWORD = 'luzhang-demo';

let t: TestDb;
let adminId: number;
beforeAll(async () => {
  t = await openTestDb();
  const [admin] = await t.db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, 'admin'));
  adminId = admin!.id;
});
afterAll(() => t?.close());

const admin = () => ({ id: adminId, label: 'admin' });

async function newUser(username: string, password = 'initial-pass-1') {
  const created = await createStaffUser(t.db, { username, roles: ['dispatcher'], scopeType: 'district', password });
  if (!created.ok) throw new Error(created.message);
  return created.id;
}

async function lastAudit(action: string) {
  const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

describe('server-side sessions', () => {
  it('a fresh session signs its user in, with roles read from the database', async () => {
    const session = await createStaffSession(t.db, { userId: adminId, ip: '198.51.100.4', userAgent: 'vitest' });
    const staff = await staffForSession(t.db, { sessionId: session.id });
    expect(staff).toMatchObject({ id: adminId, username: 'admin', roles: ['admin'], sessionId: session.id, mustChangePassword: false });
    const [row] = await t.db.select().from(staffSessions).where(eq(staffSessions.id, session.id));
    expect(row).toMatchObject({ ip: '198.51.100.4', userAgent: 'vitest', revokedAt: null });
  });

  it('an unknown or empty session id signs nobody in', async () => {
    expect(await staffForSession(t.db, { sessionId: 'no-such-session' })).toBeNull();
    expect(await staffForSession(t.db, { sessionId: '' })).toBeNull();
  });

  it('sign-out revokes the session: the same token no longer signs in', async () => {
    const session = await createStaffSession(t.db, { userId: adminId });
    expect(await revokeStaffSession(t.db, { sessionId: session.id })).toBe(true);
    expect(await staffForSession(t.db, { sessionId: session.id })).toBeNull();
    expect(await revokeStaffSession(t.db, { sessionId: session.id })).toBe(false);
  });

  it('an expired session signs nobody in', async () => {
    const start = new Date('2026-11-23T08:00:00+08:00');
    const session = await createStaffSession(t.db, { userId: adminId, now: start, hours: 12 });
    expect(await staffForSession(t.db, { sessionId: session.id, now: new Date('2026-11-23T19:59:59+08:00') })).not.toBeNull();
    expect(await staffForSession(t.db, { sessionId: session.id, now: new Date('2026-11-23T20:00:00+08:00') })).toBeNull();
  });

  it('disabling a user ends their sessions at once, and enabling again does not bring them back', async () => {
    const userId = await newUser('disable-me');
    const a = await createStaffSession(t.db, { userId });
    const b = await createStaffSession(t.db, { userId });
    const result = await setStaffActive(t.db, { actor: admin(), userId, active: false });
    expect(result).toEqual({ ok: true, message: '已停用 disable-me（disable-me），其 2 个登录会话已失效。' });
    expect(await staffForSession(t.db, { sessionId: a.id })).toBeNull();
    expect(await staffForSession(t.db, { sessionId: b.id })).toBeNull();
    expect(await lastAudit('user.disable')).toMatchObject({ actorUserId: adminId, entityId: String(userId), detail: { before: { active: true }, after: { active: false }, revokedSessions: 2 } });
    // The password is still right, but a disabled account cannot sign in.
    expect(await verifyStaffLogin(t.db, { username: 'disable-me', password: 'initial-pass-1', demoMode: true })).toEqual({ ok: false, error: 'invalid' });
    await setStaffActive(t.db, { actor: admin(), userId, active: true });
    expect(await staffForSession(t.db, { sessionId: a.id })).toBeNull();
  });

  it('a session of a user disabled meanwhile (without revoking) is refused too', async () => {
    const userId = await newUser('disabled-directly');
    const session = await createStaffSession(t.db, { userId });
    await t.db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, userId));
    expect(await staffForSession(t.db, { sessionId: session.id })).toBeNull();
  });

  it('an admin cannot disable themself', async () => {
    expect(await setStaffActive(t.db, { actor: admin(), userId: adminId, active: false })).toEqual({ ok: false, message: '不能停用自己的账号。' });
  });

  it('an admin can revoke all of a user’s sessions', async () => {
    const userId = await newUser('revoke-me');
    const a = await createStaffSession(t.db, { userId });
    const b = await createStaffSession(t.db, { userId });
    expect(await revokeStaffSessions(t.db, { actor: admin(), userId })).toEqual({ ok: true, message: '已让 revoke-me（revoke-me）的 2 个会话下线。' });
    expect(await staffForSession(t.db, { sessionId: a.id })).toBeNull();
    expect(await staffForSession(t.db, { sessionId: b.id })).toBeNull();
    expect(await revokeStaffSessions(t.db, { actor: admin(), userId })).toEqual({ ok: true, message: 'revoke-me（revoke-me）当前没有在线会话。' });
    expect((await revokeStaffSessions(t.db, { actor: admin(), userId: 999_999 })).ok).toBe(false);
  });
});

describe('per-IP limit on failed sign-ins', () => {
  // Fixed instants in one 15-minute window (windows are aligned to the epoch) and in the next.
  const inWindow = new Date('2026-11-23T02:01:00Z');
  const nextWindow = new Date('2026-11-23T02:16:00Z');

  it('after 20 failures from one address, even the right password is refused from it, not from others, and not in the next window', async () => {
    const ip = '203.0.113.50';
    for (let i = 0; i < 20; i++) {
      const r = await verifyStaffLogin(t.db, { username: `nobody-${i}`, password: 'wrong', demoMode: true, ip, now: inWindow });
      expect(r).toEqual({ ok: false, error: 'invalid' });
    }
    expect(await verifyStaffLogin(t.db, { username: 'admin', password: DEMO_PASSWORD, demoMode: true, ip, now: inWindow })).toEqual({ ok: false, error: 'ip_limited' });
    expect(await lastAudit('auth.login_refused')).toMatchObject({ actorLabel: 'admin', ip, detail: { reason: 'ip_limit' } });
    expect((await verifyStaffLogin(t.db, { username: 'admin', password: DEMO_PASSWORD, demoMode: true, ip: '203.0.113.51', now: inWindow })).ok).toBe(true);
    expect((await verifyStaffLogin(t.db, { username: 'admin', password: DEMO_PASSWORD, demoMode: true, ip, now: nextWindow })).ok).toBe(true);
  });

  it('successful sign-ins do not count, and the limit is a setting', async () => {
    const ip = '203.0.113.60';
    await setSetting(t.db, 'auth.ipFailedLoginsPerWindow', 2, null);
    try {
      for (let i = 0; i < 4; i++) expect((await verifyStaffLogin(t.db, { username: 'dispatcher', password: DEMO_PASSWORD, demoMode: true, ip, now: inWindow })).ok).toBe(true);
      await verifyStaffLogin(t.db, { username: 'nobody', password: 'x', demoMode: true, ip, now: inWindow });
      expect((await verifyStaffLogin(t.db, { username: 'dispatcher', password: DEMO_PASSWORD, demoMode: true, ip, now: inWindow })).ok).toBe(true);
      await verifyStaffLogin(t.db, { username: 'dispatcher', password: 'wrong', demoMode: true, ip, now: inWindow });
      expect(await verifyStaffLogin(t.db, { username: 'dispatcher', password: DEMO_PASSWORD, demoMode: true, ip, now: inWindow })).toEqual({ ok: false, error: 'ip_limited' });
    } finally {
      await setSetting(t.db, 'auth.ipFailedLoginsPerWindow', 20, null);
      await t.db.update(staffUsers).set({ failedAttempts: 0 }).where(eq(staffUsers.username, 'dispatcher'));
    }
  });

  it('an unknown address (no proxy header) is not limited per IP; the per-account lockout still holds', async () => {
    await newUser('lock-me');
    for (let i = 0; i < 4; i++) expect(await verifyStaffLogin(t.db, { username: 'lock-me', password: 'wrong', demoMode: true, ip: null })).toEqual({ ok: false, error: 'invalid' });
    expect(await verifyStaffLogin(t.db, { username: 'lock-me', password: 'wrong', demoMode: true, ip: null })).toEqual({ ok: false, error: 'locked' });
    expect(await verifyStaffLogin(t.db, { username: 'lock-me', password: 'initial-pass-1', demoMode: true, ip: null })).toEqual({ ok: false, error: 'locked' });
  });
});

describe('password change', () => {
  let userId: number;
  beforeAll(async () => {
    userId = await newUser('change-me', 'initial-pass-1');
  });
  const change = (over: Partial<Parameters<typeof changeStaffPassword>[1]> = {}) =>
    changeStaffPassword(t.db, { userId, currentPassword: 'initial-pass-1', newPassword: 'brand-new-pass', confirmPassword: 'brand-new-pass', ...over });

  it.each([
    [{ currentPassword: 'not-it-at-all' }, 'currentPassword', '当前密码不正确。'],
    [{ currentPassword: '' }, 'currentPassword', '请输入当前密码。'],
    [{ newPassword: 'short', confirmPassword: 'short' }, 'newPassword', '新密码至少需要 10 个字符。'],
    [{ newPassword: 'Change-Me', confirmPassword: 'Change-Me' }, 'newPassword', '新密码至少需要 10 个字符。'],
    [{ newPassword: 'initial-pass-1', confirmPassword: 'initial-pass-1' }, 'newPassword', '新密码不能与当前密码相同。'],
    [{ confirmPassword: 'brand-new-pasS' }, 'confirmPassword', '两次输入的新密码不一致。'],
  ] as const)('refuses %o with a Chinese message on the right field, changing nothing', async (over, field, message) => {
    const [before] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, userId));
    expect(await change(over)).toEqual({ ok: false, field, message });
    const [after] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, userId));
    expect(after!.passwordHash).toBe(before!.passwordHash);
    expect(after!.mustChangePassword).toBe(true);
  });

  it('refuses the username as the new password', async () => {
    const id = await newUser('longusername1');
    expect(
      await changeStaffPassword(t.db, { userId: id, currentPassword: 'initial-pass-1', newPassword: 'LongUsername1', confirmPassword: 'LongUsername1' }),
    ).toEqual({ ok: false, field: 'newPassword', message: '新密码不能与用户名相同。' });
  });

  it('changes it (argon2id), clears the forced change, ends the other sessions but keeps this one, and audits', async () => {
    const mine = await createStaffSession(t.db, { userId });
    const other = await createStaffSession(t.db, { userId });
    expect((await staffForSession(t.db, { sessionId: mine.id }))!.mustChangePassword).toBe(true);
    expect(await change({ sessionId: mine.id, ip: '198.51.100.7' })).toEqual({ ok: true, revokedSessions: 1 });
    const [user] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, userId));
    expect(user!.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(await verify(user!.passwordHash, 'brand-new-pass')).toBe(true);
    expect(await staffForSession(t.db, { sessionId: mine.id })).toMatchObject({ id: userId, mustChangePassword: false });
    expect(await staffForSession(t.db, { sessionId: other.id })).toBeNull();
    expect((await verifyStaffLogin(t.db, { username: 'change-me', password: 'brand-new-pass', demoMode: false })).ok).toBe(true);
    expect(await verifyStaffLogin(t.db, { username: 'change-me', password: 'initial-pass-1', demoMode: false })).toEqual({ ok: false, error: 'invalid' });
    expect(await lastAudit('auth.password_changed')).toMatchObject({ actorUserId: userId, ip: '198.51.100.7', detail: { before: { mustChangePassword: true }, after: { mustChangePassword: false } } });
  });
});

describe('createStaffUser', () => {
  it('creates an account that must change its password, and refuses the same username again', async () => {
    const first = await createStaffUser(t.db, { username: ' Boss ', displayName: '区管理员', roles: ['admin'], scopeType: 'district', password: 'first-admin-pass' });
    expect(first).toMatchObject({ ok: true, username: 'boss' });
    const [row] = await t.db.select().from(staffUsers).where(eq(staffUsers.username, 'boss'));
    expect(row).toMatchObject({ displayName: '区管理员', roles: ['admin'], scopeType: 'district', mustChangePassword: true, isDemo: false, active: true });
    expect(row!.scopeAreaId).not.toBeNull();
    expect(await createStaffUser(t.db, { username: 'BOSS', roles: ['admin'], scopeType: 'district', password: 'other-admin-pass' })).toEqual({
      ok: false,
      message: '用户名 boss 已存在，没有做任何修改。',
    });
  });

  it.each([
    [{ username: 'x' }, '用户名须为 2–64 个小写字母、数字或 . _ -，并以字母或数字开头。'],
    [{ roles: ['root'] }, '角色无效：root。可选：admin, dispatcher, handler, inspector, publicity。'],
    [{ scopeType: 'city' }, '范围无效：city。可选：district, street, chief, department。'],
    [{ password: 'short' }, '密码至少需要 10 个字符。'],
    [{ scopeType: 'street' }, '街镇范围需要 --area 指定街镇的编码或名称。'],
    [{ scopeType: 'street', area: '不存在街道' }, '没有找到街镇“不存在街道”（可填编码或名称）。'],
    [{ roles: ['handler'], scopeType: 'department', department: 'NOPE' }, '没有找到部门“NOPE”。'],
    [{ roles: ['handler'], scopeType: 'chief', chiefId: 9_999_999 }, '没有编号为 9999999 的路长。'],
    [{ roles: ['handler'], scopeType: 'district' }, '处置人（handler）的范围须为 chief 或 department；其他角色的范围须为 district 或 street。'],
  ] as const)('refuses %o with a clear message', async (over, message) => {
    const before = await t.db.$count(staffUsers);
    expect(await createStaffUser(t.db, { username: 'someone', roles: ['admin'], scopeType: 'district', password: 'good-password-1', ...over } as never)).toEqual({ ok: false, message });
    expect(await t.db.$count(staffUsers)).toBe(before);
  });

  it('creates a department handler by department code', async () => {
    expect(await createStaffUser(t.db, { username: 'cg-handler', roles: ['handler'], scopeType: 'department', department: 'cg', password: 'good-password-1' })).toMatchObject({ ok: true });
  });
});

/** Runs npm run user:create's script as a process with the given environment and stdin. */
function runUserCreate(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', ...args], { env: { ...process.env, ...env }, cwd: process.cwd() });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(stdin);
  });
}

describe('npm run user:create (the script, as a process)', () => {
  // PostgreSQL: this file's own database. PGlite: a fresh embedded directory, as on a new machine.
  let target: Record<string, string>;
  let tmp: string | undefined;
  beforeAll(() => {
    if (testDriver === 'pg') target = { DATABASE_URL: t.url!, DATABASE_DRIVER: 'pg' };
    else {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-usercreate-'));
      target = { DATABASE_URL: '', DATABASE_DRIVER: '', PGLITE_DIR: path.join(tmp, 'pglite') };
    }
  });
  afterAll(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  async function storedUser(username: string) {
    if (testDriver === 'pg') {
      const [row] = await t.db.select().from(staffUsers).where(eq(staffUsers.username, username));
      return row;
    }
    const handle = await openDb({ pgliteDir: target.PGLITE_DIR! });
    try {
      const [row] = await handle.db.select().from(staffUsers).where(eq(staffUsers.username, username));
      const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.create'), eq(auditLog.entityId, String(row?.id))));
      expect(audit).toMatchObject({ actorLabel: 'cli' });
      return row;
    } finally {
      await handle.close();
    }
  }

  it('creates the first admin with the password read from stdin, then refuses a duplicate', async () => {
    const first = await runUserCreate(['--username', 'firstadmin', '--name', '第一位管理员'], target, 'piped-password-1\n');
    expect(first.out).toContain('创建账号 firstadmin');
    expect(first.code).toBe(0);
    const row = await storedUser('firstadmin');
    expect(row).toMatchObject({ displayName: '第一位管理员', roles: ['admin'], mustChangePassword: true });
    expect(await verify(row!.passwordHash, 'piped-password-1')).toBe(true);

    const again = await runUserCreate(['--username', 'firstadmin', '--password', 'another-password'], target);
    expect(again.code).toBe(1);
    expect(again.out).toContain('用户名 firstadmin 已存在，没有做任何修改。');
  });

  it('refuses a short --password and a missing --username with exit codes and Chinese messages', async () => {
    const short = await runUserCreate(['--username', 'shorty', '--password', '123'], target);
    expect(short.code).toBe(1);
    expect(short.out).toContain('密码至少需要 10 个字符。');
    const none = await runUserCreate([], target);
    expect(none.code).toBe(2);
    expect(none.out).toContain('缺少 --username');
  });
});

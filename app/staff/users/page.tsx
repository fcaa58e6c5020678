import type { Metadata } from 'next';
import { connection } from 'next/server';
import { liveSessionCounts } from '@/lib/auth/sessions';
import { requireStaff } from '@/lib/auth/staff';
import { listStaffUsers, ROLE_LABEL, SCOPE_LABEL } from '@/lib/auth/users';
import { getDb } from '@/lib/db';
import { cstDateTimeLabel } from '@/lib/domain/calendar';
import { UserButtons } from './user-buttons';

export const metadata: Metadata = { title: '账号管理' };

/** Staff accounts: state, last sign-in, live sessions; disable/enable and force sign-out. Admins only. */
export default async function UsersPage() {
  await connection();
  const me = await requireStaff(['admin'], '/staff/users');
  const db = await getDb();
  const [users, sessions] = await Promise.all([listStaffUsers(db), liveSessionCounts(db)]);
  const now = new Date();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">账号管理</h1>
      <p className="text-slate-700">
        停用账号或强制下线后，该账号在所有设备上的登录立即失效。新建账号请在服务器上运行 <code>npm run user:create</code>。
      </p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-left">
          <caption className="sr-only">工作人员账号</caption>
          <thead className="bg-slate-50">
            <tr>
              {['账号', '角色 · 范围', '状态', '最近登录', '在线会话', '操作'].map((h) => (
                <th key={h} scope="col" className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const state = !u.active
                ? '已停用'
                : u.lockedUntil && new Date(u.lockedUntil) > now
                  ? '临时锁定'
                  : u.mustChangePassword
                    ? '待修改初始密码'
                    : '正常';
              return (
                <tr key={u.id} className="border-t border-slate-200 align-top">
                  <th scope="row" className="px-3 py-2 font-normal">
                    <span className="font-semibold">{u.displayName}</span>
                    <span className="block text-sm text-slate-600">
                      {u.username}
                      {u.isDemo ? ' · 演示账号' : ''}
                    </span>
                  </th>
                  <td className="px-3 py-2">
                    {u.roles.map((r) => ROLE_LABEL[r]).join('、')} · {SCOPE_LABEL[u.scopeType]}
                  </td>
                  <td className="px-3 py-2">{state}</td>
                  <td className="px-3 py-2">{u.lastLoginAt ? cstDateTimeLabel(new Date(u.lastLoginAt)) : '从未登录'}</td>
                  <td className="px-3 py-2">{sessions.get(u.id) ?? 0}</td>
                  <td className="px-3 py-2">
                    <UserButtons userId={u.id} username={u.username} active={u.active} self={u.id === me.id} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

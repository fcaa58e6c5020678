import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { currentStaff } from '@/lib/auth/staff';
import { env } from '@/lib/env';
import { PasswordForm } from './password-form';

export const metadata: Metadata = { title: '修改密码' };

/** Open to every signed-in staff member, including one who must still replace an initial password. */
export default async function PasswordPage() {
  await connection();
  const staff = await currentStaff();
  if (!staff) redirect('/staff/login?callbackUrl=%2Fstaff%2Fpassword');
  const forced = staff.mustChangePassword && !env().demoMode;
  return (
    <div className="mx-auto max-w-sm rounded-xl bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-bold">修改密码</h1>
      <p className="mt-2 text-slate-700">
        {staff.displayName}（{staff.username}）
      </p>
      {forced ? (
        <p role="status" className="mt-3 rounded bg-amber-50 p-3 text-amber-900">
          这是初始密码：请先设置您自己的新密码，之后才能使用工作台。
        </p>
      ) : null}
      <PasswordForm />
    </div>
  );
}

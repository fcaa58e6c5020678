import Link from 'next/link';
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { SignOutButton } from './sign-out-button';

export default async function StaffHome() {
  await connection();
  const staff = await requireStaff(['admin', 'dispatcher', 'handler', 'inspector', 'publicity'], '/staff');
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">你好，{staff.displayName}</h1>
        <SignOutButton />
      </div>
      <ul className="grid gap-3 sm:grid-cols-2">
        {staff.roles.includes('admin') ? (
          <li>
            <Link href="/staff/signboards" className="block rounded-lg bg-white p-4 shadow-sm hover:bg-slate-50">
              <span className="block text-lg font-semibold">公示牌印制管理</span>
              <span className="text-slate-700">查看哪些公示牌已过期，预览、标记已印制、批量导出</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

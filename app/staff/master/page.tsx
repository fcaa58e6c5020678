import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { ENTITIES } from '@/lib/master/registry';

export const metadata: Metadata = { title: '基础数据' };

/** The index of master data: one card per list, and the 台账 import. */
export default async function MasterIndex() {
  await connection();
  const staff = await requireStaff(['admin', 'dispatcher'], '/staff/master');
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">基础数据</h1>
      <ul className="grid gap-3 md:grid-cols-3">
        {Object.values(ENTITIES).map((e) => (
          <li key={e.key}>
            <Link href={`/staff/master/${e.key}`} className="block rounded-lg bg-white p-4 shadow-sm hover:bg-slate-50">
              <span className="text-lg font-semibold">{e.title}</span>
            </Link>
          </li>
        ))}
      </ul>
      {staff.roles.includes('admin') ? (
        <p>
          <Link href="/staff/master/import" className="text-brand underline">
            从 Excel 导入台账（路段、路长、商户）
          </Link>
        </p>
      ) : null}
    </div>
  );
}

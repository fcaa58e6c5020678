import type { Metadata } from 'next';
import Link from 'next/link';
import { currentStaff, hasRole } from '@/lib/auth/staff';
import { STAFF_NAV } from './nav';

export const metadata: Metadata = { title: { default: '工作台', template: '%s · 路长通工作台' }, robots: { index: false } };

/** The back-office frame. Every page below checks the signed-in staff member itself (lib/auth/staff). */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await currentStaff();
  const links = staff ? STAFF_NAV.filter((l) => hasRole(staff, l.roles)) : [];
  return (
    <div className="min-h-screen bg-slate-100">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
          <Link href="/staff" className="text-lg font-bold">
            路长通 · 工作台
          </Link>
          <nav aria-label="工作台栏目" className="flex gap-4 text-base">
            {links.map((l) => (
              <Link key={l.href} href={l.href} className="hover:underline">
                {l.label}
              </Link>
            ))}
            <Link href="/" className="hover:underline">
              公众页面
            </Link>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}

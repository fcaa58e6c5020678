import type { Metadata } from 'next';
import Link from 'next/link';
import { currentStaff, hasRole, type StaffRole } from '@/lib/auth/staff';

export const metadata: Metadata = { title: { default: '工作台', template: '%s · 路长通工作台' }, robots: { index: false } };

/** Menu links, each shown only to the roles its page lets in (the pages check again themselves). */
const NAV: { href: string; label: string; roles: readonly StaffRole[] }[] = [
  { href: '/staff/signboards', label: '公示牌印制', roles: ['admin'] },
  { href: '/staff/master', label: '基础数据', roles: ['admin', 'dispatcher'] },
  { href: '/staff/publications', label: '曝光台/点赞榜', roles: ['admin', 'publicity'] },
];

/** The back-office frame. Every page below checks the signed-in staff member itself (lib/auth/staff). */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await currentStaff();
  const links = staff ? NAV.filter((l) => hasRole(staff, l.roles)) : [];
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

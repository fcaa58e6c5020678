import Link from 'next/link';
import { connection } from 'next/server';
import { hasRole, requireStaff } from '@/lib/auth/staff';
import { getDashboard } from '@/lib/cases/staff-queries';
import { countPublicationsByStatus } from '@/lib/publications/queries';
import { listAccountableMerchants } from '@/lib/ratings/queries';
import { getDb } from '@/lib/db';
import { cstDateLabel } from '@/lib/domain/calendar';
import { STATUS_LABEL, type PublicationStatus } from '@/lib/domain/publication';
import { PUBLICATIONS_LINK } from './nav';
import { SignOutButton } from './sign-out-button';

type Role = 'admin' | 'dispatcher' | 'handler' | 'inspector' | 'publicity';
const CARDS: { href: string; title: string; text: string; roles: Role[] }[] = [
  { href: '/staff/cases', title: '案件受理与派遣', text: '受理、作废、派遣、核查结案，批量操作', roles: ['admin', 'dispatcher', 'inspector'] },
  { href: '/staff/todo', title: '我的待办', text: '派给我的案件：拍照反馈处置结果或退单', roles: ['handler'] },
  { href: '/staff/cases/new', title: '登记巡查/热线案件', text: '巡查发现（可自行处置）或热线来电', roles: ['admin', 'dispatcher', 'handler', 'inspector'] },
  { href: '/staff/signboards', title: '公示牌印制管理', text: '查看哪些公示牌已过期，预览、标记已印制、批量导出', roles: ['admin'] },
  { href: '/staff/master', title: '基础数据', text: '街道社区、道路路段、路长、部门、商户，Excel 台账导入导出', roles: ['admin'] },
  { href: '/staff/ratings', title: '红黑旗评比', text: '按街道或路段逐月评定商户和路段的红旗/黑旗，Excel 导入，锁定发布', roles: ['admin', 'inspector'] },
  { href: '/staff/appeals', title: '门前三包申诉', text: '商户对黑旗的申诉：核实后认定成立（撤销黑旗）或不成立', roles: ['admin', 'inspector'] },
  { href: '/staff/reports', title: '考核报表', text: '每月按街道、职能部门、路长的按期办结率、结案率、超期、满意度与红黑旗，导出 Excel', roles: ['admin', 'dispatcher', 'inspector'] },
  { href: '/staff/audit', title: '操作日志', text: '每一次后台操作：谁、何时、改了什么', roles: ['admin'] },
  { href: '/staff/users', title: '账号管理', text: '停用或启用工作人员账号，强制下线', roles: ['admin'] },
  { href: '/staff/api-keys', title: 'API 密钥', text: '为第三方应用（Open311 接口）签发、吊销密钥', roles: ['admin'] },
  { href: '/staff/password', title: '修改密码', text: '修改自己的登录密码', roles: ['admin', 'dispatcher', 'handler', 'inspector', 'publicity'] },
];

/** The entries still on their way to the public: drafts being written, and those waiting for a second person to review. */
const PUBLICATION_QUEUE: { status: PublicationStatus; text: string }[] = [
  { status: 'draft', text: '编辑中，尚未提交' },
  { status: 'review', text: '已提交，等待审核发布' },
];

/** The staff home: today's numbers for what this person may see, and the way into each part of the back office. */
export default async function StaffHome() {
  await connection();
  const staff = await requireStaff(['admin', 'dispatcher', 'handler', 'inspector', 'publicity'], '/staff');
  const now = new Date();
  // Publicity staff work on publications, not cases: no case numbers for them.
  const seesCases = staff.roles.some((r) => r !== 'publicity');
  const d = seesCases ? await getDashboard(await getDb(), { scope: staff, now }) : null;
  // Merchants that became accountable (问责) in the last published month: for inspectors, and for publicity staff's 曝光台.
  const accountable = staff.roles.some((r) => r !== 'handler') ? await listAccountableMerchants(await getDb(), { scope: staff }) : null;
  // The 曝光台/点赞榜 card follows the menu's rule: shown to whoever the menu shows the section to.
  const publicationCounts = hasRole(staff, PUBLICATIONS_LINK.roles) ? await countPublicationsByStatus(await getDb()) : null;
  const cards = CARDS.filter((c) => c.roles.some((r) => staff.roles.includes(r)));
  const rate = d?.month.rate;

  return (
    <div className="space-y-5">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">你好，{staff.displayName}</h1>
        <SignOutButton />
      </div>

      {d ? (
        <section aria-labelledby="dash-numbers" className="space-y-3">
          <h2 id="dash-numbers" className="text-lg font-bold">
            {cstDateLabel(now)} · 工作概况
          </h2>
          <dl className="grid gap-3 sm:grid-cols-3">
            <div className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-slate-700">今日新增案件</dt>
              <dd data-testid="dash-today" className="text-3xl font-bold">
                {d.today}
              </dd>
            </div>
            <div className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-slate-700">在办超期案件</dt>
              <dd data-testid="dash-overdue" className="text-3xl font-bold text-red-700">
                {d.overdueTotal}
              </dd>
            </div>
            <div className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-slate-700">本月按期办结率</dt>
              <dd data-testid="dash-ontime" className="text-3xl font-bold">
                {rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`}
              </dd>
              <dd className="text-sm text-slate-700">
                本月结案 {d.month.closed} 件，按期 {d.month.onTime} 件
              </dd>
            </div>
          </dl>
          <div className="grid gap-3 sm:grid-cols-2">
            <section aria-labelledby="dash-by-street" className="rounded-lg bg-white p-4 shadow-sm">
              <h3 id="dash-by-street" className="mb-2 font-bold">
                超期案件 · 按街道
              </h3>
              {d.overdueByStreet.length === 0 ? (
                <p>没有超期案件。</p>
              ) : (
                <table className="w-full text-left">
                  <thead>
                    <tr>
                      <th scope="col">街道（镇）</th>
                      <th scope="col" className="text-right">
                        件数
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.overdueByStreet.map((r) => (
                      <tr key={r.streetId ?? 0} className="border-t border-slate-200">
                        <td className="py-1">
                          {r.streetId && seesInbox(staff.roles) ? (
                            <Link href={`/staff/cases?status=dispatched&street=${r.streetId}&overdue=1`} className="text-blue-800 underline">
                              {r.name}
                            </Link>
                          ) : (
                            r.name
                          )}
                        </td>
                        <td className="py-1 text-right font-semibold">{r.n}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section aria-labelledby="dash-by-department" className="rounded-lg bg-white p-4 shadow-sm">
              <h3 id="dash-by-department" className="mb-2 font-bold">
                超期案件 · 按职能部门
              </h3>
              {d.overdueByDepartment.length === 0 ? (
                <p>没有派给部门的超期案件。</p>
              ) : (
                <table className="w-full text-left">
                  <thead>
                    <tr>
                      <th scope="col">部门</th>
                      <th scope="col" className="text-right">
                        件数
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.overdueByDepartment.map((r) => (
                      <tr key={r.departmentId} className="border-t border-slate-200">
                        <td className="py-1">{r.name}</td>
                        <td className="py-1 text-right font-semibold">{r.n}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {d.overdueNotDepartment > 0 ? <p className="mt-2 text-sm text-slate-700">另有 {d.overdueNotDepartment} 件在路长处或尚未派遣。</p> : null}
            </section>
          </div>
        </section>
      ) : null}

      {publicationCounts ? (
        <section aria-labelledby="dash-publications" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="dash-publications" className="mb-2 text-lg font-bold">
            <Link href={PUBLICATIONS_LINK.href} className="text-blue-800 underline">
              曝光台 / 点赞榜
            </Link>
          </h2>
          <ul className="grid grid-cols-2 gap-3 sm:max-w-md">
            {PUBLICATION_QUEUE.map((q) => (
              <li key={q.status}>
                <Link href={`${PUBLICATIONS_LINK.href}?status=${q.status}`} className="block rounded border border-slate-200 p-3 hover:bg-slate-50">
                  <span className="block text-slate-700">{STATUS_LABEL[q.status]}</span>
                  <span data-testid={`dash-publications-${q.status}`} className="block text-3xl font-bold">
                    {publicationCounts[q.status] ?? 0}
                  </span>
                  <span className="block text-sm text-slate-700">{q.text}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {accountable && accountable.total > 0 ? (
        <section aria-labelledby="dash-accountable" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="dash-accountable" className="mb-2 text-lg font-bold">
            问责商户 · {accountable.month.replace('-', '年')}月（{accountable.total} 家，其中本月新增 {accountable.newCount} 家）
          </h2>
          <ul className="space-y-1" data-testid="dash-accountable">
            {accountable.entries.map((m) => (
              <li key={m.code}>
                <Link href={`/m/${m.code}`} className="font-medium text-blue-800 underline">
                  {m.name}
                </Link>
                <span className="text-slate-700">
                  {' '}
                  · {m.streetName}
                  {m.isNew ? ' · 本月新增' : ''} · {m.explanation}
                </span>
              </li>
            ))}
          </ul>
          {accountable.total > accountable.entries.length ? (
            <p className="mt-2">
              <Link href="/lists/black" className="text-blue-800 underline">
                查看全部（黑榜）
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      <nav aria-label="工作台入口">
        <ul className="grid gap-3 sm:grid-cols-2">
          {cards.map((c) => (
            <li key={c.href}>
              <Link href={c.href} className="block rounded-lg bg-white p-4 shadow-sm hover:bg-slate-50">
                <span className="block text-lg font-semibold">{c.title}</span>
                <span className="text-slate-700">{c.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

function seesInbox(roles: readonly Role[]): boolean {
  return roles.some((r) => r === 'admin' || r === 'dispatcher' || r === 'inspector');
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { monthText } from '@/lib/domain/stats';
import { parseAssessmentQuery, ASSESSMENT_GROUPS } from '@/lib/stats/assessment';
import { getAssessment, getDistrict } from '@/lib/stats/queries';
import { ASSESSMENT_GROUP_LABEL, assessmentTable } from '@/lib/stats/tables';

export const metadata: Metadata = { title: '考核报表' };

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * 考核: the monthly assessment per street, department and road chief (the seeds' 科学考评机制: 镇街 assess
 * their chiefs, the 数字化城管中心 the departments, the 城管局 the streets). Admins, dispatchers, inspectors.
 */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await requireStaff(['admin', 'dispatcher', 'inspector'], '/staff/reports');
  const raw = await searchParams;
  const { month, group, message } = parseAssessmentQuery({ month: first(raw.month), group: first(raw.group) }, new Date());
  const db = await getDb();
  const district = await getDistrict(db);
  const rows = district ? await getAssessment(db, { districtId: district.id, month, group }) : [];
  const table = assessmentTable(rows, group, month);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">考核报表</h1>
        <p className="mt-1 text-base text-slate-700">
          {district?.name ?? ''} {monthText(month)}：以当月到期的案件（不含作废）为考核口径，按街道、案件当前承办的职能部门或路长归属。
        </p>
      </div>
      <form method="get" action="/staff/reports" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <label className="block">
          <span className="block text-sm font-semibold">月份</span>
          <input type="month" name="month" defaultValue={month} className="mt-1 min-h-10 rounded border border-slate-400 px-2" />
        </label>
        <label className="block">
          <span className="block text-sm font-semibold">考核对象</span>
          <select name="group" defaultValue={group} className="mt-1 min-h-10 rounded border border-slate-400 bg-white px-2">
            {ASSESSMENT_GROUPS.map((g) => (
              <option key={g} value={g}>
                {ASSESSMENT_GROUP_LABEL[g]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="min-h-10 rounded bg-slate-900 px-4 font-semibold text-white">
          查看
        </button>
        <a href={`/staff/reports/export.xlsx?month=${month}`} className="min-h-10 rounded border border-slate-900 px-4 py-2 font-semibold" download>
          导出 Excel（街道、部门、路长三张表）
        </a>
      </form>
      {message ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {message}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full border-collapse text-left text-sm tabular-nums">
          <caption className="p-3 text-left text-lg font-semibold">{table.title}</caption>
          <thead>
            <tr className="border-b border-slate-300 bg-slate-50">
              {table.headers.map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.headers.length} className="px-3 py-4">
                  这个月没有需要考核的数据。
                </td>
              </tr>
            ) : (
              table.rows.map((row, i) => (
                <tr key={i} className="border-b border-slate-100">
                  {row.map((cell, j) =>
                    j === 0 ? (
                      <th key={j} scope="row" className="px-3 py-2 font-normal">
                        {cell}
                      </th>
                    ) : (
                      <td key={j} className="px-3 py-2">
                        {cell ?? '—'}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <dl className="grid gap-2 text-sm text-slate-700 sm:grid-cols-2">
        <div>
          <dt className="inline font-semibold">按期办结率</dt>：<dd className="inline">到期应办案件中，在处置期限内处置完成的比例。</dd>
        </div>
        <div>
          <dt className="inline font-semibold">结案率</dt>：<dd className="inline">到期应办案件中，截至出表时已核查结案的比例。</dd>
        </div>
        <div>
          <dt className="inline font-semibold">返工退单率</dt>：<dd className="inline">到期应办案件中，曾被退单或核查不通过（二次派遣）的比例。</dd>
        </div>
        <div>
          <dt className="inline font-semibold">超期</dt>：<dd className="inline">到期应办案件中，逾期处置或至今未处置的件数。</dd>
        </div>
        <div>
          <dt className="inline font-semibold">满意度</dt>：<dd className="inline">当月结案案件的市民评价（1–5 星）平均分。</dd>
        </div>
        <div>
          <dt className="inline font-semibold">红旗、黑旗</dt>：<dd className="inline">街道为辖区内当月全部红黑旗；路长为其任职路段的当月路段旗（申诉撤销的不计）。</dd>
        </div>
      </dl>
      <p className="text-sm">
        公众看到的统计见 <Link href="/stats" className="underline">/stats</Link>。
      </p>
    </div>
  );
}

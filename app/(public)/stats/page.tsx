/** /stats: the district's public numbers, filterable by street and period, charts drawn on the server beside their tables. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { getDb } from '@/lib/db';
import { filterQuery, formatDuration, formatPercent, formatScore, monthText, parseStatsFilter, ratio } from '@/lib/domain/stats';
import { getCachedDistrictStats, getDistrict, listStreets } from '@/lib/stats/queries';
import { statsTable, type StatsTableKey, type Table } from '@/lib/stats/tables';
import { BarList, GroupedBarChart, RateLineChart } from './charts';

export const metadata: Metadata = {
  title: '数据公开',
  description: '本区路长制案件受理、办结、按期办结率、满意度和红黑旗的月度统计，可下载 CSV 和 Excel。',
};

const CARD = 'rounded-xl bg-white p-[min(1.25rem,5vw)] shadow-sm';
const BLUE = '#0b5cab';
const GREEN = '#1b7f3b';
const RED = '#c62828';
const DARK = '#1e293b';

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export default async function StatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const db = await getDb();
  const district = await getDistrict(db);
  if (!district) {
    return (
      <section className={CARD}>
        <h1 className="text-2xl font-bold">数据公开</h1>
        <p className="mt-2">尚未录入辖区数据。</p>
      </section>
    );
  }
  const raw = await searchParams;
  const streets = await listStreets(db, { districtId: district.id });
  const parsed = parseStatsFilter(
    { from: first(raw.from), to: first(raw.to), street: first(raw.street) },
    new Date(),
    streets.map((s) => s.id),
  );
  const { filter } = parsed;
  const stats = await getCachedDistrictStats(db, { districtId: district.id, filter });
  const streetName = filter.streetId === null ? district.name : streets.find((s) => s.id === filter.streetId)!.name;
  const query = filterQuery(filter);
  const months = stats.months.map((m) => m.month);
  const t = stats.totals;
  const table = (key: StatsTableKey) => statsTable(stats, key);

  return (
    <div className="space-y-6">
      <section aria-labelledby="stats-title" className={CARD}>
        <h1 id="stats-title" className="text-3xl font-bold text-slate-900">
          数据公开
        </h1>
        <p className="mt-1 text-lg">
          {streetName} · {monthText(filter.from)}至{monthText(filter.to)}
        </p>
        <form method="get" action="/stats" className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-4 sm:items-end">
          <label className="block">
            <span className="block text-base font-semibold">街道</span>
            <select name="street" defaultValue={filter.streetId ?? ''} className="mt-1 min-h-11 w-full rounded border border-slate-400 bg-white px-2 text-base">
              <option value="">全区</option>
              {streets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="block text-base font-semibold">起始月份</span>
            <input type="month" name="from" defaultValue={filter.from} className="mt-1 min-h-11 w-full rounded border border-slate-400 px-2 text-base" />
          </label>
          <label className="block">
            <span className="block text-base font-semibold">结束月份</span>
            <input type="month" name="to" defaultValue={filter.to} className="mt-1 min-h-11 w-full rounded border border-slate-400 px-2 text-base" />
          </label>
          <button type="submit" className="min-h-11 rounded bg-brand px-4 text-base font-semibold text-white hover:bg-brand-dark">
            查看
          </button>
        </form>
        {parsed.ok ? null : (
          <p role="alert" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-base text-amber-900">
            {parsed.message}
          </p>
        )}
        <dl className="mt-5 grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Figure label="收到反映" value={`${t.received} 件`} />
          <Figure label="办结" value={`${t.closed} 件`} />
          <Figure label="按期办结率" value={formatPercent(ratio(t.onTime, t.due))} note={`到期应办 ${t.due} 件`} />
          <Figure label="办结用时中位数" value={formatDuration(t.medianHours)} />
          <Figure label="平均满意度" value={t.ratedCount ? `${formatScore(t.ratedSum / t.ratedCount)} / 5` : '—'} note={`${t.ratedCount} 人评价`} />
          <Figure label="红旗 / 黑旗" value={`${t.red} / ${t.black}`} note="门前三包与路段" />
        </dl>
      </section>

      <Section table={table('monthly')} query={query} note="“办结”按结案月份计；“按期办结率”为当月到期的案件中在期限内处置完成的比例（不含未受理的反映）。">
        <GroupedBarChart
          id="chart-monthly"
          title="每月收到反映与办结件数"
          labels={months}
          series={[
            { name: '收到反映', color: BLUE, values: stats.months.map((m) => m.received) },
            { name: '办结', color: GREEN, values: stats.months.map((m) => m.closed) },
          ]}
        />
        <h3 className="mt-4 text-lg font-semibold">按期办结率</h3>
        <RateLineChart
          id="chart-ontime"
          title="每月按期办结率"
          labels={months}
          values={stats.months.map((m) => ratio(m.onTime, m.due))}
          color={DARK}
        />
      </Section>

      <Section table={table('categories')} query={query}>
        {stats.categories.length ? (
          <BarList items={stats.categories.map((c) => ({ label: c.name, value: c.received }))} color={BLUE} />
        ) : (
          <p>这段时间没有反映。</p>
        )}
      </Section>

      <Section table={table('streets')} query={query}>
        <BarList items={stats.streets.map((s) => ({ label: s.name, value: s.received }))} color={BLUE} />
      </Section>

      <Section table={table('satisfaction')} query={query} note="市民在案件办结后对处理结果的评价（1–5 星）。">
        <BarList items={[5, 4, 3, 2, 1].map((s) => ({ label: `${s} 星`, value: stats.ratings[s - 1] ?? 0 }))} color={GREEN} />
      </Section>

      <Section table={table('flags')} query={query} note="门前三包商户和路段的月度红旗、黑旗，只计已公布的月份（申诉成立撤销的不计）。">
        <GroupedBarChart
          id="chart-flags"
          title="每月红旗与黑旗面数"
          labels={months}
          series={[
            { name: '红旗', color: RED, values: stats.months.map((m) => m.red) },
            { name: '黑旗', color: DARK, values: stats.months.map((m) => m.black) },
          ]}
        />
      </Section>

      <p className="text-base">
        需要逐件数据？请看{' '}
        <Link href="/open-data" className="font-semibold text-brand underline">
          开放数据
        </Link>
        ：每月案件匿名明细（CSV、JSON）与字段说明。
      </p>
    </div>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums text-slate-900">{value}</dd>
      {note ? <dd className="text-sm text-slate-700">{note}</dd> : null}
    </div>
  );
}

function Section({ table, query, note, children }: { table: Table; query: string; note?: string; children: React.ReactNode }) {
  const headingId = `h-${table.key}`;
  return (
    <section aria-labelledby={headingId} className={CARD}>
      <h2 id={headingId} className="text-2xl font-bold text-slate-900">
        {table.title}
      </h2>
      {note ? <p className="mt-1 text-base text-slate-700">{note}</p> : null}
      <div className="mt-3">{children}</div>
      <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label={`${table.title}数据表`}>
        <table className="w-full border-collapse text-left text-sm tabular-nums">
          <caption className="sr-only">{table.title}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              {table.headers.map((h) => (
                <th key={h} scope="col" className="px-2 py-1 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i} className="border-b border-slate-100">
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row" className="px-2 py-1 font-normal whitespace-nowrap">
                      {cell ?? '—'}
                    </th>
                  ) : (
                    <td key={j} className="px-2 py-1">
                      {cell ?? '—'}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 flex flex-wrap gap-4 text-base">
        <a className="inline-flex min-h-11 items-center font-semibold text-brand underline" href={`/stats/export/${table.key}.csv?${query}`} download>
          下载 CSV
        </a>
        <a className="inline-flex min-h-11 items-center font-semibold text-brand underline" href={`/stats/export/${table.key}.xlsx?${query}`} download>
          下载 Excel
        </a>
      </p>
    </section>
  );
}

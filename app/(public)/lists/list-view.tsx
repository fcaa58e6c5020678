/** /lists/red and /lists/black: one month's merchants (or segments) with a red or black flag, by street, searchable by name. */
import Link from 'next/link';
import { connection } from 'next/server';
import { getDb } from '@/lib/db';
import { STATUS_LABEL } from '@/lib/domain/flags';
import { monthLabel } from '@/lib/domain/labels';
import { getCachedFlagList, LIST_PAGE_SIZE, LIST_QUERY_MAX_LENGTH, listStreets } from '@/lib/ratings/public';

const CARD = 'rounded-xl bg-white p-[min(1.25rem,5.5vw)] shadow-sm';
const INPUT = 'mt-1 block min-h-12 w-full rounded-lg border-2 border-slate-500 bg-white px-3 text-lg focus:border-brand';

export type ListSearchParams = Promise<{ month?: string | string[]; street?: string | string[]; q?: string | string[]; type?: string | string[] }>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';

export async function FlagListPage({ flag, searchParams }: { flag: 'red' | 'black'; searchParams: ListSearchParams }) {
  await connection();
  const sp = await searchParams;
  const db = await getDb();
  const streets = await listStreets(db);
  const monthParam = one(sp.month);
  const streetParam = one(sp.street);
  const q = one(sp.q).slice(0, LIST_QUERY_MAX_LENGTH);
  const subject = one(sp.type) === 'segment' ? 'segment' : 'merchant';
  const problems: string[] = [];
  let month: string | undefined;
  if (monthParam) {
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(monthParam)) month = monthParam;
    else problems.push(`月份“${monthParam.slice(0, 20)}”的格式不对，应为 年-月，如 2026-09；下面显示最近公布的月份。`);
  }
  const street = streetParam ? streets.find((s) => s.code === streetParam) : undefined;
  if (streetParam && !street) problems.push(`没有编号为“${streetParam.slice(0, 20)}”的街道；下面显示全部街道。`);
  const list = await getCachedFlagList(db, { flag, subject, month, streetId: street?.id, q: q || undefined });
  const flagWord = flag === 'red' ? '红旗' : '黑旗';
  const subjectWord = subject === 'segment' ? '路段' : '商户';
  const other = flag === 'red' ? 'black' : 'red';
  return (
    <div className="space-y-6">
      <section aria-labelledby="list-title" className={CARD}>
        <h1 id="list-title" className="text-3xl font-bold">
          门前三包{flagWord}榜
        </h1>
        <p className="mt-1 text-lg text-slate-700">
          {list.month ? `${monthLabel(list.month)}评比` : '尚未公布评比结果'} · {street ? street.name : '全部街道'} · {subjectWord}
        </p>
        <nav aria-label="切换榜单" className="mt-2 flex flex-wrap gap-3 text-lg">
          <Link className="text-brand underline" href={`/lists/${other}${query({ month: list.month ?? '', street: streetParam, type: subject === 'segment' ? 'segment' : '' })}`}>
            看{flag === 'red' ? '黑旗' : '红旗'}榜
          </Link>
          <Link className="text-brand underline" href={`/lists/${flag}${query({ month: list.month ?? '', street: streetParam, type: subject === 'segment' ? '' : 'segment' })}`}>
            看{subject === 'segment' ? '商户' : '路段'}{flagWord}榜
          </Link>
        </nav>
        {problems.map((p) => (
          <p key={p} role="alert" className="mt-3 rounded-lg border-2 border-alert bg-red-50 p-3 text-lg font-semibold text-alert">
            {p}
          </p>
        ))}
        <form method="get" className="mt-4 grid gap-3 sm:grid-cols-3">
          {subject === 'segment' ? <input type="hidden" name="type" value="segment" /> : null}
          <div>
            <label htmlFor="list-month" className="block text-lg font-bold">
              月份
            </label>
            <input id="list-month" name="month" type="month" defaultValue={list.month ?? monthParam} className={INPUT} />
          </div>
          <div>
            <label htmlFor="list-street" className="block text-lg font-bold">
              街道
            </label>
            <select id="list-street" name="street" defaultValue={street?.code ?? ''} className={INPUT}>
              <option value="">全部街道</option>
              {streets.map((s) => (
                <option key={s.id} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="list-q" className="block text-lg font-bold">
              名称
            </label>
            <input id="list-q" name="q" type="search" defaultValue={q} maxLength={LIST_QUERY_MAX_LENGTH} className={INPUT} />
          </div>
          <button type="submit" className="min-h-12 rounded-xl bg-brand px-4 text-lg font-bold text-white hover:bg-brand-dark sm:col-span-3">
            查询
          </button>
        </form>
      </section>

      <section aria-labelledby="entries-title" className={CARD}>
        <h2 id="entries-title" className="text-2xl font-bold">
          共 {list.total} {subject === 'segment' ? '条路段' : '家'}
          {list.total > LIST_PAGE_SIZE ? <span className="text-lg font-normal text-slate-700">（显示前 {LIST_PAGE_SIZE} 条，请按街道或名称缩小范围）</span> : null}
        </h2>
        {flag === 'black' ? <p className="mt-1 text-base text-slate-700">被问责的排在最前，并写明原因。</p> : null}
        {list.entries.length === 0 ? (
          <p className="mt-2 text-lg text-slate-700">没有符合条件的{subjectWord}。</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {list.entries.map((e) => (
              <li key={e.code} className="py-3">
                <Link href={`/${subject === 'segment' ? 'r' : 'm'}/${encodeURIComponent(e.code)}`} className="block hover:bg-slate-50">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="text-lg font-semibold text-brand wrap-anywhere">{e.name}</span>
                    {e.standing && e.standing.status !== 'good' ? (
                      <span className={`rounded-full px-3 py-0.5 text-base font-semibold ${e.standing.status === 'accountable' ? 'bg-alert text-white' : 'bg-amber-100 text-amber-900'}`}>
                        {STATUS_LABEL[e.standing.status]}
                      </span>
                    ) : null}
                  </span>
                  <span className="block text-base text-slate-700 wrap-anywhere">
                    {e.streetName}
                    {e.segmentName ? ` · ${e.segmentName}` : ''} · {e.address}
                  </span>
                  {e.reasons.length ? <span className="block text-base">评比原因：{e.reasons.join('、')}</span> : null}
                  {e.standing && e.standing.status === 'accountable' ? <span className="block text-base font-semibold text-alert">{e.standing.explanation}</span> : null}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function query(params: Record<string, string>): string {
  const s = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  return s ? `?${s}` : '';
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { countInbox, listInbox, type ScopeActor } from '@/lib/cases/queries';
import { listCaseCategories, listDepartmentOptions, listSegmentOptions, listStreets } from '@/lib/cases/staff-queries';
import { getDb } from '@/lib/db';
import { cstDateTimeLabel } from '@/lib/domain/calendar';
import { LEVEL_LABEL } from '@/lib/domain/case-flow';
import { CASE_STATUSES } from '@/lib/domain/case-flow';
import { CASE_SOURCES, INBOX_SORTS, SORT_LABEL, SOURCE_LABEL, TAB_LABEL, deadlineLabel, inboxHref, isOverdue, parseInboxQuery, type InboxQuery } from '@/lib/domain/inbox-query';
import { BulkForm } from './bulk-form';

export const metadata: Metadata = { title: '案件受理' };

const PAGE_SIZE = 50;
const select = 'mt-1 min-h-11 rounded border-2 border-slate-400 bg-white px-2';

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const staff = await requireStaff(['admin', 'dispatcher', 'inspector'], '/staff/cases');
  const q = parseInboxQuery(await searchParams);
  const db = await getDb();
  const now = new Date();
  const scope: ScopeActor = staff;
  const filters = { streetId: q.streetId, segmentId: q.segmentId, categoryId: q.categoryId, source: q.source, overdue: q.overdue, dueWithinHours: q.dueWithinHours, scope, now };
  // A street-scoped dispatcher only ever sees their street: the filter offers nothing else.
  const streetLocked = staff.scopeType === 'street' ? staff.scopeAreaId : null;
  const [page, counts, allStreets, categories, departments] = await Promise.all([
    listInbox(db, { ...filters, status: q.status, sort: q.sort, after: q.after, limit: PAGE_SIZE }),
    countInbox(db, filters),
    listStreets(db),
    listCaseCategories(db),
    listDepartmentOptions(db),
  ]);
  const streets = streetLocked === null ? allStreets : allStreets.filter((s) => s.id === streetLocked);
  const segmentStreet = streetLocked ?? q.streetId;
  const segments = segmentStreet ? await listSegmentOptions(db, { streetId: segmentStreet }) : [];
  const dispatchSide = staff.roles.includes('admin') || staff.roles.includes('dispatcher');
  const canAccept = dispatchSide && q.status === 'submitted';
  const canDispatch = dispatchSide && (q.status === 'accepted' || q.status === 'returned');
  const selectable = canAccept || canDispatch;
  const base: InboxQuery = { ...q, after: undefined };
  const tabCount = (s: (typeof CASE_STATUSES)[number]) => (s in counts.byStatus ? counts.byStatus[s as keyof typeof counts.byStatus] : null);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">案件受理与派遣</h1>
        <p className="text-slate-800">
          在办案件中已超期 <strong className="text-red-700">{counts.overdue}</strong> 件 ·{' '}
          <Link href="/staff/cases/new" className="text-blue-800 underline">
            登记巡查/热线案件
          </Link>
        </p>
      </div>

      <nav aria-label="案件状态">
        <ul className="flex flex-wrap gap-1 border-b-2 border-slate-300">
          {CASE_STATUSES.map((s) => {
            const n = tabCount(s);
            const current = s === q.status;
            return (
              <li key={s}>
                <Link
                  href={inboxHref({ ...base, status: s, sort: undefined })}
                  aria-current={current ? 'page' : undefined}
                  className={`-mb-0.5 inline-flex min-h-11 items-center gap-1 rounded-t border-2 px-3 ${current ? 'border-slate-300 border-b-white bg-white font-bold' : 'border-transparent text-blue-800 hover:bg-white'}`}
                >
                  {TAB_LABEL[s]}
                  {n !== null ? <span className="rounded-full bg-slate-200 px-2 text-sm text-slate-900">{n}</span> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <form method="get" action="/staff/cases" aria-label="筛选" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm">
        <input type="hidden" name="status" value={q.status} />
        <label className="flex flex-col">
          <span className="font-medium">街道（镇）</span>
          <select name="street" defaultValue={streetLocked ?? q.streetId ?? ''} className={select}>
            {streetLocked === null ? <option value="">全部</option> : null}
            {streets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">路段</span>
          <select name="segment" defaultValue={q.segmentId ?? ''} className={select}>
            <option value="">{segmentStreet ? '全部' : '先选街道再选路段'}</option>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">问题类型</span>
          <select name="category" defaultValue={q.categoryId ?? ''} className={`${select} max-w-64`}>
            <option value="">全部</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.code} {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">来源</span>
          <select name="source" defaultValue={q.source ?? ''} className={select}>
            <option value="">全部</option>
            {CASE_SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="checkbox" name="overdue" value="1" defaultChecked={q.overdue} className="h-5 w-5" />
          只看已超期
        </label>
        <label className="flex flex-col">
          <span className="font-medium">N 小时内到期</span>
          <input type="number" name="due" min={1} max={720} defaultValue={q.dueWithinHours ?? ''} className={`${select} w-28`} />
        </label>
        <label className="flex flex-col">
          <span className="font-medium">排序</span>
          <select name="sort" defaultValue={q.sort} className={select}>
            {INBOX_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="min-h-11 rounded bg-slate-800 px-4 font-semibold text-white">
          筛选
        </button>
        <Link href={inboxHref({ status: q.status })} className="inline-flex min-h-11 items-center text-blue-800 underline">
          清除筛选
        </Link>
      </form>

      <BulkForm canAccept={canAccept} canDispatch={canDispatch} departments={departments} numbers={Object.fromEntries(page.rows.map((r) => [r.id, r.number]))}>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{TAB_LABEL[q.status]}的案件</caption>
            <thead className="bg-slate-200">
              <tr>
                {selectable ? <th scope="col" className="p-2"><span className="sr-only">勾选</span></th> : null}
                <th scope="col" className="p-2">案件编号</th>
                <th scope="col" className="p-2">问题</th>
                <th scope="col" className="p-2">路段 / 街道</th>
                <th scope="col" className="p-2">来源</th>
                <th scope="col" className="p-2">处置单位</th>
                <th scope="col" className="p-2">时限</th>
                <th scope="col" className="p-2">提交时间</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.length === 0 ? (
                <tr>
                  <td colSpan={8} className="p-4 text-center">
                    没有符合条件的案件。
                  </td>
                </tr>
              ) : null}
              {page.rows.map((r) => {
                const late = isOverdue(r, now);
                return (
                  <tr key={r.id} className={`border-t border-slate-200 ${late ? 'bg-red-50' : ''}`}>
                    {selectable ? (
                      <td className="p-2">
                        <input type="checkbox" name="pick" value={`${r.id}:${r.version}`} aria-label={`勾选 ${r.number}`} className="h-5 w-5" />
                      </td>
                    ) : null}
                    <td className="p-2 whitespace-nowrap">
                      <Link href={`/staff/cases/${r.id}`} className="font-semibold text-blue-800 underline">
                        {r.number}
                      </Link>
                      {r.level !== 'segment' ? <span className="ml-1 text-sm">（{LEVEL_LABEL[r.level]}）</span> : null}
                      {r.isPublic ? <span className="ml-1 rounded bg-green-100 px-1.5 text-sm text-green-900">已公开</span> : null}
                    </td>
                    <td className="max-w-xs p-2">
                      <span className="font-medium">{r.categoryName ?? '未分类'}</span>
                      <span className="block truncate text-sm text-slate-700">{r.description}</span>
                    </td>
                    <td className="p-2">
                      {r.segmentCode ?? '—'}
                      <span className="block text-sm text-slate-700">{r.streetName ?? ''}</span>
                    </td>
                    <td className="p-2 whitespace-nowrap">{SOURCE_LABEL[r.source]}</td>
                    <td className="p-2">{r.departmentName ?? (r.chiefName ? `路长 ${r.chiefName}` : '—')}</td>
                    <td className={`p-2 whitespace-nowrap ${late ? 'font-semibold text-red-800' : ''}`}>
                      {r.deadlineAt ? deadlineLabel(r.deadlineAt, now) : '—'}
                      {r.superviseCount > 0 ? <span className="block text-sm">督办 {r.superviseCount} 次</span> : null}
                    </td>
                    <td className="p-2 whitespace-nowrap text-sm">{cstDateTimeLabel(r.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </BulkForm>

      <nav aria-label="翻页" className="flex gap-4">
        {q.after ? (
          <Link href={inboxHref(base)} className="inline-flex min-h-11 items-center text-blue-800 underline">
            回到第一页
          </Link>
        ) : null}
        {page.next ? (
          <Link href={inboxHref({ ...base, after: page.next })} rel="next" className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
            下一页
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

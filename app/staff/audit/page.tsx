import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { listAuditEntries } from '@/lib/audit/queries';
import { auditFilterOf, auditSearchSchema, type AuditSearch } from '@/lib/audit/schema';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { auditActionLabel, auditDetailView } from '@/lib/domain/audit-view';
import { cstDateTimeLabel } from '@/lib/domain/calendar';

export const metadata: Metadata = { title: '审计日志' };

const PAGE_SIZE = 50;
const FILTERS = [
  { name: 'actor', label: '操作人（用户名开头）', type: 'text' },
  { name: 'action', label: '操作（编码开头，如 auth.）', type: 'text' },
  { name: 'entityType', label: '对象类型', type: 'text' },
  { name: 'entityId', label: '对象编号', type: 'text' },
  { name: 'from', label: '开始日期', type: 'date' },
  { name: 'to', label: '结束日期（含）', type: 'date' },
] as const;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function pageHref(search: AuditSearch, before?: number): string {
  const params = new URLSearchParams();
  for (const f of FILTERS) {
    const v = search[f.name];
    if (v) params.set(f.name, v);
  }
  if (before) params.set('before', String(before));
  const q = params.toString();
  return q ? `/staff/audit?${q}` : '/staff/audit';
}

/** 留痕: who did what, when, to what, with before and after; newest first, filtered, page by page. Admins only. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await requireStaff(['admin'], '/staff/audit');
  const raw = await searchParams;
  const typed = Object.fromEntries(['actor', 'action', 'entityType', 'entityId', 'from', 'to', 'before'].map((k) => [k, first(raw[k])]));
  const parsed = auditSearchSchema.safeParse(typed);
  const search: AuditSearch = parsed.success ? parsed.data : {};
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  const { rows, nextBefore } = parsed.success
    ? await listAuditEntries(await getDb(), { filter: auditFilterOf(search), before: search.before, limit: PAGE_SIZE })
    : { rows: [], nextBefore: null };

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">审计日志</h1>
      <p className="text-slate-700">每一次工作人员操作都记录在这里，只能追加，任何人（包括管理员和应用本身）都不能修改或删除。</p>

      <form method="get" className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3" aria-label="筛选审计日志">
        {FILTERS.map((f) => (
          <label key={f.name} className="flex flex-col">
            <span className="font-medium">{f.label}</span>
            <input name={f.name} type={f.type} defaultValue={typed[f.name] ?? ''} maxLength={100} className="mt-1 rounded border-2 border-slate-400 px-2 py-1" />
          </label>
        ))}
        <div className="flex items-end gap-3 sm:col-span-3">
          <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">
            筛选
          </button>
          <Link href="/staff/audit" className="underline">
            清除筛选
          </Link>
        </div>
      </form>

      {errors.length ? (
        <div role="alert" className="rounded bg-red-50 p-3 text-red-800">
          <p className="font-semibold">筛选条件有误：</p>
          <ul className="list-disc pl-5">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : rows.length === 0 ? (
        <p role="status" className="rounded bg-white p-4">
          {search.before ? '没有更早的记录了。' : '没有符合条件的记录。'}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left">
            <caption className="sr-only">审计记录，最新的在前</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2">
                  时间
                </th>
                <th scope="col" className="px-3 py-2">
                  操作人
                </th>
                <th scope="col" className="px-3 py-2">
                  操作
                </th>
                <th scope="col" className="px-3 py-2">
                  对象
                </th>
                <th scope="col" className="px-3 py-2">
                  详情
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const view = auditDetailView(r.detail);
                return (
                  <tr key={r.id} className="border-t border-slate-200 align-top">
                    <td className="whitespace-nowrap px-3 py-2">
                      {cstDateTimeLabel(new Date(r.at))}
                      <span className="block text-sm text-slate-600">#{r.id}</span>
                    </td>
                    <td className="px-3 py-2">
                      {r.actorLabel}
                      {r.ip ? <span className="block text-sm text-slate-600">{r.ip}</span> : null}
                    </td>
                    <td className="px-3 py-2">
                      {auditActionLabel(r.action)}
                      <span className="block font-mono text-sm text-slate-600">{r.action}</span>
                    </td>
                    <td className="px-3 py-2">{r.entityType ? `${r.entityType}${r.entityId ? ` · ${r.entityId}` : ''}` : '—'}</td>
                    <td className="px-3 py-2 text-sm">
                      {view.changes.length ? (
                        <table className="mb-1">
                          <thead>
                            <tr>
                              <th scope="col" className="pr-2 font-medium">
                                字段
                              </th>
                              <th scope="col" className="pr-2 font-medium">
                                之前
                              </th>
                              <th scope="col" className="font-medium">
                                之后
                              </th>
                            </tr>
                          </thead>
                          <tbody>
                            {view.changes.map((c) => (
                              <tr key={c.key} className={c.changed ? 'bg-amber-50' : undefined}>
                                <th scope="row" className="pr-2 font-mono font-normal">
                                  {c.key}
                                </th>
                                <td className="break-all pr-2">{c.before}</td>
                                <td className="break-all">{c.after}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      ) : null}
                      {view.facts.length ? (
                        <dl className="grid grid-cols-[auto_1fr] gap-x-2">
                          {view.facts.map((f) => (
                            <div key={f.key} className="contents">
                              <dt className="font-mono text-slate-600">{f.key}</dt>
                              <dd className="break-all">{f.value}</dd>
                            </div>
                          ))}
                        </dl>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="翻页" className="flex gap-4">
        {search.before ? (
          <Link href={pageHref(search)} className="underline">
            回到最新
          </Link>
        ) : null}
        {nextBefore ? (
          <Link href={pageHref(search, nextBefore)} className="underline" rel="next">
            更早的记录
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

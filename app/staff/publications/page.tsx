/** /staff/publications: the 曝光台 / 点赞榜 entries by status, and the ways to start one. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { KIND_LABEL, PUBLICATION_KINDS, PUBLICATION_SOURCES, PUBLICATION_STATUSES, STATUS_LABEL, type PublicationStatus } from '@/lib/domain/publication';
import { countPublicationsByStatus, listClosedCasesForPublicity, listStaffPublications } from '@/lib/publications/queries';
import { createPublicationAction } from './actions';

export const metadata: Metadata = { title: '曝光台 / 点赞榜' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
/** A query value if it is one of `allowed`, else the form's default. */
const pick = <T extends string>(v: string | undefined, allowed: readonly T[], fallback: T): T => ((allowed as readonly string[]).includes(v ?? '') ? (v as T) : fallback);

const INPUT = 'mt-1 block w-full rounded border border-slate-400 px-3 py-2 text-base';
const BUTTON = 'rounded bg-slate-900 px-4 py-2 text-base font-semibold text-white hover:bg-slate-700';

export default async function PublicationsPage({ searchParams }: { searchParams: Search }) {
  await requireStaff(['publicity', 'admin'], '/staff/publications');
  const query = await searchParams;
  const sp = { status: one(query.status), error: one(query.error) };
  // After a refused 建立草稿 the action sends back what was chosen and typed: the form starts from it.
  const typed = { kind: pick(one(query.kind), PUBLICATION_KINDS, 'exposure'), source: pick(one(query.source), PUBLICATION_SOURCES, 'case'), ref: (one(query.ref) ?? '').slice(0, 40) };
  const status = (PUBLICATION_STATUSES as readonly string[]).includes(sp.status ?? '') ? (sp.status as PublicationStatus) : undefined;
  const db = await getDb();
  const [rows, counts, closed] = await Promise.all([listStaffPublications(db, { status }), countPublicationsByStatus(db), listClosedCasesForPublicity(db, { limit: 15 })]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">曝光台 / 点赞榜</h1>
      {sp.error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">
          {sp.error}
        </p>
      ) : null}

      <section aria-labelledby="new-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="new-title" className="text-lg font-semibold">
          新建
        </h2>
        {/* Keyed by what came back, so a refused attempt shows the typed values even after React resets the form. */}
        <form key={`${typed.kind}|${typed.source}|${typed.ref}|${sp.error ?? ''}`} action={createPublicationAction} className="mt-3 grid gap-3 sm:grid-cols-4">
          <label className="block">
            栏目
            <select name="kind" className={INPUT} defaultValue={typed.kind}>
              <option value="exposure">曝光台</option>
              <option value="praise">点赞榜</option>
            </select>
          </label>
          <label className="block">
            来源
            <select name="source" className={INPUT} defaultValue={typed.source}>
              <option value="case">已办结案件（填案件编号）</option>
              <option value="merchant">商户（填商户编码）</option>
              <option value="chief">路长（填姓名或编号）</option>
              <option value="segment">路段（填路段编号）</option>
              <option value="scratch">空白</option>
            </select>
          </label>
          <div>
            <label className="block">
              编号
              <input name="ref" className={INPUT} list="closed-cases" autoComplete="off" placeholder="如 20261118-0042" defaultValue={typed.ref} maxLength={40} aria-describedby="ref-hint" />
            </label>
            <datalist id="closed-cases">
              {closed.map((c) => (
                <option key={c.id} value={c.number}>
                  {c.segmentName ?? ''}
                </option>
              ))}
            </datalist>
            <p id="ref-hint" className="mt-1 text-sm text-slate-600">
              点输入框可选最近办结的案件，或输入案件编号
            </p>
          </div>
          <div className="flex items-start sm:pt-7">
            <button className={BUTTON}>建立草稿</button>
          </div>
        </form>
        <p className="mt-2 text-sm text-slate-600">从案件建立时，会带入办理前后的照片；照片须经隐私处理后才能发布。报料人的姓名和电话不会出现在公开页面。</p>
      </section>

      <nav aria-label="按状态筛选" className="flex flex-wrap gap-2">
        <Link href="/staff/publications" className={`rounded px-3 py-1 ${status ? 'bg-white' : 'bg-slate-900 text-white'}`}>
          全部
        </Link>
        {PUBLICATION_STATUSES.map((s) => (
          <Link key={s} href={`/staff/publications?status=${s}`} className={`rounded px-3 py-1 ${status === s ? 'bg-slate-900 text-white' : 'bg-white'}`}>
            {STATUS_LABEL[s]}（{counts[s] ?? 0}）
          </Link>
        ))}
      </nav>

      <table className="w-full rounded-lg bg-white text-left shadow-sm">
        <thead className="border-b text-sm text-slate-600">
          <tr>
            <th className="p-2">标题</th>
            <th className="p-2">栏目</th>
            <th className="p-2">状态</th>
            <th className="p-2">街道</th>
            <th className="p-2">编辑</th>
            <th className="p-2">点赞</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b last:border-0">
              <td className="p-2">
                <Link href={`/staff/publications/${r.id}`} className="text-blue-800 underline">
                  {r.title || '（无标题）'}
                </Link>
              </td>
              <td className="p-2">{KIND_LABEL[r.kind]}</td>
              <td className="p-2">{STATUS_LABEL[r.status]}</td>
              <td className="p-2">{r.streetName ?? '—'}</td>
              {/* Who created the entry (username); entries loaded by the demo seed have no editor recorded. */}
              <td className="p-2">{r.editor ?? <span className="text-slate-500">未记录</span>}</td>
              <td className="p-2">{r.likeCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="text-slate-600">没有内容。</p> : null}
    </div>
  );
}

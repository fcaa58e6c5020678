import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { getEntity } from '@/lib/master/registry';

export const metadata: Metadata = { title: '基础数据' };

const PAGE = 50;
const query = z.object({
  q: z.string().max(60).optional().catch(undefined),
  after: z.coerce.number().int().positive().optional().catch(undefined),
  saved: z.coerce.number().int().optional().catch(undefined),
});

/** The shared list of every master-data kind: search, keyset pages of 50, links to edit, export. */
export default async function EntityList({ params, searchParams }: { params: Promise<{ entity: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const { entity: key } = await params;
  const staff = await requireStaff(['admin', 'dispatcher'], `/staff/master/${key}`);
  const entity = getEntity(key);
  if (!entity) notFound();
  const { q, after, saved } = query.parse(await searchParams);
  const search = q?.trim() || undefined;
  const rows = await entity.list(await getDb(), { search, afterId: after, limit: PAGE + 1 });
  const page = rows.slice(0, PAGE);
  const next = rows.length > PAGE ? page[page.length - 1]!.id : null;
  const admin = staff.roles.includes('admin');
  const href = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: search, ...extra })) if (v !== undefined) p.set(k, String(v));
    return `/staff/master/${key}?${p}`;
  };
  return (
    <div className="space-y-5">
      <p>
        <Link href="/staff/master" className="text-brand underline">
          基础数据
        </Link>{' '}
        › {entity.title}
      </p>
      <h1 className="text-2xl font-bold">{entity.title}</h1>
      {saved ? (
        <p role="status" className="rounded bg-green-50 p-3 text-green-800">
          已保存。涉及路段的公示牌如内容有变，已在「公示牌印制」中标为已过期。
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col">
            <span className="font-medium">搜索</span>
            <input name="q" defaultValue={search ?? ''} placeholder={entity.searchHint} className="mt-1 min-h-10 rounded border-2 border-slate-400 px-2" />
          </label>
          <button type="submit" className="min-h-10 rounded bg-slate-800 px-4 text-white">
            查找
          </button>
        </form>
        {admin && entity.canCreate !== false ? (
          <Link href={`/staff/master/${key}/new`} className="min-h-10 rounded bg-brand px-4 py-2 text-white">
            新建{entity.title}
          </Link>
        ) : null}
        <a href={`/staff/master/${key}/export.xlsx`} className="text-brand underline">
          导出 Excel
        </a>
      </div>
      <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-left shadow-sm">
        <thead className="bg-slate-200">
          <tr>
            {entity.columns.map((c) => (
              <th key={c} className="p-2">
                {c}
              </th>
            ))}
            <th className="p-2">状态</th>
          </tr>
        </thead>
        <tbody>
          {page.map((r) => (
            <tr key={r.id} className="border-t border-slate-200" data-id={r.id}>
              {r.cells.map((c, i) => (
                <td key={i} className="p-2">
                  {i === 0 && admin ? (
                    <Link href={`/staff/master/${key}/${r.id}`} className="text-brand underline">
                      {c ?? '—'}
                    </Link>
                  ) : (
                    (c ?? '—')
                  )}
                </td>
              ))}
              <td className="p-2">{r.active ? '在用' : <span className="text-slate-500">已停用</span>}</td>
            </tr>
          ))}
          {page.length === 0 ? (
            <tr>
              <td colSpan={entity.columns.length + 1} className="p-4 text-center text-slate-600">
                {search ? `没有与「${search}」相符的${entity.title}。` : `还没有${entity.title}。`}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <nav aria-label="翻页" className="flex gap-4">
        {after ? (
          <Link href={href({})} className="text-brand underline">
            回到第一页
          </Link>
        ) : null}
        {next ? (
          <Link href={href({ after: next })} className="text-brand underline">
            下一页
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

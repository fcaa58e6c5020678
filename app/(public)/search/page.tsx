import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { getDb } from '@/lib/db';
import { searchPublic } from '@/lib/public/queries';
import { SearchBox } from '../search-box';

export const metadata: Metadata = { title: '搜索路段和商户' };

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await connection();
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  const hits = q ? await searchPublic(await getDb(), { q }) : [];
  const segmentHits = hits.filter((h) => h.kind === 'segment');
  const merchantHits = hits.filter((h) => h.kind === 'merchant');
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">搜索路段和商户</h1>
      <SearchBox defaultValue={q} />
      {!q ? (
        <p className="text-lg">请输入路名、路段编号（如 QH-0001）或商户名称。</p>
      ) : hits.length === 0 ? (
        <p className="text-lg" role="status">
          没有找到与“{q}”相关的路段或商户。请换个关键词，例如只输入路名。
        </p>
      ) : (
        <>
          <p className="sr-only" role="status">
            找到 {segmentHits.length} 个路段、{merchantHits.length} 家商户
          </p>
          <Results title="路段" hits={segmentHits} hrefPrefix="/r/" />
          <Results title="商户" hits={merchantHits} hrefPrefix="/m/" />
        </>
      )}
    </div>
  );
}

function Results({ title, hits, hrefPrefix }: { title: string; hits: { code: string; name: string; detail: string }[]; hrefPrefix: string }) {
  if (hits.length === 0) return null;
  return (
    <section>
      <h2 className="text-xl font-bold">
        {title}（{hits.length}）
      </h2>
      <ul className="mt-2 divide-y divide-slate-200 rounded-xl bg-white shadow-sm">
        {hits.map((h) => (
          <li key={h.code}>
            <Link href={`${hrefPrefix}${encodeURIComponent(h.code)}`} className="block min-h-14 px-4 py-3 hover:bg-slate-50">
              <span className="block text-lg font-semibold text-brand">{h.name}</span>
              <span className="block text-base text-slate-700">
                {h.code} · {h.detail}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

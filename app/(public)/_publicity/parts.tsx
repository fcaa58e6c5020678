/** Shared pieces of the public 曝光台 / 点赞榜 pages: photo cards, the rich-text body, list and detail. */
import Link from 'next/link';
import { docBlocks, excerpt, inlineRuns, KIND_LABEL, KIND_PATH, monthTitle, type PublicationKind } from '@/lib/domain/publication';
import type { PublicCard, PublicPhoto } from '@/lib/publications/queries';

/** A public (masked) photo: WebP where the browser takes it, JPEG otherwise; two widths; lazy unless it is the first. */
export function Photo({ photo, alt, sizes, eager = false }: { photo: PublicPhoto; alt: string; sizes: string; eager?: boolean }) {
  const src = (w: number, f?: string) => `/media/${photo.id}?w=${w}${f ? `&f=${f}` : ''}`;
  const set = (f?: string) => [400, 800].map((w) => `${src(w, f)} ${w}w`).join(', ');
  return (
    <picture>
      <source type="image/webp" srcSet={set('webp')} sizes={sizes} />
      {/* Our own sizes and formats from /media: next/image's client code is not needed. */}
      <img
        src={src(800)}
        srcSet={set()}
        sizes={sizes}
        alt={alt}
        width={photo.width}
        height={photo.height}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
        fetchPriority={eager ? 'high' : undefined}
        className="h-auto w-full rounded-lg bg-slate-200 object-cover"
      />
    </picture>
  );
}

/** The stored document as React elements: text is always text, never HTML. */
export function RichBody({ doc }: { doc: unknown }) {
  const runs = (text: string) => inlineRuns(text).map((r, i) => (r.bold ? <strong key={i}>{r.text}</strong> : <span key={i}>{r.text}</span>));
  return (
    <div className="space-y-3 text-lg leading-relaxed text-slate-800">
      {docBlocks(doc).map((b, i) => {
        switch (b.type) {
          case 'heading':
            return (
              <h2 key={i} className="pt-2 text-xl font-bold text-slate-900">
                {runs(b.text)}
              </h2>
            );
          case 'quote':
            return (
              <blockquote key={i} className="border-l-4 border-slate-300 pl-3 text-slate-700">
                {runs(b.text)}
              </blockquote>
            );
          case 'list':
            return (
              <ul key={i} className="list-disc space-y-1 pl-6">
                {b.items.map((item, j) => (
                  <li key={j}>{runs(item)}</li>
                ))}
              </ul>
            );
          case 'paragraph':
            return (
              <p key={i} className="whitespace-pre-line">
                {runs(b.text)}
              </p>
            );
        }
      })}
    </div>
  );
}

function dateOf(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

export function ListView({
  kind,
  rows,
  months,
  streets,
  month,
  streetId,
  page,
  more,
}: {
  kind: PublicationKind;
  rows: PublicCard[];
  months: string[];
  streets: { id: number; name: string }[];
  month: string | null;
  streetId: number | null;
  page: number;
  more: boolean;
}) {
  const base = KIND_PATH[kind];
  const other: PublicationKind = kind === 'exposure' ? 'praise' : 'exposure';
  const query = (p: number) => {
    const q = new URLSearchParams();
    if (month) q.set('month', month.slice(0, 7));
    if (streetId) q.set('street', String(streetId));
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-3xl font-bold text-slate-900">{KIND_LABEL[kind]}</h1>
        <p className="text-base">
          <Link href={KIND_PATH[other]} className="text-brand underline">
            看{KIND_LABEL[other]}
          </Link>
          {' · '}
          <a href={`${base}/feed.xml`} className="text-brand underline">
            RSS 订阅
          </a>
        </p>
      </div>
      <form method="get" action={base} className="flex flex-wrap items-end gap-3 rounded-xl bg-white p-3 shadow-sm">
        <label className="text-base">
          月份
          <select name="month" defaultValue={month ? month.slice(0, 7) : ''} className="mt-1 block min-h-11 rounded border border-slate-400 px-2">
            <option value="">全部</option>
            {months.map((m) => (
              <option key={m} value={m.slice(0, 7)}>
                {monthTitle(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-base">
          街道
          <select name="street" defaultValue={streetId ? String(streetId) : ''} className="mt-1 block min-h-11 rounded border border-slate-400 px-2">
            <option value="">全部</option>
            {streets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button className="min-h-11 rounded bg-brand px-4 font-semibold text-white">筛选</button>
      </form>
      {rows.length === 0 ? <p className="text-lg text-slate-700">暂无内容。</p> : null}
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {rows.map((r, i) => {
          const heading = r.month && r.month !== rows[i - 1]?.month ? (
            <h2 className="col-span-full pt-2 text-xl font-bold text-slate-800">{monthTitle(r.month)}</h2>
          ) : null;
          return (
            <li key={r.id} className="contents">
              {heading}
              <article className="overflow-hidden rounded-xl bg-white shadow-sm">
                <Link href={`${base}/${r.id}`} className="block">
                  {r.cover ? <Photo photo={r.cover} alt={r.title} sizes="(min-width: 640px) 360px, 100vw" eager={i === 0} /> : null}
                  <div className="p-4">
                    <h3 className="text-xl font-bold text-slate-900">{r.title}</h3>
                    <p className="mt-1 text-sm text-slate-600">
                      {[r.streetName, r.segmentName].filter(Boolean).join(' · ')} · {dateOf(r.publishedAt)} · 获赞 {r.likeCount}
                    </p>
                    <p className="mt-2 text-base text-slate-700">{excerpt(r.body, 60)}</p>
                  </div>
                </Link>
              </article>
            </li>
          );
        })}
      </ul>
      <nav aria-label="翻页" className="flex justify-between text-lg">
        {page > 1 ? (
          <Link href={query(page - 1)} className="text-brand underline">
            上一页
          </Link>
        ) : (
          <span />
        )}
        {more ? (
          <Link href={query(page + 1)} className="text-brand underline">
            下一页
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export function WithdrawnNotice({ kind }: { kind: PublicationKind }) {
  return (
    <div className="rounded-xl bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold text-slate-900">这条内容已撤下</h1>
      <p className="mt-2 text-lg text-slate-700">
        该{KIND_LABEL[kind]}内容已由发布单位撤下，不再公开。
        <Link href={KIND_PATH[kind]} className="text-brand underline">
          查看{KIND_LABEL[kind]}其他内容
        </Link>
      </p>
    </div>
  );
}

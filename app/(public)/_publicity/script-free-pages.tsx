/**
 * The 曝光台 / 点赞榜 list and entry pages as the Pages Router serves them (pages/exposure, pages/praise):
 * rendered on the server and sent without the React runtime (`unstable_runtimeJS: false`), so a phone
 * downloads no framework JavaScript for them (docs/decisions.md). The 点赞 form posts without script; a
 * few hundred bytes of inline script update the count in place where script runs.
 */
import Head from 'next/head';
import Link from 'next/link';
import { excerpt, KIND_LABEL, KIND_PATH, LIKE_MESSAGE, monthTitle, type LikeOutcome, type PublicationKind } from '@/lib/domain/publication';
import { PublicFrame } from '../public-frame';
import { LIKE_SCRIPT } from './like-script';
import type { DetailProps, ListProps } from './page-props';
import { ListView, Photo, RichBody, WithdrawnNotice } from './parts';

/** Share cards are served by app routes at fixed addresses beside the pages. */
const cardPath = (kind: PublicationKind, id?: number) => `${KIND_PATH[kind]}${id ? `/${id}` : ''}/card.png`;

/** The head every page of these gets: title, description, feeds and the Open Graph card. */
function PageHead({ title, description, kind, baseUrl, card, noindex = false, type = 'website' }: { title: string; description?: string; kind: PublicationKind; baseUrl: string; card?: { path: string; alt: string }; noindex?: boolean; type?: 'website' | 'article' }) {
  const full = `${title} · 路长通`;
  return (
    <Head>
      <title>{full}</title>
      {description ? <meta name="description" content={description} /> : null}
      <meta name="format-detection" content="telephone=no" />
      {noindex ? <meta name="robots" content="noindex" /> : null}
      <link rel="alternate" type="application/rss+xml" title={`${KIND_LABEL[kind]} RSS`} href={`${baseUrl}${KIND_PATH[kind]}/feed.xml`} />
      <link rel="alternate" type="application/atom+xml" title={`${KIND_LABEL[kind]} Atom`} href={`${baseUrl}${KIND_PATH[kind]}/atom.xml`} />
      <meta property="og:title" content={title} />
      {description ? <meta property="og:description" content={description} /> : null}
      <meta property="og:type" content={type} />
      <meta property="og:site_name" content="路长通" />
      {card ? (
        <>
          <meta property="og:image" content={`${baseUrl}${card.path}`} />
          <meta property="og:image:width" content="1200" />
          <meta property="og:image:height" content="630" />
          <meta property="og:image:type" content="image/png" />
          <meta property="og:image:alt" content={card.alt} />
          <meta name="twitter:card" content="summary_large_image" />
        </>
      ) : null}
    </Head>
  );
}

export function PublicationListPage(p: ListProps) {
  const name = p.frame['district.name'];
  const description = p.kind === 'exposure' ? `${name}路长制曝光台：曝光屡教不改的问题和处理结果。` : `${name}路长制点赞榜：表扬尽职的路长和守规矩的商户。`;
  return (
    <PublicFrame config={p.frame}>
      <PageHead title={`${KIND_LABEL[p.kind]} · ${name}`} description={description} kind={p.kind} baseUrl={p.baseUrl} card={{ path: cardPath(p.kind), alt: KIND_LABEL[p.kind] }} />
      <ListView kind={p.kind} rows={p.rows} more={p.more} months={p.months} streets={p.streets} month={p.month} streetId={p.streetId} page={p.page} />
    </PublicFrame>
  );
}

const ROLE_LABEL: Record<string, string> = { before: '整改前', after: '整改后', photo: '现场' };

function LikeForm({ kind, id, count, outcome }: { kind: PublicationKind; id: number; count: number; outcome: LikeOutcome | null }) {
  const bad = outcome !== null && outcome !== 'done' && outcome !== 'again';
  return (
    <>
      <form id="like" method="post" action={`/api/publications/${id}/like`} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="kind" value={kind} />
        <button className="min-h-12 rounded-full bg-brand px-6 text-lg font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
          点赞 <span data-count className="tabular-nums">{count}</span>
        </button>
        <p role="status" className={bad ? 'text-red-700' : 'text-slate-700'}>
          {outcome ? LIKE_MESSAGE[outcome] : null}
        </p>
      </form>
      <script dangerouslySetInnerHTML={{ __html: LIKE_SCRIPT }} />
    </>
  );
}

function Missing({ kind }: { kind: PublicationKind }) {
  return (
    <div className="rounded-xl bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-bold text-slate-900">找不到这条内容</h1>
      <p className="mt-2 text-lg text-slate-700">
        地址可能有误，或内容尚未发布。
        <a href={KIND_PATH[kind]} className="text-brand underline">
          查看{KIND_LABEL[kind]}
        </a>
      </p>
    </div>
  );
}

export function PublicationDetailPage(p: DetailProps) {
  const label = KIND_LABEL[p.kind];
  if (p.state !== 'published') {
    // proxy.ts answers 410 for withdrawn entries first; the notice shows if a request reaches the page anyway.
    const missing = p.state === 'missing';
    return (
      <PublicFrame config={p.frame}>
        <PageHead title={`${missing ? '找不到内容' : '已撤下'} · ${label}`} kind={p.kind} baseUrl={p.baseUrl} noindex />
        {missing ? <Missing kind={p.kind} /> : <WithdrawnNotice kind={p.kind} />}
      </PublicFrame>
    );
  }
  const e = p.entry;
  const hotline = p.frame['district.hotline'];
  const wide = e.photos.length > 1 ? '(min-width: 640px) 360px, 100vw' : '(min-width: 768px) 720px, 100vw';
  return (
    <PublicFrame config={p.frame}>
      <PageHead title={`${e.title} · ${label}`} description={excerpt(e.body, 100)} kind={p.kind} baseUrl={p.baseUrl} card={{ path: cardPath(p.kind, e.id), alt: e.title }} type="article" />
      <article className="space-y-5">
        <p className="text-base">
          <a href={KIND_PATH[p.kind]} className="text-brand underline">
            ← {label}
          </a>
        </p>
        <header className="space-y-1">
          <h1 className="text-3xl font-bold text-slate-900">{e.title}</h1>
          <p className="text-base text-slate-700">
            {[e.streetName, e.month ? monthTitle(e.month) : null].filter(Boolean).join(' · ')}
            {e.tags.length ? ` · ${e.tags.join(' · ')}` : ''}
          </p>
        </header>
        {e.photos.length ? (
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            {e.photos.map((ph, i) => (
              <li key={ph.id}>
                <figure>
                  <Photo photo={ph} alt={`${ROLE_LABEL[ph.role] ?? '现场'}照片`} sizes={wide} eager={i === 0} />
                  <figcaption className="mt-1 text-base text-slate-700">{ph.caption ?? ROLE_LABEL[ph.role] ?? '现场'}</figcaption>
                </figure>
              </li>
            ))}
          </ul>
        ) : null}
        <dl className="grid grid-cols-1 gap-2 rounded-xl bg-white p-4 text-lg shadow-sm sm:grid-cols-2">
          {e.segmentName ? (
            <div>
              <dt className="text-sm text-slate-600">路段</dt>
              <dd>
                {e.segmentCode ? (
                  <Link href={`/r/${e.segmentCode}`} prefetch={false} className="text-brand underline">
                    {e.segmentName}
                  </Link>
                ) : (
                  e.segmentName
                )}
              </dd>
            </div>
          ) : null}
          {e.chief ? (
            <div>
              <dt className="text-sm text-slate-600">责任路长</dt>
              <dd>
                {e.chief.title} {e.chief.name}
              </dd>
            </div>
          ) : null}
          {e.outcome ? (
            <div>
              <dt className="text-sm text-slate-600">处置结果</dt>
              <dd>{e.outcome}</dd>
            </div>
          ) : null}
        </dl>
        <RichBody doc={e.body} />
        {p.kind === 'exposure' && e.merchant ? (
          <p className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-base text-slate-800">
            被曝光商户对内容有异议，可{' '}
            <a href={`/m/${encodeURIComponent(e.merchant.code)}#appeals`} className="font-semibold text-brand underline">
              回复或申诉
            </a>
            ，或致电{' '}
            <a href={`tel:${hotline}`} className="font-semibold text-brand underline">
              {hotline}
            </a>
            。
          </p>
        ) : null}
        <LikeForm kind={p.kind} id={e.id} count={e.likeCount} outcome={p.like} />
      </article>
    </PublicFrame>
  );
}

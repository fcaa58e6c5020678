/** The 曝光台 and 点赞榜 routes share everything but their kind: each route file hands its kind to these. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { excerpt, KIND_LABEL, KIND_PATH, monthTitle, type PublicationKind } from '@/lib/domain/publication';
import { env } from '@/lib/env';
import { getSettings } from '@/lib/settings/queries';
import { renderCard } from '@/lib/publications/card';
import { cachedPublicDetail, cachedPublicFilters, cachedPublicList } from '@/lib/publications/cached';
import { buildFeed } from '@/lib/publications/feed';
import { listFeedEntries } from '@/lib/publications/queries';
import { LikeButton } from './like-button';
import { ListView, Photo, RichBody, WithdrawnNotice } from './parts';

const PAGE_SIZE = 12;
type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');
type Params = Promise<{ id: string }>;

function parseId(raw: string): number | null {
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}

/** Every read here is per request (never at build time): the database is only there at run time. */
async function districtName(): Promise<string> {
  await connection();
  return (await getSettings(await getDb(), ['district.name']))['district.name'];
}

export function listMetadata(kind: PublicationKind) {
  return async (): Promise<Metadata> => {
    const name = await districtName();
    return {
      title: `${KIND_LABEL[kind]} · ${name}`,
      description: kind === 'exposure' ? `${name}路长制曝光台：曝光屡教不改的问题和处理结果。` : `${name}路长制点赞榜：表扬尽职的路长和守规矩的商户。`,
      alternates: { types: { 'application/rss+xml': `${KIND_PATH[kind]}/feed.xml`, 'application/atom+xml': `${KIND_PATH[kind]}/atom.xml` } },
    };
  };
}

export function listPage(kind: PublicationKind) {
  return async function PublicationList({ searchParams }: { searchParams: Search }) {
    await connection();
    const sp = await searchParams;
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(one(sp.month)) ? `${one(sp.month)}-01` : null;
    const streetId = /^[1-9]\d{0,8}$/.test(one(sp.street)) ? Number(sp.street) : null;
    const page = /^[1-9]\d{0,3}$/.test(one(sp.page)) ? Number(sp.page) : 1;
    const db = await getDb();
    const [list, filters] = await Promise.all([
      cachedPublicList(db, { kind, month, streetId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      cachedPublicFilters(db, { kind }),
    ]);
    return <ListView kind={kind} rows={list.rows} more={list.more} months={filters.months} streets={filters.streets} month={month} streetId={streetId} page={page} />;
  };
}

const loadDetail = cache(async (kind: PublicationKind, raw: string) => {
  await connection();
  const id = parseId(raw);
  if (!id) notFound();
  const detail = await cachedPublicDetail(await getDb(), { kind, id });
  if (!detail) notFound();
  return detail;
});

export function detailMetadata(kind: PublicationKind) {
  return async ({ params }: { params: Params }): Promise<Metadata> => {
    const detail = await loadDetail(kind, (await params).id);
    if (detail.status === 'withdrawn') return { title: `已撤下 · ${KIND_LABEL[kind]}`, robots: { index: false } };
    const e = detail.entry;
    return { title: `${e.title} · ${KIND_LABEL[kind]}`, description: excerpt(e.body, 100), openGraph: { title: e.title, description: excerpt(e.body, 100), type: 'article' } };
  };
}

const ROLE_LABEL: Record<string, string> = { before: '整改前', after: '整改后', photo: '现场' };

export function detailPage(kind: PublicationKind) {
  return async function PublicationDetail({ params }: { params: Params }) {
    const detail = await loadDetail(kind, (await params).id);
    // proxy.ts answers 410 for withdrawn entries; this is what shows if a request reaches the page anyway.
    if (detail.status === 'withdrawn') return <WithdrawnNotice kind={kind} />;
    const e = detail.entry;
    const hotline = (await getSettings(await getDb(), ['district.hotline']))['district.hotline'];
    const wide = e.photos.length > 1 ? '(min-width: 640px) 360px, 100vw' : '(min-width: 768px) 720px, 100vw';
    return (
      <article className="space-y-5">
        <p className="text-base">
          <Link href={KIND_PATH[kind]} className="text-brand underline">
            ← {KIND_LABEL[kind]}
          </Link>
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
            {e.photos.map((p, i) => (
              <li key={p.id}>
                <figure>
                  <Photo photo={p} alt={`${ROLE_LABEL[p.role] ?? '现场'}照片`} sizes={wide} eager={i === 0} />
                  <figcaption className="mt-1 text-base text-slate-700">{p.caption ?? ROLE_LABEL[p.role] ?? '现场'}</figcaption>
                </figure>
              </li>
            ))}
          </ul>
        ) : null}
        <dl className="grid grid-cols-1 gap-2 rounded-xl bg-white p-4 text-lg shadow-sm sm:grid-cols-2">
          {e.segmentName ? (
            <div>
              <dt className="text-sm text-slate-600">路段</dt>
              <dd>{e.segmentCode ? <Link href={`/r/${e.segmentCode}`} className="text-brand underline">{e.segmentName}</Link> : e.segmentName}</dd>
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
        {kind === 'exposure' && e.merchant ? (
          <p className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-base text-slate-800">
            被曝光商户对内容有异议，可{' '}
            <Link href={`/m/${encodeURIComponent(e.merchant.code)}#appeals`} className="font-semibold text-brand underline">
              回复或申诉
            </Link>
            ，或致电{' '}
            <a href={`tel:${hotline}`} className="font-semibold text-brand underline">
              {hotline}
            </a>
            。
          </p>
        ) : null}
        <LikeButton id={e.id} count={e.likeCount} />
      </article>
    );
  };
}

export function feedRoute(kind: PublicationKind, format: 'rss' | 'atom') {
  return async function GET() {
    await connection();
    const db = await getDb();
    const [entries, name] = await Promise.all([listFeedEntries(db, { kind }), districtName()]);
    const feed = buildFeed({ kind, entries, baseUrl: env().PUBLIC_BASE_URL, districtName: name });
    return new Response(format === 'rss' ? feed.rss2() : feed.atom1(), {
      headers: {
        'Content-Type': format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
        'Cache-Control': 'public, max-age=300',
      },
    });
  };
}

export const OG_SIZE = { width: 1200, height: 630 };

export function listCard(kind: PublicationKind) {
  return async function Image() {
    const name = await districtName();
    return renderCard({ kind, title: kind === 'exposure' ? '曝光屡教不改的问题' : '表扬好路长、好商户', subtitle: `${name}路长制 · 每月更新`, districtName: name });
  };
}

export function entryCard(kind: PublicationKind) {
  return async function Image({ params }: { params: Params }) {
    const detail = await loadDetail(kind, (await params).id);
    const name = await districtName();
    if (detail.status === 'withdrawn') return renderCard({ kind, title: '这条内容已撤下', subtitle: KIND_LABEL[kind], districtName: name });
    const e = detail.entry;
    return renderCard({ kind, title: e.title, subtitle: [e.streetName, e.segmentName, e.outcome].filter(Boolean).join(' · ') || `${name}路长制`, districtName: name });
  };
}

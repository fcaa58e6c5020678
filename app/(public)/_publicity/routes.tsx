/** The 曝光台 / 点赞榜 app routes (feeds and share cards) share everything but their kind: each route file hands its kind to these. */
import { connection } from 'next/server';
import { getDb } from '@/lib/db';
import { KIND_LABEL, type PublicationKind } from '@/lib/domain/publication';
import { env } from '@/lib/env';
import { getSettings } from '@/lib/settings/queries';
import { renderCard } from '@/lib/publications/card';
import { cachedPublicDetail, cachedPublicList } from '@/lib/publications/cached';
import { buildFeed } from '@/lib/publications/feed';

type Params = Promise<{ id: string }>;

/** Every read here is per request (never at build time): the database is only there at run time. */
async function districtName(): Promise<string> {
  await connection();
  return (await getSettings(await getDb(), ['district.name']))['district.name'];
}

/** The newest entries a feed lists. */
const FEED_SIZE = 50;

/**
 * RSS / Atom from the same tagged cache as the lists, so publishing or withdrawing changes the feed at once;
 * readers and shared caches may keep a copy for a minute.
 */
export function feedRoute(kind: PublicationKind, format: 'rss' | 'atom') {
  return async function GET() {
    await connection();
    const db = await getDb();
    const [{ rows: entries }, name] = await Promise.all([cachedPublicList(db, { kind, limit: FEED_SIZE }), districtName()]);
    const feed = buildFeed({ kind, entries, baseUrl: env().PUBLIC_BASE_URL, districtName: name });
    return new Response(format === 'rss' ? feed.rss2() : feed.atom1(), {
      headers: {
        'Content-Type': format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
        'Cache-Control': 'public, max-age=60',
      },
    });
  };
}

/** The share card of a list: /exposure/card.png, /praise/card.png. */
export function listCard(kind: PublicationKind) {
  return async function GET() {
    const name = await districtName();
    return renderCard({ kind, title: kind === 'exposure' ? '曝光屡教不改的问题' : '表扬好路长、好商户', subtitle: `${name}路长制 · 每月更新`, districtName: name });
  };
}

const textAnswer = (status: number, text: string) => new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=60' } });

/** The share card of an entry: /exposure/{id}/card.png; a withdrawn entry's card is gone (410), like its page. */
export function entryCard(kind: PublicationKind) {
  return async function GET(_request: Request, { params }: { params: Params }) {
    const name = await districtName();
    const raw = (await params).id;
    const detail = /^[1-9]\d{0,8}$/.test(raw) ? await cachedPublicDetail(await getDb(), { kind, id: Number(raw) }) : null;
    if (!detail) return textAnswer(404, '找不到这条内容。');
    if (detail.status === 'withdrawn') return textAnswer(410, `这条${KIND_LABEL[kind]}内容已撤下。`);
    const e = detail.entry;
    return renderCard({ kind, title: e.title, subtitle: [e.streetName, e.segmentName, e.outcome].filter(Boolean).join(' · ') || `${name}路长制`, districtName: name });
  };
}

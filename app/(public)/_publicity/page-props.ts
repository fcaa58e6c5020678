/**
 * What the script-free 曝光台 / 点赞榜 pages (pages/exposure, pages/praise) read on the server: their
 * getServerSideProps. The data comes through the tagged data cache (lib/publications/cached), so
 * publishing or withdrawing shows at once and other views are served from cache.
 */
import type { GetServerSideProps } from 'next';
import { getDb } from '@/lib/db/handle';
import { likeOutcome, type LikeOutcome, type PublicationKind } from '@/lib/domain/publication';
import { env } from '@/lib/env';
import { cachedPublicDetail, cachedPublicFilters, cachedPublicList } from '@/lib/publications/cached';
import type { PublicCard, PublicDetail } from '@/lib/publications/queries';
import { getSettings } from '@/lib/settings/queries';
import { FRAME_SETTING_KEYS, type FrameSettings } from '../public-frame';

export interface PageShell {
  frame: FrameSettings;
  /** The site's public origin (PUBLIC_BASE_URL), for absolute share-card and feed addresses. */
  baseUrl: string;
}

export type ListProps = PageShell & {
  kind: PublicationKind;
  rows: PublicCard[];
  more: boolean;
  months: string[];
  streets: { id: number; name: string }[];
  month: string | null;
  streetId: number | null;
  page: number;
};

export type DetailProps = PageShell &
  (
    | { kind: PublicationKind; state: 'missing' | 'withdrawn' }
    | { kind: PublicationKind; state: 'published'; entry: Extract<PublicDetail, { status: 'published' }>['entry']; like: LikeOutcome | null }
  );

const PAGE_SIZE = 12;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

async function shell(): Promise<PageShell> {
  return { frame: await getSettings(await getDb(), [...FRAME_SETTING_KEYS]), baseUrl: env().PUBLIC_BASE_URL };
}

export function listProps(kind: PublicationKind): GetServerSideProps<ListProps> {
  return async ({ query }) => {
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(one(query.month)) ? `${one(query.month)}-01` : null;
    const streetId = /^[1-9]\d{0,8}$/.test(one(query.street)) ? Number(query.street) : null;
    const page = /^[1-9]\d{0,3}$/.test(one(query.page)) ? Number(query.page) : 1;
    const db = await getDb();
    const [list, filters, base] = await Promise.all([
      cachedPublicList(db, { kind, month, streetId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      cachedPublicFilters(db, { kind }),
      shell(),
    ]);
    return { props: { ...base, kind, rows: list.rows, more: list.more, months: filters.months, streets: filters.streets, month, streetId, page } };
  };
}

export function detailProps(kind: PublicationKind): GetServerSideProps<DetailProps> {
  return async ({ params, query, res }) => {
    const raw = one(params?.id);
    const id = /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
    const [detail, base] = await Promise.all([id ? cachedPublicDetail(await getDb(), { kind, id }) : null, shell()]);
    if (!detail) {
      res.statusCode = 404;
      return { props: { ...base, kind, state: 'missing' } };
    }
    if (detail.status === 'withdrawn') {
      res.statusCode = 410;
      return { props: { ...base, kind, state: 'withdrawn' } };
    }
    return { props: { ...base, kind, state: 'published', entry: detail.entry, like: likeOutcome(query.like) } };
  };
}

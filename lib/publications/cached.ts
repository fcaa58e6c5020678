/**
 * The public reads through Next's data cache, tagged so that publishing or withdrawing revalidates them
 * at once (`revalidateTag(PUBLICATIONS_TAG)`); results are JSON (no Date objects).
 */
import { unstable_cache } from 'next/cache';
import type { Db } from '../db/client';
import type { PublicationKind } from '../domain/publication';
import { getPublicPublication, listPublicFilters, listPublicPublications, PUBLICATIONS_TAG, publicationTag, type PublicListFilter } from './queries';

/** An hour: every change that matters revalidates by tag; the time only bounds a missed revalidation. */
const REVALIDATE_SECONDS = 3600;

export function cachedPublicList(db: Db, filter: PublicListFilter) {
  const key = ['publications-list', filter.kind, filter.month ?? '', String(filter.streetId ?? ''), String(filter.limit ?? ''), String(filter.offset ?? 0)];
  return unstable_cache(() => listPublicPublications(db, filter), key, { tags: [PUBLICATIONS_TAG], revalidate: REVALIDATE_SECONDS })();
}

export function cachedPublicFilters(db: Db, { kind }: { kind: PublicationKind }) {
  return unstable_cache(() => listPublicFilters(db, { kind }), ['publications-filters', kind], { tags: [PUBLICATIONS_TAG], revalidate: REVALIDATE_SECONDS })();
}

export function cachedPublicDetail(db: Db, { kind, id }: { kind: PublicationKind; id: number }) {
  return unstable_cache(() => getPublicPublication(db, { kind, id }), ['publication', kind, String(id)], { tags: [PUBLICATIONS_TAG, publicationTag(id)], revalidate: REVALIDATE_SECONDS })();
}

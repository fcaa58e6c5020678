/** Reads of segments for public pages: everything a segment page (/r/{code}) shows, and nothing private. */
import { unstable_cache } from 'next/cache';
import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { areaUnits, cases, chiefAssignments, chiefs, merchants, ratings, segments, teamMembers } from '../db/schema';
import { cstMonthStart, cstMonthStartIso } from '../domain/calendar';

const LEVEL_ORDER = sql`case ${chiefAssignments.level} when 'total' then 0 when 'first' then 1 when 'second' then 2 else 3 end`;

/**
 * Active segments (by code, by street, or all) with their street, community and district names and the
 * supervising hotline (segment → street → district). The segment page and the signboards both read
 * segments through here, so a page and its board always show the same thing.
 */
export async function segmentHeaders(db: Db, filter: { code?: string; streetId?: number }) {
  const district = alias(areaUnits, 'district');
  const street = alias(areaUnits, 'street');
  const community = alias(areaUnits, 'community');
  return db
    .select({
      id: segments.id,
      code: segments.code,
      name: segments.name,
      fromCross: segments.fromCross,
      toCross: segments.toCross,
      grade: segments.grade,
      lengthM: segments.lengthM,
      hotline: sql<string | null>`coalesce(${segments.hotline}, ${street.hotline}, ${district.hotline})`,
      streetId: segments.streetId,
      streetName: street.name,
      communityName: community.name,
      districtName: district.name,
      updatedAt: segments.updatedAt,
    })
    .from(segments)
    .innerJoin(district, eq(district.id, segments.districtId))
    .innerJoin(street, eq(street.id, segments.streetId))
    .leftJoin(community, eq(community.id, segments.communityId))
    .where(
      and(
        eq(segments.active, true),
        filter.code === undefined ? undefined : eq(segments.code, filter.code),
        filter.streetId === undefined ? undefined : eq(segments.streetId, filter.streetId),
      ),
    )
    .orderBy(asc(segments.code));
}

/** The current chiefs of the given segments, by segment, then level (总路长 first), then chief. */
export async function currentChiefs(db: Db, segmentIds: number[]) {
  if (segmentIds.length === 0) return [];
  return db
    .select({
      segmentId: chiefAssignments.segmentId,
      level: chiefAssignments.level,
      name: chiefs.name,
      title: chiefs.title,
      phone: chiefs.phone,
      duties: chiefs.duties,
      patrolFrequency: chiefs.patrolFrequency,
      changedAt: sql<Date>`greatest(${chiefs.updatedAt}, ${chiefAssignments.updatedAt})`.mapWith((v) => new Date(v)),
    })
    .from(chiefAssignments)
    .innerJoin(chiefs, eq(chiefs.id, chiefAssignments.chiefId))
    .where(and(inArray(chiefAssignments.segmentId, segmentIds), isNull(chiefAssignments.endsOn)))
    .orderBy(asc(chiefAssignments.segmentId), LEVEL_ORDER, asc(chiefs.id));
}

/** The team members of the given segments, by segment and board order. */
export async function segmentTeams(db: Db, segmentIds: number[]) {
  if (segmentIds.length === 0) return [];
  return db
    .select({
      segmentId: teamMembers.segmentId,
      role: teamMembers.role,
      name: teamMembers.name,
      unit: teamMembers.unit,
      phone: teamMembers.phone,
      changedAt: teamMembers.updatedAt,
    })
    .from(teamMembers)
    .where(inArray(teamMembers.segmentId, segmentIds))
    .orderBy(asc(teamMembers.segmentId), asc(teamMembers.sortOrder));
}

export async function getSegmentPage(db: Db, { code, now }: { code: string; now: Date }) {
  const [header] = await segmentHeaders(db, { code });
  if (!header) return null;
  // No Date objects: the cached page is JSON-serialised.
  const { updatedAt: _u, districtName: _d, streetId: _s, ...segment } = header;

  const since = cstMonthStart(now);
  const [chiefRows, teamRows, [numbers], [flag], merchantRows] = await Promise.all([
    currentChiefs(db, [segment.id]),
    segmentTeams(db, [segment.id]),
    db
      .select({
        received: sql<number>`count(*)::int`,
        closed: sql<number>`count(*) filter (where ${cases.status} = 'closed')::int`,
        closedOnTime: sql<number>`count(*) filter (where ${cases.status} = 'closed' and (${cases.deadlineAt} is null or ${cases.handledAt} <= ${cases.deadlineAt}))::int`,
      })
      .from(cases)
      .where(and(eq(cases.segmentId, segment.id), gte(cases.createdAt, since))),
    db
      .select({ month: ratings.month, flag: ratings.flag })
      .from(ratings)
      .where(and(eq(ratings.segmentId, segment.id), isNull(ratings.revokedByAppealId)))
      .orderBy(desc(ratings.month))
      .limit(1),
    db
      .select({ id: merchants.id, code: merchants.code, name: merchants.name, address: merchants.address })
      .from(merchants)
      .where(and(eq(merchants.segmentId, segment.id), eq(merchants.active, true)))
      .orderBy(asc(merchants.name)),
  ]);
  // Each merchant's latest standing flag, one index probe per merchant (ratings_merchant_month_uq).
  const latest = merchantRows.length
    ? await db
        .selectDistinctOn([ratings.merchantId], { merchantId: ratings.merchantId, flag: ratings.flag, month: ratings.month })
        .from(ratings)
        .where(and(inArray(ratings.merchantId, merchantRows.map((m) => m.id)), isNull(ratings.revokedByAppealId)))
        .orderBy(ratings.merchantId, desc(ratings.month))
    : [];
  const flagOf = new Map(latest.map((r) => [r.merchantId, r.flag]));
  return {
    segment,
    chiefs: chiefRows.map(({ segmentId: _s, changedAt: _c, ...c }) => c),
    team: teamRows.map(({ segmentId: _s, changedAt: _c, ...t }) => t),
    month: numbers!,
    flag: flag ?? null,
    merchants: merchantRows.map(({ id, ...m }) => ({ ...m, flag: flagOf.get(id) ?? null })),
  };
}

export type SegmentPage = NonNullable<Awaited<ReturnType<typeof getSegmentPage>>>;

/** Every cached segment page carries this tag: revalidate it when something shared by all of them changes. */
export const SEGMENTS_TAG = 'segments';

/** The cache tag of one segment's page: `revalidateTag(segmentPageTag(code), 'max')` after changing its data. */
export function segmentPageTag(code: string): string {
  return `segment:${code}`;
}

/** Five minutes: this month's numbers move with every report; the rest is revalidated by tag when it changes. */
export const SEGMENT_PAGE_REVALIDATE_SECONDS = 300;

/** How getCachedSegmentPage keys and tags its entry: by code and by CST month, so the numbers roll over with the month. */
export function segmentPageCacheOptions({ code, now }: { code: string; now: Date }) {
  return {
    keyParts: ['segment-page', code, cstMonthStartIso(now)],
    tags: [segmentPageTag(code), SEGMENTS_TAG],
    revalidate: SEGMENT_PAGE_REVALIDATE_SECONDS,
  };
}

class SegmentNotFound extends Error {}

/**
 * getSegmentPage through Next's data cache. Only found segments are cached: a miss throws inside the
 * cache (nothing is stored) so made-up codes cannot fill the cache. Needs a Next.js request or build
 * context; the result is JSON-serialised, so it must stay free of Date objects.
 */
export async function getCachedSegmentPage(db: Db, { code, now }: { code: string; now: Date }): Promise<SegmentPage | null> {
  const { keyParts, tags, revalidate } = segmentPageCacheOptions({ code, now });
  const load = unstable_cache(
    async () => {
      const page = await getSegmentPage(db, { code, now });
      if (!page) throw new SegmentNotFound(code);
      return page;
    },
    keyParts,
    { tags, revalidate },
  );
  try {
    return await load();
  } catch (error) {
    if (error instanceof SegmentNotFound) return null;
    throw error;
  }
}

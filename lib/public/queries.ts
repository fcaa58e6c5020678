/** Reads behind the public home page and the site search. Nothing here returns private fields. */
import { and, asc, count, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { areaUnits, cases, chiefAssignments, merchants, segments } from '../db/schema';
import { getSettings } from '../settings/queries';
import { likeLiteral } from '../db/like';
import { cstMonthStart } from '../domain/calendar';

export interface DistrictOverview {
  name: string;
  city: string;
  hotline: string;
  streets: { code: string; name: string }[];
  segmentCount: number;
  chiefCount: number;
  merchantCount: number;
  casesThisMonth: number;
  closedThisMonth: number;
}

/** The district this site serves: the first one created (a deployment serves one district). */
async function homeDistrict(db: Db) {
  const [row] = await db
    .select({ id: areaUnits.id, name: areaUnits.name, hotline: areaUnits.hotline })
    .from(areaUnits)
    .where(eq(areaUnits.level, 'district'))
    .orderBy(asc(areaUnits.id))
    .limit(1);
  return row ?? null;
}

export async function getDistrictOverview(db: Db, { now }: { now: Date }): Promise<DistrictOverview | null> {
  const district = await homeDistrict(db);
  if (!district) return null;
  const since = cstMonthStart(now);
  const [config, streets, [segmentCount], [chiefCount], [merchantCount], [caseCounts]] = await Promise.all([
    getSettings(db, ['district.name', 'district.city', 'district.hotline']),
    db
      .select({ code: areaUnits.code, name: areaUnits.name })
      .from(areaUnits)
      .where(and(eq(areaUnits.parentId, district.id), eq(areaUnits.level, 'street')))
      .orderBy(asc(areaUnits.sortOrder)),
    db.select({ n: count() }).from(segments).where(and(eq(segments.districtId, district.id), eq(segments.active, true))),
    db
      .select({ n: sql<number>`count(distinct ${chiefAssignments.chiefId})::int` })
      .from(chiefAssignments)
      .innerJoin(segments, eq(segments.id, chiefAssignments.segmentId))
      .where(and(eq(segments.districtId, district.id), sql`${chiefAssignments.endsOn} is null`)),
    db
      .select({ n: count() })
      .from(merchants)
      .innerJoin(segments, eq(segments.id, merchants.segmentId))
      .where(and(eq(segments.districtId, district.id), eq(merchants.active, true))),
    db
      .select({
        received: count(),
        closed: sql<number>`count(*) filter (where ${cases.status} = 'closed')::int`,
      })
      .from(cases)
      .where(and(eq(cases.districtId, district.id), gte(cases.createdAt, since))),
  ]);
  return {
    name: district.name || config['district.name'],
    city: config['district.city'],
    hotline: district.hotline ?? config['district.hotline'],
    streets,
    segmentCount: segmentCount?.n ?? 0,
    chiefCount: chiefCount?.n ?? 0,
    merchantCount: merchantCount?.n ?? 0,
    casesThisMonth: caseCounts?.received ?? 0,
    closedThisMonth: caseCounts?.closed ?? 0,
  };
}

export interface SearchHit {
  kind: 'segment' | 'merchant';
  code: string;
  name: string;
  detail: string;
}


export const SEARCH_MAX_LENGTH = 50;

/**
 * Finds segments and merchants by code (exact, any case) or by name (prefix first, then containing).
 * Prefix matches use the text_pattern_ops indexes; the containing match is bounded by the limit.
 */
export async function searchPublic(db: Db, { q, limit = 20 }: { q: string; limit?: number }): Promise<SearchHit[]> {
  const term = q.normalize('NFKC').trim().slice(0, SEARCH_MAX_LENGTH);
  if (!term) return [];
  const code = term.toUpperCase();
  const prefix = `${likeLiteral(term)}%`;
  const contains = `%${likeLiteral(term)}%`;
  const [segmentHits, merchantHits] = await Promise.all([
    db
      .select({ code: segments.code, name: segments.name, detail: areaUnits.name })
      .from(segments)
      .innerJoin(areaUnits, eq(areaUnits.id, segments.streetId))
      .where(and(eq(segments.active, true), sql`(${segments.code} = ${code} or ${segments.name} like ${contains})`))
      .orderBy(sql`${segments.code} = ${code} desc`, sql`${segments.name} like ${prefix} desc`, asc(segments.code))
      .limit(limit),
    db
      .select({ code: merchants.code, name: merchants.name, detail: merchants.address })
      .from(merchants)
      .where(and(eq(merchants.active, true), sql`(${merchants.code} = ${code} or ${merchants.name} like ${contains})`))
      .orderBy(sql`${merchants.code} = ${code} desc`, sql`${merchants.name} like ${prefix} desc`, asc(merchants.name))
      .limit(limit),
  ]);
  return [
    ...segmentHits.map((h) => ({ kind: 'segment' as const, ...h })),
    ...merchantHits.map((h) => ({ kind: 'merchant' as const, ...h })),
  ];
}

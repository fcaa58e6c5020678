/**
 * Public reads of the 门前三包 red/black flags: a merchant's standing page (/m/{code}) and the red and black
 * lists (/lists/red, /lists/black). Only flags of locked (official) months are public; a flag an upheld
 * appeal removed counts as no flag. Nothing private (contact phones, appeal statements, inspectors) leaves here.
 */
import { unstable_cache, updateTag } from 'next/cache';
import { and, asc, desc, eq, gte, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '../db/client';
import { likeLiteral } from '../db/like';
import { appeals, areaUnits, merchants, ratingPeriods, ratings, segments } from '../db/schema';
import {
  computeStanding,
  computeStandings,
  countingYearStart,
  monthDate,
  monthFromIndex,
  monthIndex,
  RATING_SETTING_KEYS,
  ratingRulesFromSettings,
  STATUS_RANK,
  type FlagValue,
  type Standing,
} from '../domain/flags';
import { reasonLabel } from '../domain/rating-grid';
import { currentChiefs, SEGMENTS_TAG, segmentPageTag } from '../segments/queries';
import { getSettings } from '../settings/queries';

/** The last locked month ('YYYY-MM') of a street, or of the whole district when no street is given. */
export async function lastLockedMonth(db: Db, { streetId }: { streetId?: number } = {}): Promise<string | null> {
  const [row] = await db
    .select({ month: sql<string | null>`max(${ratingPeriods.month})` })
    .from(ratingPeriods)
    .where(and(isNotNull(ratingPeriods.lockedAt), streetId === undefined ? undefined : eq(ratingPeriods.streetId, streetId)));
  return row?.month ? row.month.slice(0, 7) : null;
}

/** Months of history the standing at `asOf` needs: the counting year plus a run reaching into it. */
function historyFrom(asOf: string, rules: { yearStartMonth: number; consecutiveBlackLimit: number }, atLeast = 12): string {
  const yStart = monthIndex(countingYearStart(asOf, rules.yearStartMonth));
  const from = Math.min(yStart - (rules.consecutiveBlackLimit - 1), monthIndex(asOf) - (atLeast - 1));
  return monthDate(monthFromIndex(from));
}

const lockedJoin = and(eq(ratingPeriods.streetId, ratings.streetId), eq(ratingPeriods.month, ratings.month), isNotNull(ratingPeriods.lockedAt));

export interface StripMonth {
  month: string; // 'YYYY-MM'
  flag: FlagValue | null; // null: not rated or not yet published
  revoked: boolean;
  reasons: string[];
  ratingId: number | null;
  lockedAt: string | null; // ISO
}

/** Everything /m/{code} shows. JSON-safe (it is cached). */
export async function getMerchantPage(db: Db, { code }: { code: string }) {
  const street = alias(areaUnits, 'street');
  const district = alias(areaUnits, 'district');
  const [m] = await db
    .select({
      id: merchants.id,
      code: merchants.code,
      name: merchants.name,
      address: merchants.address,
      kind: merchants.kind,
      responsiblePerson: merchants.responsiblePerson,
      agreementSignedOn: merchants.agreementSignedOn,
      streetId: merchants.streetId,
      streetName: street.name,
      segmentId: segments.id,
      segmentCode: segments.code,
      segmentName: segments.name,
      hotline: sql<string | null>`coalesce(${segments.hotline}, ${street.hotline}, ${district.hotline})`,
    })
    .from(merchants)
    .innerJoin(segments, eq(segments.id, merchants.segmentId))
    .innerJoin(street, eq(street.id, merchants.streetId))
    .innerJoin(district, eq(district.id, segments.districtId))
    .where(and(eq(merchants.code, code), eq(merchants.active, true)));
  if (!m) return null;
  const rules = ratingRulesFromSettings(await getSettings(db, RATING_SETTING_KEYS));
  const asOf = await lastLockedMonth(db, { streetId: m.streetId });
  const [chiefRows, history, appealRows] = await Promise.all([
    currentChiefs(db, [m.segmentId]),
    asOf
      ? db
          .select({
            id: ratings.id,
            month: ratings.month,
            flag: ratings.flag,
            reasons: ratings.reasons,
            revokedByAppealId: ratings.revokedByAppealId,
            lockedAt: ratingPeriods.lockedAt,
          })
          .from(ratings)
          .innerJoin(ratingPeriods, lockedJoin)
          .where(and(eq(ratings.merchantId, m.id), gte(ratings.month, historyFrom(asOf, rules)), lte(ratings.month, monthDate(asOf))))
      : Promise.resolve([]),
    db
      .select({
        id: appeals.id,
        ratingId: appeals.ratingId,
        month: ratings.month,
        status: appeals.status,
        createdAt: appeals.createdAt,
        decidedAt: appeals.decidedAt,
        decisionNote: appeals.decisionNote,
      })
      .from(appeals)
      .innerJoin(ratings, eq(ratings.id, appeals.ratingId))
      .where(eq(appeals.merchantId, m.id))
      .orderBy(desc(appeals.createdAt)),
  ]);
  const standing = asOf
    ? computeStanding(
        history.map((h) => ({ month: h.month, flag: h.revokedByAppealId === null ? h.flag : 'none' })),
        asOf,
        rules,
      )
    : null;
  const byMonth = new Map(history.map((h) => [h.month.slice(0, 7), h]));
  const strip: StripMonth[] = asOf
    ? Array.from({ length: 12 }, (_, i) => {
        const month = monthFromIndex(monthIndex(asOf) - 11 + i);
        const h = byMonth.get(month);
        return {
          month,
          flag: h ? h.flag : null,
          revoked: h ? h.revokedByAppealId !== null : false,
          reasons: h ? h.reasons.map(reasonLabel) : [],
          ratingId: h ? h.id : null,
          lockedAt: h?.lockedAt ? h.lockedAt.toISOString() : null,
        };
      })
    : [];
  const { id: _id, streetId: _s, segmentId: _g, ...merchant } = m;
  return {
    merchant,
    chiefs: chiefRows.map((c) => ({ level: c.level, name: c.name, title: c.title, phone: c.phone })),
    asOf,
    standing,
    strip,
    // Every appeal on this merchant's flags is among its appeals (an appeal carries the rating's merchant).
    appealedRatingIds: appealRows.map((a) => a.ratingId),
    appeals: appealRows.map((a) => ({
      id: a.id,
      month: a.month.slice(0, 7),
      status: a.status,
      createdAt: a.createdAt.toISOString(),
      decidedAt: a.decidedAt ? a.decidedAt.toISOString() : null,
      decisionNote: a.decisionNote,
    })),
  };
}

export type MerchantPage = NonNullable<Awaited<ReturnType<typeof getMerchantPage>>>;

// ── Cache tags: revalidate when a month is locked or an appeal decided ────────────────────────────

/** Every cached merchant page and list carries this tag: revalidate it when a month is locked. */
export const RATINGS_TAG = 'ratings';

/** One merchant's page: revalidate after an appeal on it is filed or decided. */
export function merchantPageTag(code: string): string {
  return `merchant:${code}`;
}

/** The red and black lists. */
export const RATING_LISTS_TAG = 'rating-lists';

/** Merchant pages and lists change slowly (a lock a month, an appeal now and then): tags do the real work. */
export const RATINGS_REVALIDATE_SECONDS = 3600;

class MerchantNotFound extends Error {}

export async function getCachedMerchantPage(db: Db, { code }: { code: string }): Promise<MerchantPage | null> {
  const load = unstable_cache(
    async () => {
      const page = await getMerchantPage(db, { code });
      if (!page) throw new MerchantNotFound(code);
      return page;
    },
    ['merchant-page', code],
    { tags: [merchantPageTag(code), RATINGS_TAG], revalidate: RATINGS_REVALIDATE_SECONDS },
  );
  try {
    return await load();
  } catch (error) {
    if (error instanceof MerchantNotFound) return null;
    throw error;
  }
}

// ── Red and black lists ─────────────────────────────────────────────────────────────────────────

export const LIST_PAGE_SIZE = 200;
export const LIST_QUERY_MAX_LENGTH = 30;

export interface FlagListFilter {
  flag: 'red' | 'black';
  subject: 'merchant' | 'segment';
  /** 'YYYY-MM'; default: the last locked month (of the street, when one is given). */
  month?: string;
  streetId?: number;
  /** Part of the name (merchant or segment). */
  q?: string;
}

export interface FlagListEntry {
  code: string;
  name: string;
  address: string; // merchants: address; segments: from — to
  streetName: string;
  segmentName: string | null;
  reasons: string[];
  standing: Pick<Standing, 'status' | 'countedBlack' | 'blackCount' | 'consecutiveBlack' | 'explanation' | 'accountable'> | null;
}

/**
 * One month's red or black list. Black lists put accountable entries first (then by counted black flags),
 * each with its standing and the reason in words; red lists are by street and name.
 */
export async function getFlagList(db: Db, filter: FlagListFilter) {
  const [month, settings] = await Promise.all([
    filter.month ?? lastLockedMonth(db, { streetId: filter.streetId }),
    filter.flag === 'black' ? getSettings(db, RATING_SETTING_KEYS) : null,
  ]);
  if (!month) return { month: null, total: 0, entries: [] as FlagListEntry[] };
  const rules = settings && ratingRulesFromSettings(settings);
  // Not NFKC: names are stored with full-width brackets （…店）.
  const q = filter.q?.trim().slice(0, LIST_QUERY_MAX_LENGTH) ?? '';
  const street = alias(areaUnits, 'street');
  const isMerchant = filter.subject === 'merchant';
  const where = and(
    eq(ratings.month, monthDate(month)),
    eq(ratings.flag, filter.flag),
    isNull(ratings.revokedByAppealId),
    eq(ratings.subject, filter.subject),
    filter.streetId === undefined ? undefined : eq(ratings.streetId, filter.streetId),
  );
  const nameLike = (col: typeof merchants.name | typeof segments.name) => (q ? sql`${col} like ${`%${likeLiteral(q)}%`}` : undefined);
  const rows = isMerchant
    ? await db
        .select({
          id: merchants.id,
          code: merchants.code,
          name: merchants.name,
          address: merchants.address,
          streetName: street.name,
          segmentName: segments.name,
          reasons: ratings.reasons,
        })
        .from(ratings)
        .innerJoin(ratingPeriods, lockedJoin)
        .innerJoin(merchants, eq(merchants.id, ratings.merchantId))
        .innerJoin(segments, eq(segments.id, merchants.segmentId))
        .innerJoin(street, eq(street.id, ratings.streetId))
        .where(and(where, eq(merchants.active, true), nameLike(merchants.name)))
        .orderBy(asc(street.sortOrder), asc(street.name), asc(merchants.name))
    : await db
        .select({
          id: segments.id,
          code: segments.code,
          name: segments.name,
          address: sql<string>`${segments.fromCross} || ' — ' || ${segments.toCross}`,
          streetName: street.name,
          segmentName: sql<string | null>`null`,
          reasons: ratings.reasons,
        })
        .from(ratings)
        .innerJoin(ratingPeriods, lockedJoin)
        .innerJoin(segments, eq(segments.id, ratings.segmentId))
        .innerJoin(street, eq(street.id, ratings.streetId))
        .where(and(where, eq(segments.active, true), nameLike(segments.name)))
        .orderBy(asc(street.sortOrder), asc(street.name), asc(segments.code));

  let standings = new Map<number, Standing>();
  if (rules && rows.length > 0) {
    const idCol = sql.raw(isMerchant ? 'merchant_id' : 'segment_id');
    const from = historyFrom(month, rules, 1);
    // Each listed row's counting-year history, by one array parameter (a list of ~1,500 parameters took a
    // third longer), as plain rows (drizzle's row mapping cost more than the query for ~6,000 of them). For
    // merchants the partial index ratings_merchant_counted_idx answers index-only: its predicate is the last
    // three conditions, written as literals so the planner can match them. A revoked or unflagged month counts
    // as none, which is what a missing month means. Locked months are filtered here, not joined (a join makes
    // the planner walk every locked street-month of the city).
    const [history, locked] = await Promise.all([
      queryRows<{ key: number; street_id: number; month: string; flag: FlagValue }>(
        db,
        sql`select ${idCol} as key, street_id, to_char(month, 'YYYY-MM-DD') as month, flag from ${ratings}
            where ${idCol} = any(${`{${rows.map((r) => r.id).join(',')}}`}::int[]) and month >= ${from} and month <= ${monthDate(month)}
              and ${idCol} is not null and flag <> 'none' and revoked_by_appeal_id is null`,
      ),
      db
        .select({ streetId: ratingPeriods.streetId, month: ratingPeriods.month })
        .from(ratingPeriods)
        .where(and(isNotNull(ratingPeriods.lockedAt), gte(ratingPeriods.month, from), lte(ratingPeriods.month, monthDate(month)))),
    ]);
    const published = new Set(locked.map((p) => `${p.streetId}:${p.month}`));
    standings = computeStandings(
      history.filter((h) => published.has(`${h.street_id}:${h.month}`)),
      month,
      rules,
    );
  }
  const entries = rows.map((r) => {
    const s = standings.get(r.id);
    return {
      row: r,
      entry: {
        code: r.code,
        name: r.name,
        address: r.address,
        streetName: r.streetName,
        segmentName: r.segmentName,
        reasons: r.reasons.map(reasonLabel),
        standing: s
          ? { status: s.status, countedBlack: s.countedBlack, blackCount: s.blackCount, consecutiveBlack: s.consecutiveBlack, explanation: s.explanation, accountable: s.accountable }
          : null,
      } satisfies FlagListEntry,
    };
  });
  if (filter.flag === 'black') {
    // Stable sort: street and name order stays within a rank.
    entries.sort(
      (a, b) =>
        STATUS_RANK[b.entry.standing?.status ?? 'good'] - STATUS_RANK[a.entry.standing?.status ?? 'good'] ||
        (b.entry.standing?.countedBlack ?? 0) - (a.entry.standing?.countedBlack ?? 0),
    );
  }
  return { month, total: entries.length, entries: entries.slice(0, LIST_PAGE_SIZE).map((e) => e.entry) };
}

export type FlagList = Awaited<ReturnType<typeof getFlagList>>;

export async function getCachedFlagList(db: Db, filter: FlagListFilter): Promise<FlagList> {
  return unstable_cache(() => getFlagList(db, filter), ['flag-list', JSON.stringify(filter)], {
    tags: [RATING_LISTS_TAG, RATINGS_TAG],
    revalidate: RATINGS_REVALIDATE_SECONDS,
  })();
}

/** Streets for the list filter, in board order. */
export async function listStreets(db: Db) {
  return db
    .select({ id: areaUnits.id, code: areaUnits.code, name: areaUnits.name })
    .from(areaUnits)
    .where(eq(areaUnits.level, 'street'))
    .orderBy(asc(areaUnits.sortOrder), asc(areaUnits.name));
}

/**
 * After a month is locked or unlocked (the staff ratings actions) or its flags change: every merchant page,
 * the lists and the segment pages (they show flags) are out of date. Called from server actions only: the
 * tags expire now (updateTag), so the next public view waits for the new month instead of showing the old
 * one once more, as stale-while-revalidate did.
 */
export function revalidateRatingsPublished(): void {
  updateTag(RATINGS_TAG);
  updateTag(SEGMENTS_TAG);
}

/** After an appeal is filed or decided (server actions): that merchant's page, the lists, and its segment's page. */
export function revalidateAfterAppeal({ merchantCode, segmentCode }: { merchantCode: string; segmentCode: string }): void {
  updateTag(merchantPageTag(merchantCode));
  updateTag(RATING_LISTS_TAG);
  updateTag(segmentPageTag(segmentCode));
}

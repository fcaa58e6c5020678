/**
 * Precomputed numbers behind /stats (issue 9: ≤ 200 ms at city scale). Derived data only: triggers on
 * `cases` keep both tables in step within the same transaction as any write to a case (drizzle/0005),
 * and `select case_stats_rebuild()` recomputes them from the cases. docs/decisions.md has the rules.
 */
import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, pgTable, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * Per district, street, category and CST month: cases reported in the month, and — for cases whose 结案 or
 * deadline lies within 0–366 days of the report (STATS_LOOKBACK_DAYS; a later /stats period never drops
 * them) — cases closed in the month with their satisfaction ratings, and non-rejected cases due in the
 * month with those finished by the deadline. The rest are counted from `cases` when read.
 */
export const caseStatsMonthly = pgTable(
  'case_stats_monthly',
  {
    districtId: integer().notNull(),
    streetId: integer(),
    categoryId: integer(),
    month: date().notNull(), // first day of the CST month
    received: integer().notNull().default(0),
    closed: integer().notNull().default(0),
    due: integer().notNull().default(0),
    onTime: integer().notNull().default(0),
    rated: integer().notNull().default(0),
    ratedSum: integer().notNull().default(0),
    rated1: integer().notNull().default(0),
    rated2: integer().notNull().default(0),
    rated3: integer().notNull().default(0),
    rated4: integer().notNull().default(0),
    rated5: integer().notNull().default(0),
  },
  (t) => [unique('case_stats_monthly_key').on(t.districtId, t.month, t.streetId, t.categoryId).nullsNotDistinct()],
);

/** One row per case with a 结案 time: the report-to-结案 hours the median is taken over, by CST closing month. */
export const caseCloseTimes = pgTable(
  'case_close_times',
  {
    caseId: integer().primaryKey(),
    districtId: integer().notNull(),
    streetId: integer(),
    month: date().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    hours: doublePrecision().notNull(),
  },
  // Every column the median reads, so it is answered from the index alone.
  (t) => [index('case_close_times_district_month_idx').on(t.districtId, t.month, t.streetId, t.createdAt, t.hours)],
);

/** The cases the rollup leaves out (结案 or deadline before the report, or more than 366 days after it). */
export const CASE_STATS_IRREGULAR = sql`(closed_at < created_at or closed_at - created_at > interval '366 days' or deadline_at < created_at or deadline_at - created_at > interval '366 days')`;

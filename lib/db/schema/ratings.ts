/** 门前三包 monthly red/black flags for merchants and segments, their locking, and merchants' appeals. */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { areaUnits, merchants, segments } from './areas';
import { appealStatus, flag, ratingSubject } from './enums';
import { media } from './media';

/** One flag per subject per month (`month` is the first day of that month). */
export const ratings = pgTable(
  'ratings',
  {
    id: serial().primaryKey(),
    subject: ratingSubject().notNull(),
    merchantId: integer().references(() => merchants.id),
    segmentId: integer().references(() => segments.id),
    streetId: integer()
      .notNull()
      .references(() => areaUnits.id),
    month: date().notNull(),
    flag: flag().notNull(),
    reasons: text().array().notNull().default([]), // reason codes (门前不洁, 乱堆乱放…)
    note: text(),
    inspectorUserId: integer(),
    revokedByAppealId: integer(), // an upheld appeal removes the flag; the row stays for the record
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ratings_merchant_month_uq').on(t.merchantId, t.month).where(sql`${t.merchantId} is not null`),
    uniqueIndex('ratings_segment_month_uq').on(t.segmentId, t.month).where(sql`${t.segmentId} is not null`),
    // The flags that count in a merchant's standing (red or black, not revoked), read index-only by the black list
    // for every listed merchant's counting year (lib/ratings/public.ts getFlagList).
    index('ratings_merchant_counted_idx')
      .on(t.merchantId, t.month, t.streetId, t.flag)
      .where(sql`${t.merchantId} is not null and ${t.flag} <> 'none' and ${t.revokedByAppealId} is null`),
    index('ratings_street_month_flag_idx').on(t.streetId, t.month, t.flag),
    check(
      'ratings_one_subject',
      sql`(${t.subject} = 'merchant' and ${t.merchantId} is not null and ${t.segmentId} is null) or (${t.subject} = 'segment' and ${t.segmentId} is not null and ${t.merchantId} is null)`,
    ),
  ],
);

/** A street's month becomes official (and public) when an inspector locks it. */
export const ratingPeriods = pgTable(
  'rating_periods',
  {
    streetId: integer()
      .notNull()
      .references(() => areaUnits.id),
    month: date().notNull(),
    lockedAt: timestamp({ withTimezone: true }),
    lockedBy: integer(),
  },
  (t) => [primaryKey({ columns: [t.streetId, t.month] })],
);

export const appeals = pgTable(
  'appeals',
  {
    id: serial().primaryKey(),
    ratingId: integer()
      .notNull()
      .references(() => ratings.id),
    merchantId: integer()
      .notNull()
      .references(() => merchants.id),
    statement: text().notNull(),
    contactName: text(), // private
    contactPhone: text(), // private
    status: appealStatus().notNull().default('pending'),
    decidedBy: integer(),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('appeals_merchant_idx').on(t.merchantId, t.createdAt), index('appeals_status_idx').on(t.status, t.createdAt)],
);

export const appealMedia = pgTable(
  'appeal_media',
  {
    appealId: integer()
      .notNull()
      .references(() => appeals.id),
    mediaId: integer()
      .notNull()
      .references(() => media.id),
  },
  (t) => [primaryKey({ columns: [t.appealId, t.mediaId] })],
);

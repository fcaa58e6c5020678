/** Cases (案件) and their append-only timeline. */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { areaUnits, chiefs, departments, segments } from './areas';
import { categories } from './categories';
import {
  caseAction,
  caseLevel,
  caseMediaRole,
  caseSource,
  caseStatus,
  disposition,
  face,
  noteVisibility,
  rejectReason,
} from './enums';
import { media } from './media';
import { CASE_STATS_IRREGULAR } from './stats';

export const cases = pgTable(
  'cases',
  {
    id: serial().primaryKey(),
    number: text().notNull(), // readable: date + sequence, e.g. 20261122-0042
    lookupCode: text().notNull(), // 6 characters from an unambiguous alphabet; needed to track publicly
    source: caseSource().notNull(),
    categoryId: integer().references(() => categories.id),
    face: face(),
    description: text().notNull(),
    districtId: integer()
      .notNull()
      .references(() => areaUnits.id),
    streetId: integer().references(() => areaUnits.id), // denormalised from the segment for the inbox
    segmentId: integer().references(() => segments.id),
    address: text(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    reporterName: text(), // private: never on a public page or API
    reporterPhone: text(), // private
    reporterDeviceHash: text(), // private: rate limits and 点赞 once per device
    status: caseStatus().notNull().default('submitted'),
    rejectReason: rejectReason(),
    disposition: disposition(),
    level: caseLevel().notNull().default('segment'),
    assigneeChiefId: integer().references(() => chiefs.id),
    assigneeDepartmentId: integer().references(() => departments.id),
    deadlineAt: timestamp({ withTimezone: true }),
    duplicateOfId: integer().references((): AnyPgColumn => cases.id),
    superviseCount: smallint().notNull().default(0),
    isPublic: boolean().notNull().default(false), // staff marked description/photos fit for public pages
    satisfaction: smallint(), // 1..5, from the reporter
    version: integer().notNull().default(1), // optimistic locking
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp({ withTimezone: true }),
    dispatchedAt: timestamp({ withTimezone: true }),
    handledAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('cases_number_uq').on(t.number),
    // Dispatcher inbox: status × street, ordered by deadline, keyset on (deadline, id).
    index('cases_inbox_idx').on(t.status, t.streetId, t.deadlineAt, t.id),
    // The same for a district-wide desk (no street filter): issue 6's 20 ms at a million cases.
    index('cases_inbox_district_idx').on(t.status, t.districtId, t.deadlineAt, t.id),
    index('cases_segment_created_idx').on(t.segmentId, t.createdAt),
    index('cases_assignee_chief_idx').on(t.assigneeChiefId, t.status).where(sql`${t.assigneeChiefId} is not null`),
    index('cases_assignee_department_idx')
      .on(t.assigneeDepartmentId, t.status)
      .where(sql`${t.assigneeDepartmentId} is not null`),
    index('cases_duplicate_of_idx').on(t.duplicateOfId).where(sql`${t.duplicateOfId} is not null`),
    index('cases_district_created_idx').on(t.districtId, t.createdAt),
    // Likely-duplicate check: same segment and category in the last 24 h.
    index('cases_segment_category_created_idx').on(t.segmentId, t.categoryId, t.createdAt),
    // The few cases /stats counts from here rather than from its rollup (lib/db/schema/stats.ts).
    index('cases_stats_irregular_idx').on(t.districtId, t.createdAt).where(CASE_STATS_IRREGULAR),
  ],
);

/** Append-only: one row per transition or note, never updated. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    caseId: integer()
      .notNull()
      .references(() => cases.id),
    action: caseAction().notNull(),
    fromStatus: caseStatus(),
    toStatus: caseStatus(),
    actorUserId: integer(),
    actorLabel: text().notNull(), // shown to staff; citizens see a role word, never a name
    note: text(),
    visibility: noteVisibility().notNull().default('internal'),
    data: jsonb().$type<Record<string, unknown>>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

export const caseMedia = pgTable(
  'case_media',
  {
    caseId: integer()
      .notNull()
      .references(() => cases.id),
    mediaId: integer()
      .notNull()
      .references(() => media.id),
    eventId: bigint({ mode: 'number' }).references(() => caseEvents.id),
    role: caseMediaRole().notNull(),
    sortOrder: smallint().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.mediaId, t.role] }), index('case_media_media_idx').on(t.mediaId)],
);

/** Daily counters for case numbers and similar; sequences live in Postgres, never in function memory. */
export const counters = pgTable('counters', {
  name: text().primaryKey(),
  value: bigint({ mode: 'number' }).notNull().default(0),
});

export type Case = typeof cases.$inferSelect;
export type NewCase = typeof cases.$inferInsert;
export type CaseEvent = typeof caseEvents.$inferSelect;

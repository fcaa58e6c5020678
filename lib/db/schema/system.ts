/** State that must outlive a serverless function: rate-limit buckets, idempotency keys, settings. */
import { index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** Fixed-window counters: one row per key per window. */
export const rateLimitBuckets = pgTable(
  'rate_limit_buckets',
  {
    key: text().notNull(), // e.g. report:ip:203.0.113.7
    windowStart: timestamp({ withTimezone: true }).notNull(),
    windowSeconds: integer().notNull(),
    count: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowSeconds, t.windowStart] }), index('rate_limit_buckets_expires_idx').on(t.expiresAt)],
);

/** A retried or double-tapped request replays the first answer instead of acting twice. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text().notNull(), // e.g. report, open311
    key: text().notNull(),
    requestHash: text().notNull(),
    statusCode: smallint(), // null while the first request is still running
    response: jsonb().$type<unknown>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
);

/** Named settings (thresholds, time limits, board sizes, branding); defaults live in lib/settings. */
export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().$type<unknown>().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer(),
});

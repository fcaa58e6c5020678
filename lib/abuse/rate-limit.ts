/**
 * Fixed-window rate limits kept in Postgres (`rate_limit_buckets`), so every serverless instance counts
 * against the same buckets. One upsert per call counts the hit in all of a key's windows at once.
 *
 * A refused hit still counts: hammering a full window keeps eating the longer windows (e.g. the daily
 * quota) instead of being free, and a window's count is never rolled back. Call it with `db`, not inside
 * the transaction of the action it guards, so the count survives when that action fails and no bucket
 * row stays locked while the action runs.
 */
import { lte, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../db/client';
import { rateLimitBuckets } from '../db/schema';
import { assertRateLimit, rateLimitVerdict, windowOf, type RateLimit, type RateLimitResult } from '../domain/abuse';

export type { RateLimit, RateLimitResult } from '../domain/abuse';
export { rateLimitMessage } from '../domain/abuse';

const MAX_COUNT = 2_147_483_647; // integer column: a flood must not overflow it

/** Counts one hit against every limit for the key (fixed windows), atomically; refuses when any window is over. */
export async function hitRateLimit(db: Db | Tx, key: string, limits: RateLimit[], now: Date = new Date()): Promise<RateLimitResult> {
  limits.forEach(assertRateLimit);
  if (key === '') throw new RangeError('rate limit key must not be empty');
  if (limits.length === 0) return { ok: true };
  // One bucket per window length (two limits on the same window share its count), in a fixed order so
  // concurrent upserts of the same key lock rows in the same order and cannot deadlock.
  const windows = [...new Set(limits.map((l) => l.windowSeconds))].sort((a, b) => a - b);
  const rows = await db
    .insert(rateLimitBuckets)
    .values(
      windows.map((windowSeconds) => {
        const { start, end } = windowOf(now, windowSeconds);
        return { key, windowSeconds, windowStart: start, count: 1, expiresAt: end };
      }),
    )
    .onConflictDoUpdate({
      target: [rateLimitBuckets.key, rateLimitBuckets.windowSeconds, rateLimitBuckets.windowStart],
      set: { count: sql`least(${rateLimitBuckets.count} + 1, ${MAX_COUNT})` },
    })
    .returning({ windowSeconds: rateLimitBuckets.windowSeconds, count: rateLimitBuckets.count });
  const counts = new Map(rows.map((r) => [r.windowSeconds, r.count]));
  return rateLimitVerdict(
    now,
    limits.map((limit) => ({ limit, count: counts.get(limit.windowSeconds)! })),
  );
}

/** Deletes buckets whose window has ended; returns how many. Run it now and then (e.g. a daily cron). */
export async function pruneRateLimits(db: Db, now: Date = new Date()): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with gone as (delete from ${rateLimitBuckets} where ${lte(rateLimitBuckets.expiresAt, now)} returning 1) select count(*)::int as n from gone`,
  );
  return row!.n;
}

/**
 * The arithmetic of the anti-abuse kit (issue 5), free of the database: fixed rate-limit windows, the
 * wait a refused person is told, and which idempotency keys a client may send. lib/abuse/ does the I/O.
 */

export interface RateLimit {
  windowSeconds: number;
  max: number;
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number; limit: RateLimit };

/** Longest window accepted: a year. Longer would be a typo, and a bucket row would live that long. */
export const MAX_WINDOW_SECONDS = 366 * 24 * 3600;

/** Throws on a limit no caller should write (a programming error, not user input). */
export function assertRateLimit(limit: RateLimit): void {
  const { windowSeconds, max } = limit;
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
    throw new RangeError(`rate limit windowSeconds must be an integer from 1 to ${MAX_WINDOW_SECONDS}, got ${windowSeconds}`);
  }
  if (!Number.isInteger(max) || max < 0) throw new RangeError(`rate limit max must be a non-negative integer, got ${max}`);
}

/**
 * The fixed window that `now` falls in. Windows are aligned to the Unix epoch, so a one-day window runs
 * from 08:00 to 08:00 China time; every function instance computes the same start without talking.
 */
export function windowOf(now: Date, windowSeconds: number): { start: Date; end: Date } {
  const ms = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start: new Date(start), end: new Date(start + ms) };
}

/**
 * Given the count of each window after this hit, the verdict: refused when any window is over its max,
 * with the longest wait among the windows that are over (waiting less would only be refused again).
 */
export function rateLimitVerdict(now: Date, hits: { limit: RateLimit; count: number }[]): RateLimitResult {
  let refusal: { retryAfterSeconds: number; limit: RateLimit } | undefined;
  for (const { limit, count } of hits) {
    if (count <= limit.max) continue;
    const { end } = windowOf(now, limit.windowSeconds);
    const retryAfterSeconds = Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));
    if (!refusal || retryAfterSeconds > refusal.retryAfterSeconds) refusal = { retryAfterSeconds, limit };
  }
  return refusal ? { ok: false, ...refusal } : { ok: true };
}

/** “提交太频繁，请 8 分钟后再试。”: the wait rounded up, in minutes below an hour, else in hours. */
export function rateLimitMessage(result: Extract<RateLimitResult, { ok: false }>, action: string): string {
  return `${action}太频繁，请 ${waitText(result.retryAfterSeconds)}后再试。`;
}

export function waitText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 60) return `${minutes} 分钟`;
  return `${Math.ceil(seconds / 3600)} 小时`;
}

/** What a client may send as an idempotency key: 16–100 characters of [A-Za-z0-9_-] (a UUID qualifies). */
export function validIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && /^[A-Za-z0-9_-]{16,100}$/.test(key);
}

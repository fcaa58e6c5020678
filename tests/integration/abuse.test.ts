/**
 * The anti-abuse kit against a real database: rate-limit buckets, idempotent writes and spent
 * proof-of-work solutions all live in Postgres, so concurrent requests (a second pool on PostgreSQL)
 * must agree without any process memory.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { openDb, queryRows, type Db } from '@/lib/db/client';
import { auditLog, idempotencyKeys, rateLimitBuckets, settings } from '@/lib/db/schema';
import { writeAudit } from '@/lib/audit/queries';
import { derivedSecret, serverSecret } from '@/lib/auth/secret';
import { hitRateLimit, pruneRateLimits, rateLimitMessage, type RateLimitResult } from '@/lib/abuse/rate-limit';
import { pruneIdempotencyKeys, requestHash, runIdempotent } from '@/lib/abuse/idempotency';
import { createPowChallenge, POW_TTL_SECONDS, verifyPow } from '@/lib/abuse/pow';
import { encodePowPayload, solvePow } from '@/lib/abuse/pow-client';
import { openTestDb, testDriver, type TestDb } from '../fixtures/db';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

/** On PostgreSQL, a second pool wide enough that every request of a burst has its own connection. */
async function withWidePool<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (!t.url) return fn(t.db);
  const wide = await openDb({ url: t.url, driver: 'pg', maxConnections: 20 });
  try {
    return await fn(wide.db);
  } finally {
    await wide.close();
  }
}

/** Waits until some session of this database is blocked on a lock (PostgreSQL only). */
async function someoneWaitsOnALock() {
  await vi.waitFor(
    async () => {
      const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      expect(row!.n).toBeGreaterThan(0);
    },
    { timeout: 15_000, interval: 20 },
  );
}

let serial = 0;
const uniqueKey = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(serial++).toString().padStart(8, '0')}`;

describe('rate limits', () => {
  // 10:03:20 China time: the 10-minute window ends at 10:10:00, the (UTC-aligned) day at 08:00 tomorrow.
  const now = new Date('2026-11-18T02:03:20Z');
  const tenMinutes = { windowSeconds: 600, max: 5 };

  it('lets the first 5 hits of a window through and refuses the 6th with the wait until the window ends', async () => {
    const key = uniqueKey('report:ip:203.0.113.7');
    const results: RateLimitResult[] = [];
    for (let i = 0; i < 6; i++) results.push(await hitRateLimit(t.db, key, [tenMinutes], now));
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(results[5]).toEqual({ ok: false, retryAfterSeconds: 400, limit: tenMinutes });
    expect(rateLimitMessage(results[5] as Extract<RateLimitResult, { ok: false }>, '提交')).toBe('提交太频繁，请 7 分钟后再试。');
  });

  it('counts each key on its own', async () => {
    const a = uniqueKey('k');
    const b = uniqueKey('k');
    for (let i = 0; i < 5; i++) await hitRateLimit(t.db, a, [tenMinutes], now);
    expect((await hitRateLimit(t.db, a, [tenMinutes], now)).ok).toBe(false);
    expect((await hitRateLimit(t.db, b, [tenMinutes], now)).ok).toBe(true);
  });

  it('starts counting afresh in the next window', async () => {
    const key = uniqueKey('k');
    for (let i = 0; i < 6; i++) await hitRateLimit(t.db, key, [tenMinutes], now);
    expect((await hitRateLimit(t.db, key, [tenMinutes], new Date('2026-11-18T02:09:59Z'))).ok).toBe(false);
    expect((await hitRateLimit(t.db, key, [tenMinutes], new Date('2026-11-18T02:10:00Z'))).ok).toBe(true);
  });

  it('counts refused hits too, so hammering the short window uses up the day', async () => {
    const key = uniqueKey('k');
    const day = { windowSeconds: 86_400, max: 8 };
    const results: RateLimitResult[] = [];
    for (let i = 0; i < 9; i++) results.push(await hitRateLimit(t.db, key, [tenMinutes, day], now));
    // Hits 6–8 were refused by the 10-minute window, yet the day has counted all nine.
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, false, false, false, false]);
    const refused = results[8] as Extract<RateLimitResult, { ok: false }>;
    expect(refused.limit).toEqual(day);
    expect(refused.retryAfterSeconds).toBe(79_000); // 21 h 56 min 40 s, to 2026-11-19T00:00Z
    expect(rateLimitMessage(refused, '提交随手拍')).toBe('提交随手拍太频繁，请 22 小时后再试。');
    // In the next 10 minutes the day still refuses.
    const later = await hitRateLimit(t.db, key, [tenMinutes, day], new Date('2026-11-18T02:15:00Z'));
    expect(later).toMatchObject({ ok: false, limit: day });
    const rows = await t.db.select().from(rateLimitBuckets).where(eq(rateLimitBuckets.key, key));
    expect(rows.map((r) => [r.windowSeconds, r.count]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!)).toEqual([
      [600, 1],
      [600, 9],
      [86_400, 10],
    ]);
  });

  it('shares one count between two limits on the same window', async () => {
    const key = uniqueKey('k');
    const loose = { windowSeconds: 600, max: 10 };
    const strict = { windowSeconds: 600, max: 2 };
    const results: RateLimitResult[] = [];
    for (let i = 0; i < 3; i++) results.push(await hitRateLimit(t.db, key, [loose, strict], now));
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({ limit: strict });
  });

  it('refuses everything with max 0 and lets everything through with no limits', async () => {
    const key = uniqueKey('k');
    expect((await hitRateLimit(t.db, key, [{ windowSeconds: 60, max: 0 }], now)).ok).toBe(false);
    expect(await hitRateLimit(t.db, key, [], now)).toEqual({ ok: true });
  });

  it('throws on a limit no caller should write', async () => {
    await expect(hitRateLimit(t.db, 'k', [{ windowSeconds: 0, max: 5 }])).rejects.toThrow(RangeError);
    await expect(hitRateLimit(t.db, 'k', [{ windowSeconds: 60, max: 1.5 }])).rejects.toThrow(RangeError);
    await expect(hitRateLimit(t.db, '', [tenMinutes])).rejects.toThrow(RangeError);
  });

  it('lets exactly 5 of 20 simultaneous hits through, across two windows, without deadlock', async () => {
    const key = uniqueKey('burst');
    const day = { windowSeconds: 86_400, max: 100 };
    const results = await withWidePool((db) => Promise.all(Array.from({ length: 20 }, () => hitRateLimit(db, key, [tenMinutes, day], now))));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const rows = await t.db.select().from(rateLimitBuckets).where(eq(rateLimitBuckets.key, key));
    expect(Object.fromEntries(rows.map((r) => [r.windowSeconds, r.count]))).toEqual({ 600: 20, 86400: 20 });
  });

  it('prunes only the windows that have ended', async () => {
    const key = uniqueKey('prune');
    await hitRateLimit(t.db, key, [{ windowSeconds: 60, max: 5 }, { windowSeconds: 3600, max: 5 }], now);
    const before = await t.db.select().from(rateLimitBuckets).where(eq(rateLimitBuckets.key, key));
    expect(before).toHaveLength(2);
    const removed = await pruneRateLimits(t.db, new Date('2026-11-18T02:30:00Z'));
    expect(removed).toBeGreaterThanOrEqual(1);
    const after = await t.db.select().from(rateLimitBuckets).where(eq(rateLimitBuckets.key, key));
    expect(after.map((r) => r.windowSeconds)).toEqual([3600]);
  });
});

describe('idempotent writes', () => {
  const opts = (key: string, hash = 'h1', ttlSeconds = 3600) => ({ scope: 'test', key, requestHash: hash, ttlSeconds });
  const marker = (key: string) => ({ actorUserId: null, actorLabel: 'test', action: 'test.idempotent', entityType: 'test', entityId: key });
  const markers = async (key: string) =>
    (await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'test.idempotent'), eq(auditLog.entityId, key)))).length;
  const storedKey = async (key: string) => t.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, 'test'), eq(idempotencyKeys.key, key)));

  it('runs once and replays the first answer for the same key and request', async () => {
    const key = uniqueKey('idem');
    let runs = 0;
    const fn = async (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => {
      runs++;
      await writeAudit(tx, marker(key));
      return { caseNumber: `Q${runs}`, lookupCode: 'ABCD-2345', at: new Date('2026-11-18T02:00:00Z') };
    };
    const first = await runIdempotent(t.db, opts(key), fn);
    const second = await runIdempotent(t.db, opts(key), fn);
    // Both answers are the stored JSON, so a Date is a string the first time too.
    expect(first).toEqual({ kind: 'fresh', value: { caseNumber: 'Q1', lookupCode: 'ABCD-2345', at: '2026-11-18T02:00:00.000Z' } });
    expect(second).toEqual({ kind: 'replay', value: first.kind === 'fresh' ? first.value : null });
    expect(runs).toBe(1);
    expect(await markers(key)).toBe(1);
  });

  it('answers mismatch for the same key with another request, without running', async () => {
    const key = uniqueKey('idem');
    await runIdempotent(t.db, opts(key, 'h1'), async () => 1);
    let ran = false;
    expect(
      await runIdempotent(t.db, opts(key, 'h2'), async () => {
        ran = true;
        return 2;
      }),
    ).toEqual({ kind: 'mismatch' });
    expect(ran).toBe(false);
  });

  it('stores nothing when fn throws, and a retry runs fn', async () => {
    const key = uniqueKey('idem');
    await expect(
      runIdempotent(t.db, opts(key), async (tx) => {
        await writeAudit(tx, marker(key));
        throw new Error('photo store down');
      }),
    ).rejects.toThrow('photo store down');
    expect(await storedKey(key)).toEqual([]);
    expect(await markers(key)).toBe(0);
    const retry = await runIdempotent(t.db, opts(key), async (tx) => {
      await writeAudit(tx, marker(key));
      return 'ok';
    });
    expect(retry).toEqual({ kind: 'fresh', value: 'ok' });
    expect(await markers(key)).toBe(1);
  });

  it('claims an expired key again', async () => {
    const key = uniqueKey('idem');
    const t0 = new Date('2026-11-18T02:00:00Z');
    expect(await runIdempotent(t.db, { ...opts(key, 'h1', 60), now: t0 }, async () => 'first')).toEqual({ kind: 'fresh', value: 'first' });
    expect(await runIdempotent(t.db, { ...opts(key, 'h1', 60), now: new Date(t0.getTime() + 59_000) }, async () => 'second')).toEqual({ kind: 'replay', value: 'first' });
    // Expired: even another request may use the key now.
    expect(await runIdempotent(t.db, { ...opts(key, 'h2', 60), now: new Date(t0.getTime() + 60_000) }, async () => 'third')).toEqual({ kind: 'fresh', value: 'third' });
    expect((await storedKey(key))[0]).toMatchObject({ requestHash: 'h2', response: 'third' });
  });

  it('runs fn once for two simultaneous requests with the same key: one fresh, one replay, one record', async () => {
    const key = uniqueKey('idem');
    let runs = 0;
    const fn = async (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => {
      runs++;
      await writeAudit(tx, marker(key));
      return { run: runs };
    };
    const results = await withWidePool((db) => Promise.all([runIdempotent(db, opts(key), fn), runIdempotent(db, opts(key), fn)]));
    expect(results.map((r) => r.kind).sort()).toEqual(['fresh', 'replay']);
    expect(results[0]).toMatchObject({ value: { run: 1 } });
    expect(results[1]).toMatchObject({ value: { run: 1 } });
    expect(runs).toBe(1);
    expect(await markers(key)).toBe(1);
  });

  it.runIf(testDriver === 'pg')('makes a second request wait on the key until the first commits, then replays it', async () => {
    const key = uniqueKey('idem');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let runs = 0;
    const first = runIdempotent(t.db, opts(key), async (tx) => {
      runs++;
      await writeAudit(tx, marker(key));
      entered();
      await gate;
      return { from: 'first' };
    });
    await inside;
    const second = runIdempotent(t.db, opts(key), async (tx) => {
      runs++;
      await writeAudit(tx, marker(key));
      return { from: 'second' };
    });
    await someoneWaitsOnALock();
    release();
    expect(await first).toEqual({ kind: 'fresh', value: { from: 'first' } });
    expect(await second).toEqual({ kind: 'replay', value: { from: 'first' } });
    expect(runs).toBe(1);
    expect(await markers(key)).toBe(1);
  });

  it.runIf(testDriver === 'pg')('runs the waiting second request when the first rolls back', async () => {
    const key = uniqueKey('idem');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = runIdempotent(t.db, opts(key), async (tx) => {
      await writeAudit(tx, marker(key));
      entered();
      await gate;
      throw new Error('first failed');
    });
    const firstSettled = first.catch((error: Error) => error.message);
    await inside;
    const second = runIdempotent(t.db, opts(key), async (tx) => {
      await writeAudit(tx, marker(key));
      return { from: 'second' };
    });
    await someoneWaitsOnALock();
    release();
    expect(await firstSettled).toBe('first failed');
    expect(await second).toEqual({ kind: 'fresh', value: { from: 'second' } });
    expect(await markers(key)).toBe(1);
  });

  it('refuses a malformed key before touching the database', async () => {
    await expect(runIdempotent(t.db, opts('short'), async () => 1)).rejects.toThrow(RangeError);
    await expect(runIdempotent(t.db, opts(uniqueKey('idem'), 'h', 0), async () => 1)).rejects.toThrow(RangeError);
  });

  it('prunes keys whose replay window has ended', async () => {
    const key = uniqueKey('idem');
    await runIdempotent(t.db, { ...opts(key, requestHash({ a: 1 }), 60), now: new Date('2020-01-01T00:00:00Z') }, async () => 1);
    expect(await storedKey(key)).toHaveLength(1);
    expect(await pruneIdempotencyKeys(t.db, new Date('2020-01-01T00:01:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await storedKey(key)).toEqual([]);
  });
});

describe('proof of work', () => {
  const reencode = (payload: string, change: (p: { challenge: { parameters: Record<string, unknown>; signature: string }; solution: { counter: number; derivedKey: string } }) => void) => {
    const decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    change(decoded);
    return Buffer.from(JSON.stringify(decoded)).toString('base64');
  };
  const flipLastHex = (s: string) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');

  it('accepts a challenge solved at the default cost by the browser solver, once', async () => {
    const challenge = await createPowChallenge(t.db);
    expect(challenge.parameters).toMatchObject({ algorithm: 'PBKDF2/SHA-256', cost: 5000 });
    // Travels as JSON through GET /api/pow.
    const payload = await solvePow(JSON.parse(JSON.stringify(challenge)));
    expect(await verifyPow(t.db, payload)).toEqual({ ok: true });
    expect(await verifyPow(t.db, payload)).toMatchObject({ ok: false, code: 'replayed', message: '这份安全验证已经用过，请重新提交。' });
  });

  it('takes its cost from the settings', async () => {
    await t.db
      .insert(settings)
      .values([
        { key: 'report.powCost', value: 1000 },
        { key: 'report.powMaxCounter', value: 20 },
      ])
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value` } });
    const challenge = await createPowChallenge(t.db);
    expect(challenge.parameters.cost).toBe(1000);
    const payload = await solvePow(challenge);
    const { solution } = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    expect(solution.counter).toBeGreaterThanOrEqual(10);
    expect(solution.counter).toBeLessThanOrEqual(20);
  });

  it('lets exactly one of two simultaneous uses of a solution through', async () => {
    const payload = await solvePow(await createPowChallenge(t.db));
    const results = await withWidePool((db) => Promise.all([verifyPow(db, payload), verifyPow(db, payload)]));
    expect(results.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['ok', 'replayed']);
  });

  it('does not spend a solution whose action rolled back', async () => {
    const payload = await solvePow(await createPowChallenge(t.db));
    await expect(
      t.db.transaction(async (tx) => {
        expect(await verifyPow(tx, payload)).toEqual({ ok: true });
        throw new Error('photo rejected');
      }),
    ).rejects.toThrow('photo rejected');
    expect(await verifyPow(t.db, payload)).toEqual({ ok: true });
  });

  it('refuses a tampered signature, derived key, cost or prefix as invalid', async () => {
    const payload = await solvePow(await createPowChallenge(t.db));
    const tampered = [
      reencode(payload, (p) => void (p.challenge.signature = flipLastHex(p.challenge.signature))),
      reencode(payload, (p) => void (p.solution.derivedKey = flipLastHex(p.solution.derivedKey))),
      reencode(payload, (p) => void (p.challenge.parameters.cost = 1)),
      reencode(payload, (p) => void (p.challenge.parameters.keyPrefix = '00')),
      reencode(payload, (p) => void (p.challenge.parameters.expiresAt = (p.challenge.parameters.expiresAt as number) + 3600)),
    ];
    for (const bad of tampered) expect(await verifyPow(t.db, bad)).toMatchObject({ ok: false, code: 'invalid', message: '安全验证未通过，请刷新页面后重新提交。' });
    // The untouched solution is still good: a refused forgery spends nothing.
    expect(await verifyPow(t.db, payload)).toEqual({ ok: true });
  });

  it('refuses a challenge signed with another secret or another algorithm', async () => {
    const foreign = await createChallenge({ algorithm: 'PBKDF2/SHA-256', cost: 10, counter: 3, deriveKey, hmacSignatureSecret: 'another server', hmacKeySignatureSecret: 'another key', expiresAt: new Date(Date.now() + 60_000) });
    expect(await verifyPow(t.db, await solvePow(foreign))).toMatchObject({ ok: false, code: 'invalid' });
    const secret = await serverSecret(t.db);
    const sha = await createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: 3,
      deriveKey: (await import('altcha-lib/algorithms/sha')).deriveKey,
      hmacSignatureSecret: derivedSecret(secret, 'pow.challenge'),
      hmacKeySignatureSecret: derivedSecret(secret, 'pow.key'),
      expiresAt: new Date(Date.now() + 60_000),
    });
    const shaPayload = encodePowPayload(sha, { counter: 3, derivedKey: '00'.repeat(32) });
    expect(await verifyPow(t.db, shaPayload)).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('refuses a solution after its challenge expired', async () => {
    const payload = await solvePow(await createPowChallenge(t.db));
    const justAfter = new Date(Date.now() + POW_TTL_SECONDS * 1000 + 1000);
    expect(await verifyPow(t.db, payload, justAfter)).toMatchObject({ ok: false, code: 'expired', message: '页面停留太久，安全验证已过期，请重新提交。' });
    const old = await solvePow(await createPowChallenge(t.db, new Date(Date.now() - (POW_TTL_SECONDS + 60) * 1000)));
    expect(await verifyPow(t.db, old)).toMatchObject({ ok: false, code: 'expired' });
  });

  it('answers missing or malformed for anything that is not a payload, and never throws', async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(await verifyPow(t.db, undefined)).toMatchObject({ ok: false, code: 'missing', message: '页面还没有完成安全验证，请稍候几秒再提交。' });
    expect(await verifyPow(t.db, null)).toMatchObject({ code: 'missing' });
    expect(await verifyPow(t.db, '   ')).toMatchObject({ code: 'missing' });
    const payload = await solvePow(await createPowChallenge(t.db));
    const garbage = [
      'not base64 at all!',
      '%%%%',
      b64('{"challenge":'),
      b64('[]'),
      b64('null'),
      b64('"string"'),
      b64('{}'),
      b64(JSON.stringify({ challenge: { parameters: {}, signature: 'x' }, solution: {} })),
      b64(JSON.stringify({ __proto__: { polluted: true }, challenge: null, solution: null })),
      reencode(payload, (p) => void (p.solution.counter = -1)),
      reencode(payload, (p) => void (p.solution.counter = 1.5)),
      reencode(payload, (p) => void (p.challenge.parameters.nonce = 'zz')),
      reencode(payload, (p) => void (p.challenge.parameters.cost = '5000' as unknown as number)),
      reencode(payload, (p) => void delete p.challenge.parameters.keySignature),
      'A'.repeat(1_000_000),
      payload + payload,
      JSON.stringify({ challenge: {}, solution: {} }),
    ];
    for (const bad of garbage) expect(await verifyPow(t.db, bad)).toMatchObject({ ok: false, code: 'malformed', message: '安全验证数据有误，请刷新页面后重新提交。' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await verifyPow(t.db, payload)).toEqual({ ok: true });
  });
});

describe('server secret', () => {
  it('is created once per database and the same on every read', async () => {
    const first = await serverSecret(t.db);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const [row] = await t.db.select().from(settings).where(eq(settings.key, 'auth.secret'));
    expect(row?.value).toBe(first);
    expect(await t.db.transaction((tx) => serverSecret(tx))).toBe(first);
    expect(derivedSecret(first, 'pow.challenge')).not.toBe(derivedSecret(first, 'pow.key'));
  });
});

// Production runs on Neon's serverless driver: the same guarantees through its WebSocket pool.
describe.runIf(testDriver === 'pg')('through the Neon serverless driver', () => {
  let neon: TestDb;
  beforeAll(async () => {
    neon = await openTestDb({ driver: 'neon' });
  });
  afterAll(() => neon?.close());

  it('counts a burst of hits exactly', async () => {
    const key = uniqueKey('neon');
    const limits = [{ windowSeconds: 600, max: 3 }];
    const results = await Promise.all(Array.from({ length: 8 }, () => hitRateLimit(neon.db, key, limits)));
    expect(neon.driver).toBe('neon');
    expect(results.filter((r) => r.ok)).toHaveLength(3);
  });

  it('runs fn once for two simultaneous requests with the same key', async () => {
    const key = uniqueKey('neon');
    let runs = 0;
    const fn = async () => ({ run: ++runs });
    const opts = { scope: 'test', key, requestHash: 'h', ttlSeconds: 60 };
    const results = await Promise.all([runIdempotent(neon.db, opts, fn), runIdempotent(neon.db, opts, fn)]);
    expect(results.map((r) => r.kind).sort()).toEqual(['fresh', 'replay']);
    expect(runs).toBe(1);
  });

  it('accepts a solution once', async () => {
    const payload = await solvePow(await createPowChallenge(neon.db));
    const results = await Promise.all([verifyPow(neon.db, payload), verifyPow(neon.db, payload)]);
    expect(results.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['ok', 'replayed']);
  });
});

/**
 * Idempotent writes kept in Postgres (`idempotency_keys`): a double tap, a retry after a dropped
 * connection, or the same form sent twice gets the first answer and never a second record.
 *
 * The claim of (scope, key), the caller's work and the stored answer are one transaction. The claim is an
 * INSERT … ON CONFLICT: a concurrent second request with the same key waits on the unique index until the
 * first transaction ends, then either replays the committed answer or, if the first rolled back, claims
 * the key and runs itself. So there is never a row that says "in progress" and nothing to clean up after a
 * crash. An expired key is claimed again as if new.
 */
import { createHash } from 'node:crypto';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import { validIdempotencyKey } from '../domain/abuse';

export { validIdempotencyKey } from '../domain/abuse';

export type IdempotentResult<T> = { kind: 'fresh'; value: T } | { kind: 'replay'; value: T } | { kind: 'mismatch' };

export interface IdempotencyOptions {
  /** What the key is for (e.g. 'report', 'open311'); keys of different scopes never meet. */
  scope: string;
  /** The client's key; check it with validIdempotencyKey first and answer a bad one with a message. */
  key: string;
  /** A digest of the request (see requestHash): the same key with another request is a mismatch. */
  requestHash: string;
  /** How long the answer is replayed; after that the key may be used again. */
  ttlSeconds: number;
  now?: Date;
}

const DONE = 200; // status_code of a stored answer; null is never committed by this module

/**
 * Runs `fn` in ONE transaction together with the claim of (scope, key) and the stored response, so a double
 * tap or a retry gets the first answer and never a second record. Same key with a different requestHash →
 * mismatch. `fn`'s value must be JSON-serialisable: it is stored as jsonb, and both the fresh and the
 * replayed result are that stored JSON (so a Date comes back as a string either way, `undefined` as null).
 * If `fn` throws, nothing is stored and the error propagates; a retry runs `fn` again.
 */
export async function runIdempotent<T>(
  db: Db,
  opts: IdempotencyOptions,
  fn: (tx: Tx) => Promise<T>,
): Promise<IdempotentResult<T>> {
  const { scope, key, requestHash, ttlSeconds } = opts;
  if (!scope) throw new RangeError('idempotency scope must not be empty');
  if (!validIdempotencyKey(key)) throw new RangeError('invalid idempotency key (check it with validIdempotencyKey first)');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) throw new RangeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));

  return db.transaction(async (tx): Promise<IdempotentResult<T>> => {
    // A row can vanish between the conflict and the read only if a prune removed an expired key; then
    // the claim simply succeeds on the next round.
    for (let attempt = 0; attempt < 3; attempt++) {
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ scope, key, requestHash, createdAt: now, expiresAt })
        .onConflictDoUpdate({
          target: [idempotencyKeys.scope, idempotencyKeys.key],
          set: { requestHash, statusCode: null, response: null, createdAt: now, expiresAt },
          setWhere: lte(idempotencyKeys.expiresAt, now),
        })
        .returning({ key: idempotencyKeys.key });
      if (claimed.length > 0) {
        const value = await fn(tx);
        const [stored] = await tx
          .update(idempotencyKeys)
          .set({ statusCode: DONE, response: value ?? null })
          .where(where)
          .returning({ response: idempotencyKeys.response });
        return { kind: 'fresh', value: stored!.response as T };
      }
      const [row] = await tx
        .select({ requestHash: idempotencyKeys.requestHash, statusCode: idempotencyKeys.statusCode, response: idempotencyKeys.response })
        .from(idempotencyKeys)
        .where(where);
      if (!row) continue;
      if (row.requestHash !== requestHash) return { kind: 'mismatch' };
      if (row.statusCode === null) throw new Error(`idempotency key ${scope}/${key} holds no answer: written by something other than runIdempotent`);
      return { kind: 'replay', value: row.response as T };
    }
    throw new Error(`idempotency key ${scope}/${key} could not be claimed`);
  });
}

/**
 * The committed answer for (scope, key) without claiming it: null when there is none (or it has expired),
 * 'mismatch' when the key was used for another request. Lets a caller hand back a retry's answer before
 * spending work (photo processing, a proof of work) that runIdempotent would only throw away.
 */
export async function storedAnswer<T>(
  db: Db,
  { scope, key, requestHash, now = new Date() }: Pick<IdempotencyOptions, 'scope' | 'key' | 'requestHash' | 'now'>,
): Promise<{ kind: 'replay'; value: T } | { kind: 'mismatch' } | null> {
  const [row] = await db
    .select({ requestHash: idempotencyKeys.requestHash, statusCode: idempotencyKeys.statusCode, response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), gt(idempotencyKeys.expiresAt, now)));
  if (!row) return null;
  if (row.requestHash !== requestHash) return { kind: 'mismatch' };
  return row.statusCode === null ? null : { kind: 'replay', value: row.response as T };
}

/** A digest of what a request asks for, for `requestHash`: SHA-256 of its JSON with object keys sorted. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(stableJson(request)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => stableJson(v ?? null)).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Deletes keys whose replay window has ended (report, open311 and spent proof-of-work solutions); returns how many. */
export async function pruneIdempotencyKeys(db: Db, now: Date = new Date()): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with gone as (delete from ${idempotencyKeys} where ${lte(idempotencyKeys.expiresAt, now)} returning 1) select count(*)::int as n from gone`,
  );
  return row!.n;
}

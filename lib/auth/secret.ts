/**
 * The server secret: AUTH_SECRET when set (required in production), else one random secret per
 * database, created on first use and kept in settings `auth.secret`. It signs staff sessions and, through
 * `derivedSecret`, proof-of-work challenges and device hashes, so every function instance agrees on it.
 */
import 'server-only';
import { createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { settings } from '../db/schema';
import { env } from '../env';

// One lookup per database handle per process; a failed lookup is not kept.
const cache = new WeakMap<Db | Tx, Promise<string>>();

export function serverSecret(db: Db | Tx): Promise<string> {
  let secret = cache.get(db);
  if (!secret) {
    secret = readSecret(db).catch((error: unknown) => {
      cache.delete(db);
      throw error;
    });
    cache.set(db, secret);
  }
  return secret;
}

async function readSecret(db: Db | Tx): Promise<string> {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === 'production' && !e.demoMode) throw new Error('AUTH_SECRET 未设置：生产环境必须设置至少 32 个字符的 AUTH_SECRET');
  // Local and demo use: the first instance to get here writes it, every other one reads that row.
  await db.insert(settings).values({ key: 'auth.secret', value: randomBytes(32).toString('hex') }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'auth.secret'));
  return String(row!.value);
}

/** A sub-key for one purpose (e.g. 'pow.challenge'), so no two uses ever share the raw secret. */
export function derivedSecret(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(`luzhang:${purpose}`).digest('hex');
}

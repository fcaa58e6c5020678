/**
 * API keys for Open311 clients (12345 平台, a mini-program…): admins issue them (the key is shown once; only
 * its sha256 is kept), see them and revoke them, each step audited; POST requests verify them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys } from '../db/schema';
import { writeAudit } from '../audit/queries';

export interface KeyActor {
  id: number | null;
  label: string;
  ip?: string | null;
}

const KEY_PREFIX = 'lz_';
const PREFIX_SHOWN = 10; // 'lz_' and 7 characters: enough to tell keys apart, far too few to guess one
export const RATE_PER_HOUR_MAX = 10_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export type IssueResult = { ok: true; id: number; key: string; prefix: string } | { ok: false; message: string };

/** A new key for `name`; the returned `key` is the only time anyone sees it. */
export async function issueApiKey(db: Db, { actor, name, ratePerHour }: { actor: KeyActor; name: string; ratePerHour: number }): Promise<IssueResult> {
  const holder = name.normalize('NFC').trim();
  if (holder === '' || [...holder].length > 60) return { ok: false, message: '请填写使用方名称（1–60 个字），如“12345 平台”。' };
  if (!Number.isInteger(ratePerHour) || ratePerHour < 1 || ratePerHour > RATE_PER_HOUR_MAX) {
    return { ok: false, message: `每小时提交上限应为 1 到 ${RATE_PER_HOUR_MAX} 之间的整数。` };
  }
  const key = KEY_PREFIX + randomBytes(24).toString('base64url');
  const prefix = key.slice(0, PREFIX_SHOWN);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(apiKeys).values({ name: holder, prefix, keyHash: hashApiKey(key), ratePerHour, createdBy: actor.id }).returning({ id: apiKeys.id });
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorLabel: actor.label,
      action: 'api_key.issue',
      entityType: 'api_key',
      entityId: row!.id,
      ip: actor.ip,
      detail: { name: holder, prefix, ratePerHour },
    });
    return { ok: true as const, id: row!.id, key, prefix };
  });
}

export async function listApiKeys(db: Db) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      ratePerHour: apiKeys.ratePerHour,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes a key at once; revoking a revoked key changes nothing. */
export async function revokeApiKey(db: Db, { actor, id }: { actor: KeyActor; id: number }): Promise<{ ok: boolean; message: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id)).for('update');
    if (!row) return { ok: false, message: '没有这个 API 密钥。' };
    if (row.revokedAt) return { ok: true, message: `“${row.name}”的密钥（${row.prefix}…）早已吊销。` };
    await tx.update(apiKeys).set({ revokedAt: sql`now()` }).where(eq(apiKeys.id, id));
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: 'api_key.revoke', entityType: 'api_key', entityId: id, ip: actor.ip, detail: { name: row.name, prefix: row.prefix } });
    return { ok: true, message: `已吊销“${row.name}”的密钥（${row.prefix}…），使用它的提交会立即被拒绝。` };
  });
}

export type KeyCheck =
  | { ok: true; id: number; name: string; ratePerHour: number }
  | { ok: false; error: 'missing' | 'invalid' | 'revoked'; message: string };

/** Who an api_key belongs to, by its hash (an unknown key costs the same one indexed read). */
export async function verifyApiKey(db: Db, key: string | null | undefined, now: Date = new Date()): Promise<KeyCheck> {
  const k = (key ?? '').trim();
  if (k === '') return { ok: false, error: 'missing', message: '缺少 api_key：提交问题需要区城管局发放的 API 密钥。' };
  if (k.length > 200) return { ok: false, error: 'invalid', message: 'api_key 无效，无法提交（create_request）。' };
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, ratePerHour: apiKeys.ratePerHour, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashApiKey(k)));
  if (!row) return { ok: false, error: 'invalid', message: 'api_key 无效，无法提交（create_request）。' };
  if (row.revokedAt && row.revokedAt.getTime() <= now.getTime()) return { ok: false, error: 'revoked', message: 'api_key 已被吊销，无法提交；请联系区城管局重新申请。' };
  return { ok: true, id: row.id, name: row.name, ratePerHour: row.ratePerHour };
}

/** Notes when a key was last used (after a successful submission). */
export async function touchApiKey(db: Db, id: number, now: Date = new Date()): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
}

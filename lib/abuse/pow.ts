/**
 * Self-hosted proof of work for the public forms (altcha-lib v2, PBKDF2/SHA-256 in deterministic mode):
 * the server picks a secret counter, signs the challenge and the key that counter derives, and the browser
 * must find the counter by trying 0, 1, 2, … (pow-client.ts). Checking a solution is two HMACs, so a flood
 * of bogus solutions costs the server nothing. A solution is accepted once: its challenge signature is
 * recorded in `idempotency_keys` (scope 'pow') until the challenge expires.
 *
 * The payload the form posts is base64 of the JSON `{ challenge, solution }` (see encodePowPayload).
 */
import 'server-only';
import { createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { z } from 'zod';
import type { Db, Tx } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import { derivedSecret, serverSecret } from '../auth/secret';
import { getSettings } from '../settings/queries';

export type PowChallenge = Challenge;
export type PowCheck = { ok: true } | { ok: false; code: 'missing' | 'malformed' | 'invalid' | 'expired' | 'replayed'; message: string };

export const POW_ALGORITHM = 'PBKDF2/SHA-256';
export const POW_TTL_SECONDS = 600;
const POW_SCOPE = 'pow';
/** A real payload is ~1 kB; anything far bigger is refused before it is decoded. */
const MAX_PAYLOAD_CHARS = 4096;

const MESSAGES: Record<Exclude<PowCheck, { ok: true }>['code'], string> = {
  missing: '页面还没有完成安全验证，请稍候几秒再提交。',
  malformed: '安全验证数据有误，请刷新页面后重新提交。',
  invalid: '安全验证未通过，请刷新页面后重新提交。',
  expired: '页面停留太久，安全验证已过期，请重新提交。',
  replayed: '这份安全验证已经用过，请重新提交。',
};

async function secrets(db: Db | Tx) {
  const secret = await serverSecret(db);
  return { challenge: derivedSecret(secret, 'pow.challenge'), key: derivedSecret(secret, 'pow.key') };
}

/** A new challenge for the browser: JSON-serialisable, signed with the server secret, expires in 10 minutes. */
export async function createPowChallenge(db: Db, now: Date = new Date()): Promise<PowChallenge> {
  const settings = await getSettings(db, ['report.powCost', 'report.powMaxCounter']);
  const cost = Math.max(1, Math.round(settings['report.powCost']));
  const maxCounter = Math.max(2, Math.round(settings['report.powMaxCounter']));
  const { challenge, key } = await secrets(db);
  return createChallenge({
    algorithm: POW_ALGORITHM,
    cost,
    // From the upper half of the range: every challenge costs between half and all of the budget.
    counter: randomInt(maxCounter, Math.ceil(maxCounter / 2)),
    deriveKey,
    expiresAt: new Date(now.getTime() + POW_TTL_SECONDS * 1000),
    hmacSignatureSecret: challenge,
    hmacKeySignatureSecret: key,
  });
}

const hex = (length?: number) => (length ? z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`)) : z.string().regex(/^(?:[0-9a-f]{2}){1,64}$/));

const payloadSchema = z.object({
  challenge: z.object({
    parameters: z.object({
      algorithm: z.string().max(32),
      nonce: hex(),
      salt: hex(),
      cost: z.number().int().positive(),
      keyLength: z.number().int().min(1).max(64),
      keyPrefix: hex(),
      keySignature: hex(64),
      expiresAt: z.number().int().positive(),
    }),
    signature: hex(64),
  }),
  solution: z.object({ counter: z.number().int().min(0).max(0xffffffff), derivedKey: z.string().max(256) }),
});

function refusal(code: Exclude<PowCheck, { ok: true }>['code']): PowCheck {
  return { ok: false, code, message: MESSAGES[code] };
}

function decode(payload: string): z.infer<typeof payloadSchema> | null {
  if (payload.length > MAX_PAYLOAD_CHARS || !/^[A-Za-z0-9+/]+={0,2}$/.test(payload)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  // Checked for shape only: the original object goes on to verification, so an added or removed field
  // changes what was signed and fails the signature.
  return payloadSchema.safeParse(json).success ? (json as z.infer<typeof payloadSchema>) : null;
}

/**
 * Checks the payload the browser posted (the form's `pow` field) and spends it. Never throws for bad
 * input. Give it the transaction of the action it guards, so a failed action does not spend the solution.
 */
export async function verifyPow(db: Db | Tx, payload: string | null | undefined, now: Date = new Date()): Promise<PowCheck> {
  if (typeof payload !== 'string' || payload.trim() === '') return refusal('missing');
  const decoded = decode(payload.trim());
  if (!decoded) return refusal('malformed');
  const { challenge, solution } = decoded;
  if (challenge.parameters.algorithm !== POW_ALGORITHM) return refusal('invalid');

  const { challenge: challengeSecret, key: keySecret } = await secrets(db);
  let verified: Awaited<ReturnType<typeof verifySolution>>;
  try {
    verified = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: challengeSecret, hmacKeySignatureSecret: keySecret });
  } catch {
    return refusal('malformed');
  }
  if (verified.expired) return refusal('expired');
  if (!verified.verified) return refusal('invalid');
  const expiresAt = new Date(challenge.parameters.expiresAt * 1000);
  if (expiresAt <= now) return refusal('expired');

  // Spend it: the first insert of this signature wins; a concurrent second waits for the first to commit.
  const spent = await db
    .insert(idempotencyKeys)
    .values({ scope: POW_SCOPE, key: challenge.signature, requestHash: solution.derivedKey, statusCode: 200, createdAt: now, expiresAt })
    .onConflictDoNothing({ target: [idempotencyKeys.scope, idempotencyKeys.key] })
    .returning({ key: idempotencyKeys.key });
  return spent.length > 0 ? { ok: true } : refusal('replayed');
}

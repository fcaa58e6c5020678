/**
 * Browser side of the proof of work: fetch a challenge from /api/pow, solve it with altcha-lib and
 * WebCrypto (in Web Workers where the browser allows, else on the page, which WebCrypto keeps responsive),
 * and hand back the payload string the form posts. Safe to import from a 'use client' component: no Node
 * built-ins, ~3 kB gzipped.
 */
import { solveChallenge, solveChallengeWorkers, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';

/** What GET /api/pow returns under `challenge` (altcha-lib v2, signed by the server, 10 minutes). */
export type PowChallenge = Challenge;

/** The form field that carries the payload. */
export const POW_FIELD = 'pow';

const SOLVE_TIMEOUT_MS = 60_000;

/**
 * Solves a challenge; resolves to the payload string for the form: base64 of the JSON
 * `{ challenge, solution }` (the altcha widget's format). Rejects with a Chinese message on timeout,
 * or when `signal` aborts.
 */
export async function solvePow(challenge: PowChallenge, options: { signal?: AbortSignal } = {}): Promise<string> {
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  let solution: Solution | null = null;
  let solved = false;
  if (typeof Worker !== 'undefined') {
    try {
      solution = await solveChallengeWorkers({
        challenge,
        concurrency: workerCount(),
        createWorker: () => new Worker(new URL('./pow-worker.ts', import.meta.url), { type: 'module' }),
        controller,
        timeout: SOLVE_TIMEOUT_MS,
      });
      solved = true;
    } catch {
      // Workers blocked (CSP, an old in-app browser) or failed to load: solve on the page instead.
    }
  }
  if (!solved && !controller.signal.aborted) {
    solution = await solveChallenge({ challenge, deriveKey, controller, timeout: SOLVE_TIMEOUT_MS });
  }
  if (controller.signal.aborted) throw new Error('安全验证已取消。');
  if (!solution) throw new Error('安全验证超时，请刷新页面后重试。');
  return encodePowPayload(challenge, solution);
}

/** Fetches a fresh challenge and solves it: the payload for the form's `pow` field. */
export async function fetchAndSolvePow(options: { signal?: AbortSignal; url?: string } = {}): Promise<string> {
  let challenge: PowChallenge;
  try {
    const response = await fetch(options.url ?? '/api/pow', { cache: 'no-store', signal: options.signal });
    if (!response.ok) throw new Error(String(response.status));
    ({ challenge } = (await response.json()) as { challenge: PowChallenge });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new Error('无法获取安全验证，请检查网络后重试。');
  }
  return solvePow(challenge, { signal: options.signal });
}

/** The payload format verifyPow reads: base64(JSON { challenge: { parameters, signature }, solution: { counter, derivedKey } }). */
export function encodePowPayload(challenge: PowChallenge, solution: Solution): string {
  const json = JSON.stringify({
    challenge: { parameters: challenge.parameters, signature: challenge.signature },
    solution: { counter: solution.counter, derivedKey: solution.derivedKey },
  });
  // The JSON is ASCII (hex, numbers, our own keys), so btoa needs no UTF-8 step.
  return btoa(json);
}

/**
 * Whether a payload's challenge is still good for `marginSeconds` more: a page left open longer than the
 * challenge's 10 minutes should solve a new one before submitting rather than be refused.
 */
export function powPayloadFresh(payload: string | null | undefined, marginSeconds = 60, now: Date = new Date()): boolean {
  try {
    const expiresAt = (JSON.parse(atob(payload ?? '')) as { challenge?: { parameters?: { expiresAt?: unknown } } }).challenge?.parameters?.expiresAt;
    return typeof expiresAt === 'number' && expiresAt * 1000 - marginSeconds * 1000 > now.getTime();
  } catch {
    return false;
  }
}

function workerCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
  // Phones report their little cores too; four workers is where the gain flattens.
  return Math.max(1, Math.min(4, cores));
}

/**
 * The access a successful lookup grants to one case, kept in an httpOnly cookie scoped to that case's
 * path: an expiry and an HMAC over the case number, its lookup code and the expiry. Nothing is stored
 * server-side; a reissued lookup code or a new server secret ends every earlier access.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TRACK_COOKIE = 'lz_track';
export const TRACK_ACCESS_DAYS = 30;

function mac(secret: string, number: string, lookupCode: string, expires: number): Buffer {
  return createHmac('sha256', secret).update(`track-access:v1|${number}|${lookupCode}|${expires}`).digest();
}

/** The cookie value: `{expiry in Unix seconds}.{base64url HMAC}`. */
export function signTrackAccess({ secret, number, lookupCode, now }: { secret: string; number: string; lookupCode: string; now: Date }): string {
  const expires = Math.floor(now.getTime() / 1000) + TRACK_ACCESS_DAYS * 86_400;
  return `${expires}.${mac(secret, number, lookupCode, expires).toString('base64url')}`;
}

/** True only for an unexpired token made with this secret for this case and code. Never throws. */
export function verifyTrackAccess({
  secret,
  number,
  lookupCode,
  token,
  now,
}: {
  secret: string;
  number: string;
  lookupCode: string;
  token: string | null | undefined;
  now: Date;
}): boolean {
  if (!token || token.length > 200) return false;
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expires = Number(match[1]);
  if (expires * 1000 <= now.getTime()) return false;
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = mac(secret, number, lookupCode, expires);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Cookie attributes: only this case's pages and photos receive it. */
export function trackCookieOptions(number: string, secure: boolean) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: `/track/${number}`,
    maxAge: TRACK_ACCESS_DAYS * 86_400,
  };
}

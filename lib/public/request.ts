/**
 * Who is asking, for a public server action or route handler: the client IP and a device hash from the
 * device cookie, which is issued here on the first write (only actions and route handlers may set cookies).
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import type { Db } from '../db/client';
import { clientIp, DEVICE_COOKIE, deviceHash, newDeviceId, validDeviceId } from '../abuse/client';
import { derivedSecret, serverSecret } from '../auth/secret';

const DEVICE_COOKIE_MAX_AGE = 400 * 24 * 3600; // the longest browsers keep a cookie

/** Behind Vercel or a TLS proxy the request arrives as http with x-forwarded-proto: https. */
export function isHttps(h: Headers): boolean {
  return h.get('x-forwarded-proto') === 'https';
}

export async function requestIdentity(db: Db, { countNewDevice = false }: { countNewDevice?: boolean } = {}): Promise<{ ip: string; deviceHash: string | null }> {
  const [h, jar] = await Promise.all([headers(), cookies()]);
  const ip = clientIp(h);
  const existing = jar.get(DEVICE_COOKIE)?.value;
  if (validDeviceId(existing)) return { ip, deviceHash: deviceHash(existing, derivedSecret(await serverSecret(db), 'device')) };
  // A first visit (or a cookie someone made up): start a device, but do not count this request against one
  // unless the caller asks (点赞: once per device, and the first tap is already one).
  const id = newDeviceId();
  jar.set(DEVICE_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: isHttps(h), path: '/', maxAge: DEVICE_COOKIE_MAX_AGE });
  return { ip, deviceHash: countNewDevice ? deviceHash(id, derivedSecret(await serverSecret(db), 'device')) : null };
}

/**
 * Whether a state-changing public request comes from this site's own pages: its Origin (or, without one,
 * its Referer) names the host it was sent to. A request with neither (an old browser) is let through.
 */
export function sameOrigin(request: Request): boolean {
  const from = request.headers.get('origin') ?? request.headers.get('referer');
  if (!from) return true;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(from).host === host;
  } catch {
    return false;
  }
}

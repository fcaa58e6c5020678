/**
 * The request side of 查进度 access for pages, actions and route handlers: the derived secret that signs
 * access tokens, and reading and setting the case-scoped cookie.
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import type { Db } from '../db/client';
import { derivedSecret, serverSecret } from '../auth/secret';
import { isHttps } from '../public/request';
import { TRACK_COOKIE, trackCookieOptions } from './track-access';

export async function trackSecret(db: Db): Promise<string> {
  return derivedSecret(await serverSecret(db), 'track.access');
}

/** The access token the browser sent; the cookie's path means it is only ever the one for this case. */
export async function readTrackToken(): Promise<string | undefined> {
  return (await cookies()).get(TRACK_COOKIE)?.value;
}

/** Remembers a successful lookup (server actions only: pages cannot set cookies). */
export async function grantTrackAccess(number: string, token: string): Promise<void> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  jar.set(TRACK_COOKIE, token, trackCookieOptions(number, isHttps(h)));
}

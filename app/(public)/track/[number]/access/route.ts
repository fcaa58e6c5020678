/**
 * /track/{number}/access?code=…: where a receipt's link lands (via the case page, which cannot set
 * cookies). Looks the pair up like the form does, remembers access and sends the browser to the clean
 * case URL; a refusal goes back to the case page's form with the reason in the query string.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { clientIp } from '@/lib/abuse/client';
import { lookupTrackedCase } from '@/lib/cases/track';
import { TRACK_COOKIE, trackCookieOptions } from '@/lib/cases/track-access';
import { trackSecret } from '@/lib/cases/track-session';
import { isHttps } from '@/lib/public/request';
import { getDb } from '@/lib/db';
import { normalizeCaseNumber } from '@/lib/domain/case-number';
import { parseTrackLookup } from '@/lib/domain/track-input';

/** A relative redirect: right behind any proxy, whatever host the request came in on. */
function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' } });
}

export async function GET(request: NextRequest, { params }: { params: Promise<{ number: string }> }) {
  let raw = '';
  try {
    raw = decodeURIComponent((await params).number);
  } catch {
    /* not a case number */
  }
  const number = raw.length <= 40 ? normalizeCaseNumber(raw) : null;
  if (!number) return seeOther('/track');
  const code = (request.nextUrl.searchParams.get('code') ?? '').slice(0, 20);
  const back = (query: Record<string, string>) => seeOther(`/track/${number}?${new URLSearchParams({ ...query, c: code })}`);
  const parsed = parseTrackLookup({ number, code });
  if (!parsed.ok) return back({ e: 'code' });

  const db = await getDb();
  const result = await lookupTrackedCase(db, { lookup: parsed.value, ip: clientIp(request.headers), secret: await trackSecret(db) });
  if (!result.ok) {
    return result.error === 'rate_limited' ? back({ e: 'busy', s: result.scope, w: String(result.retryAfterSeconds) }) : back({ e: 'not_found' });
  }
  const response = seeOther(`/track/${result.number}`);
  response.cookies.set(TRACK_COOKIE, result.token, trackCookieOptions(result.number, isHttps(request.headers)));
  return response;
}

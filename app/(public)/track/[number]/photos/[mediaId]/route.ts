/**
 * /track/{number}/photos/{mediaId}(?size=large): a photo of a case the browser has access to (the
 * case-scoped cookie), only if it belongs to that case and may be shown now. Never cached by shared caches.
 */
import type { NextRequest } from 'next/server';
import { authorizedCase, getCitizenPhoto } from '@/lib/cases/track';
import { TRACK_COOKIE } from '@/lib/cases/track-access';
import { trackSecret } from '@/lib/cases/track-session';
import { getDb } from '@/lib/db';
import { normalizeCaseNumber } from '@/lib/domain/case-number';

function refuse(status: 403 | 404, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' } });
}

export async function GET(request: NextRequest, { params }: { params: Promise<{ number: string; mediaId: string }> }) {
  const { number: rawNumber, mediaId: rawId } = await params;
  const number = rawNumber.length <= 40 ? normalizeCaseNumber(rawNumber) : null;
  if (!number || number !== rawNumber || !/^[1-9]\d{0,9}$/.test(rawId) || Number(rawId) > 2_147_483_647) {
    return refuse(404, '照片不存在。');
  }
  const db = await getDb();
  const access = await authorizedCase(db, { number, token: request.cookies.get(TRACK_COOKIE)?.value, secret: await trackSecret(db) });
  if (!access) return refuse(403, '请先凭案件编号和查询码查询，再查看照片。');
  const size = request.nextUrl.searchParams.get('size') === 'large' ? 'large' : 'thumb';
  const photo = await getCitizenPhoto(db, { caseId: access.caseId, mediaId: Number(rawId), size });
  if (!photo) return refuse(404, '照片不存在，或不属于这件案件。');
  const headers = {
    'Content-Type': photo.contentType,
    'Cache-Control': 'private, max-age=3600',
    ETag: photo.etag,
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': 'inline',
  };
  if (request.headers.get('if-none-match') === photo.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(photo.data), { headers });
}

/**
 * /open311/media/{number}/{mediaId}.jpg: a 处置后 photo of a case staff marked public, the 1600 px copy (the
 * `media_url` of GET requests and the `photo_url` of the open-data files).
 */
import { getDb } from '@/lib/db';
import { getPublicCasePhoto } from '@/lib/cases/public-case';
import { normalizeCaseNumber } from '@/lib/domain/case-number';

export const dynamic = 'force-dynamic';

function notFound() {
  return new Response('照片不存在，或所属案件未公开。', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export async function GET(_request: Request, { params }: { params: Promise<{ number: string; file: string }> }) {
  const { number: rawNumber, file } = await params;
  const number = rawNumber.length <= 40 ? normalizeCaseNumber(rawNumber) : null;
  const m = /^([1-9]\d{0,9})\.jpg$/.exec(file);
  if (!number || number !== rawNumber || !m || Number(m[1]) > 2_147_483_647) return notFound();
  const db = await getDb();
  const photo = await getPublicCasePhoto(db, { number, mediaId: Number(m[1]) });
  if (!photo) return notFound();
  return new Response(new Uint8Array(photo.data), {
    headers: { 'Content-Type': photo.contentType, 'Cache-Control': 'public, max-age=300', ETag: photo.etag, 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*' },
  });
}

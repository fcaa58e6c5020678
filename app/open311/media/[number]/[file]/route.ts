/** /open311/media/{number}/{mediaId}.jpg: a report photo of a case staff marked public (the `media_url` of GET requests). */
import { getDb } from '@/lib/db';
import { getCitizenPhoto } from '@/lib/cases/track';
import { normalizeCaseNumber } from '@/lib/domain/case-number';
import { publicCaseId } from '@/lib/open311/queries';

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
  const caseId = await publicCaseId(db, number);
  const photo = caseId ? await getCitizenPhoto(db, { caseId, mediaId: Number(m[1]), size: 'large' }) : null;
  if (!photo) return notFound();
  return new Response(new Uint8Array(photo.data), {
    headers: { 'Content-Type': photo.contentType, 'Cache-Control': 'public, max-age=300', ETag: photo.etag, 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*' },
  });
}

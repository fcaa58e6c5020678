/** A photo attached to an appeal, for inspectors and admins (street-scoped staff: their street only). `?size=thumb` for the 400 px one. */
import { connection } from 'next/server';
import { staffOrResponse } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { getAppealPhoto } from '@/lib/ratings/appeals';

const idOf = (s: string) => (/^\d{1,10}$/.test(s) && Number(s) <= 2_147_483_647 ? Number(s) : null);

export async function GET(request: Request, { params }: { params: Promise<{ id: string; mediaId: string }> }) {
  await connection();
  const staff = await staffOrResponse(['admin', 'inspector']);
  if (staff instanceof Response) return staff;
  const p = await params;
  const appealId = idOf(p.id);
  const mediaId = idOf(p.mediaId);
  const notFound = () => new Response('没有这张照片', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (appealId === null || mediaId === null) return notFound();
  const size = new URL(request.url).searchParams.get('size') === 'thumb' ? 'thumb' : 'large';
  const streetId = staff.scopeType === 'street' && staff.scopeAreaId !== null ? staff.scopeAreaId : undefined;
  const photo = await getAppealPhoto(await getDb(), { appealId, mediaId, size, streetId });
  if (!photo) return notFound();
  if (request.headers.get('if-none-match') === photo.etag) return new Response(null, { status: 304, headers: { etag: photo.etag } });
  return new Response(new Uint8Array(photo.data), {
    headers: { 'content-type': photo.contentType, etag: photo.etag, 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff' },
  });
}

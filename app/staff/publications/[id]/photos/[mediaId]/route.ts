/** /staff/publications/{id}/photos/{mediaId}: a photo of an entry (its source or its masked derivative), for publicity staff only. */
import { staffOrResponse } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { getStaffPublicationPhoto } from '@/lib/publications/queries';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; mediaId: string }> }) {
  const staff = await staffOrResponse(['publicity', 'admin']);
  if (staff instanceof Response) return staff;
  const { id, mediaId } = await params;
  const notFound = () => new Response('照片不存在。', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  if (!/^[1-9]\d{0,8}$/.test(id) || !/^[1-9]\d{0,8}$/.test(mediaId)) return notFound();
  const photo = await getStaffPublicationPhoto(await getDb(), { id: Number(id), mediaId: Number(mediaId) });
  if (!photo) return notFound();
  return new Response(new Uint8Array(photo.data!), {
    headers: { 'Content-Type': photo.contentType, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

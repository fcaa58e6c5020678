import { connection } from 'next/server';
import { staffOrResponse } from '@/lib/auth/staff';
import { getStaffPhoto } from '@/lib/cases/staff-queries';
import { loadFlowCase, staffFlowActor } from '@/lib/cases/transitions';
import { getDb } from '@/lib/db';
import { inScope } from '@/lib/domain/case-flow';

const CASE_ROLES = ['admin', 'dispatcher', 'handler', 'inspector'] as const;
const idOf = (s: string) => (/^\d{1,10}$/.test(s) && Number(s) <= 2_147_483_647 ? Number(s) : null);

/** A case photo for staff (any role: report, before, after), for those whose role and scope cover the case. `?size=thumb` for the 400 px one. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; mediaId: string }> }) {
  await connection();
  const staff = await staffOrResponse(CASE_ROLES);
  if (staff instanceof Response) return staff;
  const p = await params;
  const caseId = idOf(p.id);
  const mediaId = idOf(p.mediaId);
  const notFound = () => new Response('没有这张照片', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (caseId === null || mediaId === null) return notFound();
  const db = await getDb();
  const c = await loadFlowCase(db, { caseId });
  if (!c) return notFound();
  if (!inScope(staffFlowActor(staff), c.flow)) return new Response('这件案件不在你的管辖范围内', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const size = new URL(request.url).searchParams.get('size') === 'thumb' ? 'thumb' : 'large';
  const photo = await getStaffPhoto(db, { caseId, mediaId, size });
  if (!photo) return notFound();
  if (request.headers.get('if-none-match') === photo.etag) return new Response(null, { status: 304, headers: { etag: photo.etag } });
  return new Response(new Uint8Array(photo.data), {
    headers: { 'content-type': photo.contentType, etag: photo.etag, 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff' },
  });
}

/** GET /api/segments/nearest?lat=&lng= — the segment nearest to a phone's location, for 使用我的位置 on the report form. */
import { getDb } from '@/lib/db';
import { nearestSegment } from '@/lib/reports/queries';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const url = new URL(request.url);
  const lat = Number(url.searchParams.get('lat'));
  const lng = Number(url.searchParams.get('lng'));
  if (!url.searchParams.get('lat') || !url.searchParams.get('lng') || !Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    return Response.json({ message: '位置信息无效。' }, { status: 400 });
  }
  const segment = await nearestSegment(await getDb(), lat, lng);
  return Response.json({ segment }, { headers: { 'Cache-Control': 'no-store' } });
}

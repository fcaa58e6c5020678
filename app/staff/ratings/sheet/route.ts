import { Readable } from 'node:stream';
import { type NextRequest } from 'next/server';
import { staffOrResponse } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { monthLabel, monthStart } from '@/lib/domain/rating-grid';
import { ratingSheet } from '@/lib/ratings/import';
import { mayRateStreet } from '@/lib/ratings/queries';

const plain = (text: string, status: number) => new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** GET /staff/ratings/sheet?street=ID&month=YYYY-MM — the street's 评比表 for the month, to fill in and import. */
export async function GET(request: NextRequest) {
  const staff = await staffOrResponse(['admin', 'inspector']);
  if (staff instanceof Response) return staff;
  const streetId = Number(request.nextUrl.searchParams.get('street'));
  const month = monthStart(request.nextUrl.searchParams.get('month') ?? '');
  if (!Number.isInteger(streetId) || streetId <= 0 || !month) return plain('参数有误：需要 street（街道）和 month（YYYY-MM）。', 400);
  if (!mayRateStreet(staff, streetId)) return plain('您只能下载本街道的评比表。', 403);
  const sheet = await ratingSheet(await getDb(), { streetId, month });
  if (!sheet) return plain('没有这个街道。', 404);
  const name = `红黑旗评比表-${monthLabel(month)}.xlsx`;
  return new Response(Readable.toWeb(sheet) as ReadableStream, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="ratings-${month.slice(0, 7)}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    },
  });
}

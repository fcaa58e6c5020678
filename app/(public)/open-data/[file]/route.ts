/** GET /open-data/cases-YYYY-MM.csv|.json — one complete month of cases, anonymised (see /open-data for the fields). */
import { getDb } from '@/lib/db';
import { env } from '@/lib/env';
import { monthOf, parseOpenDataFile, toCsv } from '@/lib/domain/stats';
import { getDistrict, listOpenDataCases, type OpenDataCase } from '@/lib/stats/queries';
import { OPEN_DATA_FIELDS, OPEN_DATA_LICENCE } from '@/lib/stats/open-data';
import { attachment } from '@/lib/stats/tables';

const text = (body: string, status: number) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const parsed = parseOpenDataFile(file);
  if (!parsed) return text('没有这个文件。文件名应为 cases-年-月.csv 或 cases-年-月.json，例如 cases-2026-10.csv。', 404);
  const { month, format } = parsed;
  // Only complete months: a month still running would change under a downloader's feet.
  if (month >= monthOf(new Date())) return text(`${month} 尚未结束，月度数据在次月初发布。`, 404);
  const db = await getDb();
  const district = await getDistrict(db);
  if (!district) return text('尚未录入辖区数据。', 404);
  const rows = await listOpenDataCases(db, { districtId: district.id, month, baseUrl: env().PUBLIC_BASE_URL });
  const headers = {
    // A past month changes rarely (a late closure, a reopened case): a day's caching is fair.
    'cache-control': 'public, max-age=3600, s-maxage=86400',
    'access-control-allow-origin': '*',
  };
  if (format === 'json') {
    const body = { district: district.name, month, licence: OPEN_DATA_LICENCE.name, licence_url: OPEN_DATA_LICENCE.url, generated_at: new Date().toISOString(), count: rows.length, cases: rows };
    return new Response(JSON.stringify(body), {
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-disposition': attachment(`cases-${month}.json`, `cases-${month}.json`) },
    });
  }
  const keys = OPEN_DATA_FIELDS.map((f) => f.name) as (keyof OpenDataCase)[];
  const csv = toCsv(
    keys,
    rows.map((r) => keys.map((k) => (r[k] === null ? null : typeof r[k] === 'boolean' ? (r[k] ? 'true' : 'false') : (r[k] as string | number)))),
  );
  return new Response(csv, {
    headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment(`cases-${month}.csv`, `cases-${month}.csv`) },
  });
}

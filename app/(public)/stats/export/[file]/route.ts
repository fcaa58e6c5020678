/** GET /stats/export/{table}.csv|.xlsx?from=&to=&street= — one /stats table as a download, same numbers as the page. */
import { getDb } from '@/lib/db';
import { parseStatsFilter } from '@/lib/domain/stats';
import { getCachedDistrictStats, getDistrict, listStreets } from '@/lib/stats/queries';
import { STATS_TABLE_KEYS, XLSX_TYPE, attachment, statsTable, tableCsv, tablesXlsx, type StatsTableKey } from '@/lib/stats/tables';

const text = (body: string, status: number) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const m = /^([a-z]+)\.(csv|xlsx)$/.exec(file);
  if (!m || !(STATS_TABLE_KEYS as readonly string[]).includes(m[1]!)) return text('没有这个统计表。可下载：monthly、categories、streets、satisfaction、flags（.csv 或 .xlsx）。', 404);
  const key = m[1] as StatsTableKey;
  const db = await getDb();
  const district = await getDistrict(db);
  if (!district) return text('尚未录入辖区数据。', 404);
  const url = new URL(request.url);
  const streets = await listStreets(db, { districtId: district.id });
  const parsed = parseStatsFilter(
    { from: url.searchParams.get('from'), to: url.searchParams.get('to'), street: url.searchParams.get('street') },
    new Date(),
    streets.map((s) => s.id),
  );
  if (!parsed.ok) return text(parsed.message, 400);
  const { filter } = parsed;
  const table = statsTable(await getCachedDistrictStats(db, { districtId: district.id, filter }), key);
  const street = filter.streetId === null ? district.name : streets.find((s) => s.id === filter.streetId)!.name;
  const base = `${table.key}-${filter.from}-${filter.to}`;
  const name = `${street}-${table.title}-${filter.from}至${filter.to}`;
  const headers = { 'cache-control': 'public, max-age=300' };
  if (m[2] === 'csv') {
    return new Response(tableCsv(table), {
      headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment(`${base}.csv`, `${name}.csv`) },
    });
  }
  const bytes = await tablesXlsx([table]);
  return new Response(new Uint8Array(bytes), {
    headers: { ...headers, 'content-type': XLSX_TYPE, 'content-disposition': attachment(`${base}.xlsx`, `${name}.xlsx`) },
  });
}

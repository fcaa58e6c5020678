/** A month's flags from Excel against the real database: problems by row and column, nothing half-written, locked months and unknown merchants refused. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, merchants, ratings, segments } from '@/lib/db/schema';
import { cstMonthStartIso } from '@/lib/domain/calendar';
import { problemText } from '@/lib/domain/ledger';
import { RATING_SHEET_COLUMNS } from '@/lib/domain/rating-sheet';
import { readFirstSheet, toBuffer } from '@/lib/ledger/xlsx';
import { dryRunRatingImport, importRatings, ratingSheet } from '@/lib/ratings/import';
import { lockRatingMonth } from '@/lib/ratings/queries';
import { openTestDb, type TestDb } from '../fixtures/db';

let t: TestDb;
let streetId: number;
let otherStreetId: number;
let codes: string[];
let segmentCode: string;
const now = new Date();
const month = cstMonthStartIso(now);
const district = { scopeType: 'district' as const, scopeAreaId: null };
const actor = { id: null, label: 'import-test' };
const headers = RATING_SHEET_COLUMNS.map((c) => c.header);

beforeAll(async () => {
  t = await openTestDb();
  const [m] = await t.db.select({ streetId: merchants.streetId }).from(merchants).orderBy(merchants.id).limit(1);
  streetId = m!.streetId;
  const rows = await t.db.select({ code: merchants.code }).from(merchants).where(and(eq(merchants.streetId, streetId), eq(merchants.active, true))).orderBy(merchants.code).limit(6);
  codes = rows.map((r) => r.code);
  const [s] = await t.db.select({ code: segments.code }).from(segments).where(eq(segments.streetId, streetId)).limit(1);
  segmentCode = s!.code;
  const [o] = await t.db.select({ streetId: merchants.streetId }).from(merchants).where(sql`${merchants.streetId} <> ${streetId}`).limit(1);
  otherStreetId = o!.streetId;
});
afterAll(() => t?.close());

async function xlsx(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评比');
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const texts = (run: { problems: Parameters<typeof problemText>[0][] }) => run.problems.map(problemText);

describe('rating import', () => {
  it('lists every problem by row and column and writes nothing', async () => {
    const bytes = await xlsx([
      headers,
      ['商户', codes[0], '', '黑旗', '乱堆乱放', ''],
      ['商户', 'QH-NOPE-1', '', '红旗', '', ''],
      ['商户', codes[1], '', '黑旗', '', ''],
      ['商户', codes[2], '', '紫旗', '', ''],
      ['商户', codes[0], '', '红旗', '', ''],
      ['路段', segmentCode, '', '无', '门前不洁', ''],
      ['商户', codes[3], '', '', '', ''],
      ['商户', codes[4], '', '', '乱堆乱放', ''],
    ]);
    const run = await dryRunRatingImport(t.db, { bytes, month, scope: district, now });
    expect(run.ok).toBe(false);
    expect(texts(run)).toEqual([
      '第 3 行 B 列（编号）：没有编号为「QH-NOPE-1」的商户。请核对编号（可下载本街道的评比表，其中已列出全部商户）。',
      '第 4 行 E 列（原因）：黑旗必须至少选择一个原因。',
      '第 5 行 D 列（评比结果）：「紫旗」不是可选值，应为：红旗、红、黑旗、黑、无、无旗、不评。',
      `第 6 行 B 列（编号）：商户「${codes[0]}」在第 2 行已经出现过：每个商户每月只能有一个评比结果。`,
      '第 7 行 E 列（原因）：评为「无」时不填原因。',
      '第 9 行 D 列（评比结果）：填写了原因时，评比结果必填（红旗、黑旗或无）。',
    ]);
    const result = await importRatings(t.db, { bytes, month, scope: district, actor, now });
    expect(result.ok).toBe(false);
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(ratings).where(eq(ratings.month, month));
    expect(n!.n).toBe(0);
  });

  it('refuses a file that is not an xlsx and a sheet with the wrong header, with the 台账’s messages', async () => {
    const csv = await dryRunRatingImport(t.db, { bytes: Buffer.from('对象,编号\n商户,QH-M1\n'), month, scope: district, now });
    expect(texts(csv)[0]).toContain('CSV');
    const wrong = await dryRunRatingImport(t.db, { bytes: await xlsx([['商户', '旗子'], ['x', 'y']]), month, scope: district, now });
    expect(texts(wrong).join('\n')).toContain('表头「旗子」不是红黑旗评比表的列');
  });

  it('refuses merchants of another street for a street-scoped inspector', async () => {
    const [o] = await t.db.select({ code: merchants.code }).from(merchants).where(eq(merchants.streetId, otherStreetId)).limit(1);
    const bytes = await xlsx([headers, ['商户', o!.code, '', '红旗', '', '']]);
    const run = await dryRunRatingImport(t.db, { bytes, month, scope: { scopeType: 'street', scopeAreaId: streetId }, now });
    expect(texts(run)[0]).toMatch(/^第 2 行 B 列（编号）：商户「.+」属于.+，您只能评比本街道的商户和路段。$/);
  });

  it('imports a good file whole, overwriting earlier flags, and audits it', async () => {
    const bytes = await xlsx([
      headers,
      ['商户', codes[0], '', '黑旗', '乱堆乱放、出店经营', '复查仍未整改'],
      ['商户', codes[1]!.toLowerCase(), '', '红', '门前整洁有序', ''],
      ['路段', segmentCode, '', '红旗', '', ''],
    ]);
    const result = await importRatings(t.db, { bytes, month, scope: district, actor, now });
    expect(result).toMatchObject({ ok: true, saved: 3 });
    const rows = await t.db
      .select({ code: merchants.code, flag: ratings.flag, reasons: ratings.reasons, note: ratings.note })
      .from(ratings)
      .innerJoin(merchants, eq(merchants.id, ratings.merchantId))
      .where(eq(ratings.month, month))
      .orderBy(merchants.code);
    expect(rows).toEqual([
      { code: codes[0], flag: 'black', reasons: ['piling', 'outside_business'], note: '复查仍未整改' },
      { code: codes[1], flag: 'red', reasons: ['tidy_front'], note: null },
    ]);
    const again = await importRatings(t.db, { bytes: await xlsx([headers, ['商户', codes[0], '', '红旗', '', '']]), month, scope: district, actor, now });
    expect(again.ok).toBe(true);
    const [first] = await t.db.select({ flag: ratings.flag }).from(ratings).innerJoin(merchants, eq(merchants.id, ratings.merchantId)).where(and(eq(merchants.code, codes[0]!), eq(ratings.month, month)));
    expect(first!.flag).toBe('red');
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'rating.import'));
    expect(audits).toHaveLength(2);
  });

  it('the street’s sheet lists its merchants with their flags and imports back unchanged', async () => {
    const sheet = await toBuffer((await ratingSheet(t.db, { streetId, month }))!);
    const rows: unknown[][] = [];
    for await (const r of readFirstSheet(sheet)) rows.push(r.cells);
    expect(rows[0]).toEqual(headers);
    expect(rows.some((r) => r[1] === codes[0] && r[3] === '红旗')).toBe(true);
    const run = await dryRunRatingImport(t.db, { bytes: sheet, month, scope: district, now });
    expect(texts(run)).toEqual([]);
  });

  it('a locked month refuses the import', async () => {
    expect((await lockRatingMonth(t.db, { streetId, month, actor, now })).ok).toBe(true);
    const run = await dryRunRatingImport(t.db, { bytes: await xlsx([headers, ['商户', codes[3], '', '红旗', '', '']]), month, scope: district, now });
    expect(texts(run)[0]).toMatch(/^第 2 行 B 列（编号）：.+的评比已锁定发布，不能再导入。$/);
  });
});

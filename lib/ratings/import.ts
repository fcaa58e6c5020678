/**
 * A month's red/black flags from Excel: the street's sheet to fill in (its merchants and segments with
 * the flags saved so far), a dry run that lists every problem by row and column with the 台账's reader
 * (lib/ledger), and an all-or-nothing import that overwrites the month's flags of the streets it names.
 */
import type { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../audit/queries';
import type { Db, Tx } from '../db/client';
import { areaUnits, merchants, ratingPeriods, segments } from '../db/schema';
import { cstMonthStartIso } from '../domain/calendar';
import type { LedgerProblem } from '../domain/ledger';
import { FLAG_LABEL, futureMonthMessage, monthLabel, reasonLabel, type Flag, type RatingReason } from '../domain/rating-grid';
import { at, matchRatingHeaders, parseRatingRow, RATING_SHEET_COLUMNS, RATING_SHEET_LABEL, type RatingSheetRow } from '../domain/rating-sheet';
import { MAX_LISTED_PROBLEMS, readSheetTable } from '../ledger/service';
import { streamWorkbook } from '../ledger/xlsx';
import { holdPeriod, loadRatingGrid, mayRateStreet, RatingRollback, writeCells, type Actor, type RatingScope, type RatingSubject } from './queries';

export interface PlannedCell {
  rowNumber: number;
  subject: RatingSubject;
  id: number;
  flag: Flag;
  reasons: RatingReason[];
  note: string | null;
}

export interface RatingDryRun {
  ok: boolean;
  month: string;
  rowCount: number;
  problems: LedgerProblem[];
  problemCount: number;
  summary: string[];
  byStreet: Map<number, PlannedCell[]>;
}

const chunked = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Reads and checks a month's sheet; writes nothing. Unknown merchants, other streets and locked months are problems. */
export async function dryRunRatingImport(
  db: Db | Tx,
  { bytes, month, scope, now = new Date() }: { bytes: Buffer; month: string; scope: RatingScope; now?: Date },
): Promise<RatingDryRun> {
  const problems: LedgerProblem[] = [];
  const byStreet = new Map<number, PlannedCell[]>();
  const result = (rowCount: number, summary: string[] = []): RatingDryRun => ({
    ok: problems.length === 0,
    month,
    rowCount,
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: problems.length,
    summary,
    byStreet,
  });
  const future = futureMonthMessage(month, cstMonthStartIso(now));
  if (future) {
    problems.push({ row: 0, message: future });
    return result(0);
  }
  const table = await readSheetTable<RatingSheetRow>(bytes, {
    label: RATING_SHEET_LABEL,
    headers: RATING_SHEET_COLUMNS.map((c) => c.header),
    match: matchRatingHeaders,
    parse: parseRatingRow,
  });
  problems.push(...table.problems);
  const columns = table.columns;
  if (!columns) return result(table.rows.length);

  // Resolve codes, a thousand at a time.
  const codes = (subject: RatingSubject) => [...new Set(table.rows.filter((r) => r.row.subject === subject && r.row.code).map((r) => r.row.code!))];
  const found = { merchant: new Map<string, Subject>(), segment: new Map<string, Subject>() };
  for (const part of chunked(codes('merchant'), 1000)) {
    for (const m of await db.select({ id: merchants.id, code: merchants.code, streetId: merchants.streetId, active: merchants.active }).from(merchants).where(inArray(merchants.code, part))) {
      found.merchant.set(m.code, m);
    }
  }
  for (const part of chunked(codes('segment'), 1000)) {
    for (const s of await db.select({ id: segments.id, code: segments.code, streetId: segments.streetId, active: segments.active }).from(segments).where(inArray(segments.code, part))) {
      found.segment.set(s.code, s);
    }
  }
  const streetIds = [...new Set([...found.merchant.values(), ...found.segment.values()].map((s) => s.streetId))];
  const streetNames = new Map<number, string>();
  const lockedStreets = new Set<number>();
  if (streetIds.length) {
    for (const s of await db.select({ id: areaUnits.id, name: areaUnits.name }).from(areaUnits).where(inArray(areaUnits.id, streetIds))) streetNames.set(s.id, s.name);
    const periods = await db
      .select({ streetId: ratingPeriods.streetId, lockedAt: ratingPeriods.lockedAt })
      .from(ratingPeriods)
      .where(and(inArray(ratingPeriods.streetId, streetIds), eq(ratingPeriods.month, month)));
    for (const p of periods) if (p.lockedAt) lockedStreets.add(p.streetId);
  }

  const seen = new Map<string, number>();
  for (const { rowNumber, row } of table.rows) {
    if (!row.subject || !row.code || !row.flag) continue; // a problem on its cell already, or not rated in this file
    const label = row.subject === 'merchant' ? '商户' : '路段';
    const where = at(columns, 'code', rowNumber);
    const key = `${row.subject}:${row.code}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ ...where, message: `${label}「${row.code}」在第 ${first} 行已经出现过：每个${label}每月只能有一个评比结果。` });
      continue;
    }
    seen.set(key, rowNumber);
    const s = found[row.subject].get(row.code);
    if (!s || !s.active) {
      problems.push({ ...where, message: s ? `${label}「${row.code}」已停用，不能评比。` : `没有编号为「${row.code}」的${label}。请核对编号（可下载本街道的评比表，其中已列出全部${label}）。` });
      continue;
    }
    if (!mayRateStreet(scope, s.streetId)) {
      problems.push({ ...where, message: `${label}「${row.code}」属于${streetNames.get(s.streetId) ?? '其他街道'}，您只能评比本街道的商户和路段。` });
      continue;
    }
    if (lockedStreets.has(s.streetId)) {
      problems.push({ ...where, message: `${streetNames.get(s.streetId)}${monthLabel(month)}的评比已锁定发布，不能再导入。` });
      continue;
    }
    const list = byStreet.get(s.streetId) ?? [];
    list.push({ rowNumber, subject: row.subject, id: s.id, flag: row.flag, reasons: row.reasons, note: row.note });
    byStreet.set(s.streetId, list);
  }
  problems.sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
  const all = [...byStreet.values()].flat();
  const count = (f: Flag) => all.filter((c) => c.flag === f).length;
  const summary = [...byStreet].map(([id, cells]) => `${streetNames.get(id)}：${cells.length} 项`);
  if (all.length) summary.push(`共 ${all.length} 项：${FLAG_LABEL.red} ${count('red')}，${FLAG_LABEL.black} ${count('black')}，${FLAG_LABEL.none} ${count('none')}（已有的评比结果将被覆盖）`);
  return result(table.rows.length, summary);
}

interface Subject {
  id: number;
  code: string;
  streetId: number;
  active: boolean;
}

export type RatingImportResult = { ok: true; saved: number; summary: string[] } | { ok: false; dryRun: RatingDryRun; message: string };

/** Dry run, then all of it in one transaction (a month locked in between refuses the whole import). */
export async function importRatings(
  db: Db,
  { bytes, month, scope, actor, now = new Date() }: { bytes: Buffer; month: string; scope: RatingScope; actor: Actor; now?: Date },
): Promise<RatingImportResult> {
  const dryRun = await dryRunRatingImport(db, { bytes, month, scope, now });
  if (!dryRun.ok) return { ok: false, dryRun, message: `有 ${dryRun.problemCount} 个问题，没有导入任何数据。` };
  try {
    const saved = await db.transaction(async (tx) => {
      let n = 0;
      for (const [streetId, cells] of [...dryRun.byStreet].sort(([a], [b]) => a - b)) {
        if (await holdPeriod(tx, streetId, month)) {
          throw new RatingRollback({ ok: false, error: 'locked', message: `${monthLabel(month)}的评比刚刚被锁定发布，没有导入任何数据。` });
        }
        const written = await writeCells(tx, { streetId, month, changes: cells.map((c) => ({ ...c, version: null })), actor, checkVersions: false });
        n += written.length;
        await writeAudit(tx, {
          actorUserId: actor.id,
          actorLabel: actor.label,
          action: 'rating.import',
          entityType: 'rating_period',
          entityId: `${streetId}/${month}`,
          detail: { month, rows: cells.length, changes: written },
        });
      }
      return n;
    });
    return { ok: true, saved, summary: dryRun.summary };
  } catch (error) {
    if (error instanceof RatingRollback) return { ok: false, dryRun, message: error.result.message };
    throw error;
  }
}

/** The street's sheet for a month: every active merchant and segment, with the flags saved so far. */
export async function ratingSheet(db: Db | Tx, { streetId, month }: { streetId: number; month: string }): Promise<Readable | null> {
  const grid = await loadRatingGrid(db, { streetId, month });
  if (!grid) return null;
  const rows = [...grid.merchants, ...grid.segments].map((r) => [
    r.subject === 'merchant' ? '商户' : '路段',
    r.code,
    r.name,
    r.cell ? FLAG_LABEL[r.cell.flag] : '',
    r.cell ? r.cell.reasons.map(reasonLabel).join('、') : '',
    r.cell?.note ?? '',
  ]);
  return streamWorkbook([
    {
      spec: {
        name: `${grid.streetName}${monthLabel(month)}`.slice(0, 31),
        headers: RATING_SHEET_COLUMNS.map((c) => c.header),
        widths: [8, 16, 30, 10, 36, 24],
        lists: { 1: ['商户', '路段'], 4: ['红旗', '黑旗', '无'] },
      },
      rows,
    },
  ]);
}

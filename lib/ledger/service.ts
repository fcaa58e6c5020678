/**
 * Importing a 台账 from xlsx: a dry run that reads the whole file and lists every problem by row and
 * column before anything is written, then an all-or-nothing import in one transaction.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { writeAudit } from '../audit/queries';
import type { Db, Tx } from '../db/client';
import { areaUnits, chiefAssignments, chiefs, merchants, roads, segments } from '../db/schema';
import {
  LEDGER_COLUMNS,
  LEDGER_LABEL,
  MAX_LEDGER_ROWS,
  matchHeaders,
  parseLedgerRow,
  type Cell,
  type HeaderMatch,
  type LedgerKind,
  type LedgerProblem,
  type ParsedRow,
} from '../domain/ledger';
import { columnLetter, parseCellRef, sniffSpreadsheet, spreadsheetKindMessage } from '../domain/spreadsheet';
import { defaultDistrictId } from '../reports/queries';
import { mergedRanges, readFirstSheet } from './xlsx';

/** A dry run lists at most this many problems (and says how many more there are). */
export const MAX_LISTED_PROBLEMS = 500;

export type LedgerProgress = { phase: 'read' | 'check' | 'write'; done: number; total?: number };
type OnProgress = (p: LedgerProgress) => void;

export interface PlannedRow {
  rowNumber: number;
  row: ParsedRow;
}

export interface DryRun {
  kind: LedgerKind;
  ok: boolean;
  rowCount: number;
  problems: LedgerProblem[];
  problemCount: number;
  /** What an import would do, in Chinese, e.g. 新建路段 12 个. */
  summary: string[];
  rows: PlannedRow[];
  /** Resolved references for the write: street and road ids, segment ids, existing chiefs. */
  refs: Refs;
}

interface Refs {
  districtId: number;
  streets: Map<string, { id: number; parentId: number }>;
  communities: Map<string, number>; // `${streetId}/${name}`
  roads: Map<string, number>;
  segmentsByCode: Map<string, { id: number; streetId: number }>;
  chiefsByKey: Map<string, number>; // `${name}/${phone}`
  takenMerchantCodes: Set<string>;
  takenCreditCodes: Set<string>;
  columns: Map<string, number>;
}

export interface Actor {
  id: number | null;
  label: string;
}

const chunked = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const chiefKey = (name: string, phone: string) => `${name}/${phone.replace(/[\s-]/g, '')}`;

/** Reads and checks a whole file; writes nothing. */
export async function dryRunLedger(db: Db | Tx, kind: LedgerKind, bytes: Buffer, onProgress?: OnProgress): Promise<DryRun> {
  const problems: LedgerProblem[] = [];
  const rows: PlannedRow[] = [];
  const emptyRefs: Refs = { districtId: 0, streets: new Map(), communities: new Map(), roads: new Map(), segmentsByCode: new Map(), chiefsByKey: new Map(), takenMerchantCodes: new Set(), takenCreditCodes: new Set(), columns: new Map() };
  const result = (summary: string[] = [], refs = emptyRefs): DryRun => ({
    kind,
    ok: problems.length === 0,
    rowCount: rows.length,
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: problems.length,
    summary,
    rows,
    refs,
  });

  const table = await readSheetTable(bytes, {
    label: '台账',
    headers: LEDGER_COLUMNS[kind].map((c) => c.header),
    match: (cells) => matchHeaders(kind, cells),
    parse: (rowNumber, columns, cells) => parseLedgerRow(kind, rowNumber, columns, cells),
    onRow: (n) => n % 500 === 0 && onProgress?.({ phase: 'read', done: n }),
  });
  problems.push(...table.problems);
  rows.push(...table.rows);
  const columns = table.columns;
  if (!columns) return result();
  onProgress?.({ phase: 'check', done: 0, total: rows.length });
  const refs = await loadRefs(db, kind, rows, columns);
  const summary = crossCheck(kind, rows, refs, problems);
  problems.sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
  onProgress?.({ phase: 'check', done: rows.length, total: rows.length });
  return result(summary, refs);
}

export interface SheetTable<R> {
  /** Null when the file or its header row is unusable: nothing further can be checked. */
  columns: Map<string, number> | null;
  rows: { rowNumber: number; row: R }[];
  problems: LedgerProblem[];
}

/**
 * Reads any one-sheet table upload (台账, 红黑旗评比): refuses what is not an xlsx, matches the header
 * row, checks each data row with `parse`, stops after MAX_LEDGER_ROWS, and reports merged cells, each
 * problem by row and column. Writes nothing.
 */
export async function readSheetTable<R>(
  bytes: Buffer,
  {
    label,
    headers,
    match,
    parse,
    onRow,
  }: {
    label: string;
    headers: string[];
    match: (cells: Cell[]) => HeaderMatch;
    parse: (rowNumber: number, columns: Map<string, number>, cells: Cell[]) => { row: R; problems: LedgerProblem[] };
    onRow?: (dataRows: number) => void;
  },
): Promise<SheetTable<R>> {
  const problems: LedgerProblem[] = [];
  const rows: { rowNumber: number; row: R }[] = [];
  const fileMessage = spreadsheetKindMessage(sniffSpreadsheet(bytes));
  if (fileMessage) return { columns: null, rows, problems: [{ row: 0, message: fileMessage }] };

  const info: { sheetFile?: string } = {};
  let columns: Map<string, number> | null = null;
  let dataRows = 0;
  try {
    for await (const { rowNumber, cells } of readFirstSheet(bytes, info)) {
      if (columns === null) {
        const header = match(rowNumber === 1 ? cells : []);
        if (!header.ok) return { columns: null, rows, problems: [...problems, ...header.problems] };
        columns = header.columns;
        if (rowNumber === 1) continue;
      }
      if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
      dataRows++;
      if (dataRows > MAX_LEDGER_ROWS) {
        problems.push({ row: rowNumber, message: `数据超过 ${MAX_LEDGER_ROWS.toLocaleString('en-US')} 行的上限（从第 ${rowNumber} 行起不再读取）。请把${label}拆成多个文件分批导入。` });
        break;
      }
      const parsed = parse(rowNumber, columns, cells);
      problems.push(...parsed.problems);
      rows.push({ rowNumber, row: parsed.row });
      onRow?.(dataRows);
    }
  } catch {
    problems.push({ row: 0, message: '文件已损坏或不是有效的 Excel 工作簿（.xlsx），无法读取。请在 Excel 或 WPS 中打开后重新保存为 .xlsx。' });
    return { columns: null, rows, problems };
  }
  if (columns === null) {
    problems.push({ row: 1, message: `工作表是空的：第一行应是表头（${headers.join('、')}）。` });
    return { columns: null, rows, problems };
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, message: '表头下面没有数据行。' });

  for (const range of await mergedRanges(bytes, info.sheetFile ?? 'xl/worksheets/sheet1.xml')) {
    const topLeft = parseCellRef(range.split(':')[0]!);
    problems.push({
      row: topLeft?.row ?? 0,
      column: topLeft ? columnLetter(topLeft.col) : undefined,
      message: `合并单元格 ${range}：${label}中不能有合并单元格。请取消合并，并在每一行填上完整内容。`,
    });
  }
  return { columns, rows, problems };
}

async function loadRefs(db: Db | Tx, kind: LedgerKind, rows: PlannedRow[], columns: Map<string, number>): Promise<Refs> {
  const districtId = await defaultDistrictId(db);
  const units = await db.select({ id: areaUnits.id, parentId: areaUnits.parentId, level: areaUnits.level, name: areaUnits.name }).from(areaUnits);
  const streets = new Map(units.filter((u) => u.level === 'street').map((u) => [u.name, { id: u.id, parentId: u.parentId ?? districtId }]));
  const communities = new Map(units.filter((u) => u.level === 'community').map((u) => [`${u.parentId}/${u.name}`, u.id]));
  const roadRows = kind === 'segments' ? await db.select({ id: roads.id, name: roads.name }).from(roads) : [];
  const codes = new Set<string>();
  for (const { row } of rows) {
    const c = str(kind === 'segments' ? row.code : row.segmentCode);
    if (c) codes.add(c);
  }
  const segmentsByCode = new Map<string, { id: number; streetId: number }>();
  for (const part of chunked([...codes], 1000)) {
    for (const s of await db.select({ id: segments.id, code: segments.code, streetId: segments.streetId, active: segments.active }).from(segments).where(inArray(segments.code, part))) {
      // Every code counts as taken for a new segment; only active ones can take merchants or chiefs.
      if (kind === 'segments' || s.active) segmentsByCode.set(s.code, { id: s.id, streetId: s.streetId });
    }
  }
  const chiefsByKey = new Map<string, number>();
  if (kind === 'chiefs') {
    const names = [...new Set(rows.map((r) => str(r.row.name)).filter((n): n is string => n !== null))];
    for (const part of chunked(names, 1000)) {
      for (const c of await db.select({ id: chiefs.id, name: chiefs.name, phone: chiefs.phone }).from(chiefs).where(and(inArray(chiefs.name, part), eq(chiefs.active, true)))) {
        chiefsByKey.set(chiefKey(c.name, c.phone), c.id);
      }
    }
  }
  const takenMerchantCodes = new Set<string>();
  const takenCreditCodes = new Set<string>();
  if (kind === 'merchants') {
    const values = (key: string) => [...new Set(rows.map((r) => str(r.row[key])).filter((v): v is string => v !== null))];
    for (const part of chunked(values('code'), 1000)) {
      for (const m of await db.select({ code: merchants.code }).from(merchants).where(inArray(merchants.code, part))) takenMerchantCodes.add(m.code);
    }
    for (const part of chunked(values('creditCode'), 1000)) {
      for (const m of await db.select({ creditCode: merchants.creditCode }).from(merchants).where(inArray(merchants.creditCode, part))) takenCreditCodes.add(m.creditCode!);
    }
  }
  return {
    districtId,
    streets,
    communities,
    roads: new Map(roadRows.map((r) => [r.name, r.id])),
    segmentsByCode,
    chiefsByKey,
    takenMerchantCodes,
    takenCreditCodes,
    columns,
  };
}

/** Checks across rows and against the database; returns the summary of what an import would do. */
function crossCheck(kind: LedgerKind, rows: PlannedRow[], refs: Refs, problems: LedgerProblem[]): string[] {
  const spec = (key: string) => {
    const i = LEDGER_COLUMNS[kind].findIndex((c) => c.key === key);
    return { header: LEDGER_COLUMNS[kind][i]!.header };
  };
  const at = (rowNumber: number, key: string) => {
    const index = refs.columns.get(key);
    return { row: rowNumber, column: index === undefined ? undefined : columnLetter(index), header: spec(key).header };
  };
  const firstSeen = (key: string, label: string, known: (v: string) => boolean, knownMessage: (v: string) => string) => {
    const seen = new Map<string, number>();
    for (const { rowNumber, row } of rows) {
      const v = str(row[key]);
      if (!v) continue;
      const earlier = seen.get(v);
      if (earlier !== undefined) problems.push({ ...at(rowNumber, key), message: `${label}「${v}」与第 ${earlier} 行重复。` });
      else seen.set(v, rowNumber);
      if (earlier === undefined && known(v)) problems.push({ ...at(rowNumber, key), message: knownMessage(v) });
    }
  };

  if (kind === 'segments') {
    firstSeen('code', '路段编号', (v) => refs.segmentsByCode.has(v), (v) => `路段编号「${v}」在系统中已存在（路段编号印在公示牌上，不能重复使用）。`);
    const newRoads = new Set<string>();
    for (const { rowNumber, row } of rows) {
      const street = str(row.street);
      if (street && !refs.streets.has(street)) {
        problems.push({ ...at(rowNumber, 'street'), message: `系统中没有名为「${street}」的街道（镇）。可选：${[...refs.streets.keys()].join('、')}。` });
      }
      const community = str(row.community);
      const st = street ? refs.streets.get(street) : undefined;
      if (community && st && !refs.communities.has(`${st.id}/${community}`)) {
        problems.push({ ...at(rowNumber, 'community'), message: `「${street}」下没有名为「${community}」的社区。` });
      }
      const road = str(row.road);
      if (road && !refs.roads.has(road)) newRoads.add(road);
    }
    return [`新建路段 ${rows.length} 个`, ...(newRoads.size ? [`新建道路 ${newRoads.size} 条：${[...newRoads].slice(0, 10).join('、')}${newRoads.size > 10 ? '等' : ''}`] : [])];
  }

  if (kind === 'merchants') {
    firstSeen('code', '商户编号', (v) => refs.takenMerchantCodes.has(v), (v) => `商户编号「${v}」在系统中已存在（编号印在责任牌上，不能重复使用）。`);
    firstSeen('creditCode', '统一社会信用代码', (v) => refs.takenCreditCodes.has(v), (v) => `统一社会信用代码「${v}」已登记在系统中的另一家商户名下。`);
    for (const { rowNumber, row } of rows) {
      const seg = str(row.segmentCode);
      if (seg && !refs.segmentsByCode.has(seg)) problems.push({ ...at(rowNumber, 'segmentCode'), message: `系统中没有编号为「${seg}」的在用路段。` });
    }
    return [`新建商户 ${rows.length} 家`];
  }

  // chiefs: one person per name + phone; their other cells must agree between rows.
  const people = new Map<string, { rowNumber: number; row: ParsedRow }>();
  const assignments = new Map<string, number>();
  let newChiefs = 0;
  let newAssignments = 0;
  for (const { rowNumber, row } of rows) {
    const name = str(row.name);
    const phone = str(row.phone);
    if (!name || !phone) continue;
    const key = chiefKey(name, phone);
    const first = people.get(key);
    if (!first) {
      people.set(key, { rowNumber, row });
      if (!refs.chiefsByKey.has(key)) newChiefs++;
    } else {
      for (const k of ['title', 'organization', 'patrolFrequency', 'duties'] as const) {
        if (row[k] !== first.row[k]) problems.push({ ...at(rowNumber, k), message: `与第 ${first.rowNumber} 行是同一位路长（姓名和值守电话相同），但${spec(k).header}不同。` });
      }
    }
    const seg = str(row.segmentCode);
    if (!seg) continue;
    if (!refs.segmentsByCode.has(seg)) {
      problems.push({ ...at(rowNumber, 'segmentCode'), message: `系统中没有编号为「${seg}」的在用路段。` });
      continue;
    }
    const aKey = `${key}/${seg}/${row.level}`;
    const earlier = assignments.get(aKey);
    if (earlier !== undefined) problems.push({ ...at(rowNumber, 'segmentCode'), message: `与第 ${earlier} 行重复：同一路长在同一路段的同一级别只需一行。` });
    else {
      assignments.set(aKey, rowNumber);
      newAssignments++;
    }
  }
  return [`新建路长 ${newChiefs} 人`, `沿用系统中已有的路长 ${people.size - newChiefs} 人`, `新增任职 ${newAssignments} 条`];
}

/** A Chinese reason the import was rolled back. */
export class LedgerImportError extends Error {}

export interface ImportOutcome {
  kind: LedgerKind;
  created: number;
  summary: string[];
  /** Segment pages whose content changed: revalidate their cache tags. */
  segmentCodes: string[];
}

/** Writes a clean dry run in one transaction; any failure rolls back every row. */
export async function applyLedger(db: Db, run: DryRun, actor: Actor, onProgress?: OnProgress): Promise<ImportOutcome> {
  if (!run.ok) throw new LedgerImportError('试运行发现问题，未导入任何数据。');
  const total = run.rows.length;
  let done = 0;
  const step = (n: number) => {
    done += n;
    onProgress?.({ phase: 'write', done, total });
  };
  const touched = new Set<string>();
  try {
    await db.transaction(async (tx) => {
      if (run.kind === 'segments') await writeSegments(tx, run, step, touched);
      else if (run.kind === 'merchants') await writeMerchants(tx, run, step, touched);
      else await writeChiefs(tx, run, step, touched);
      await writeAudit(tx, {
        actorUserId: actor.id,
        actorLabel: actor.label,
        action: 'ledger.import',
        entityType: run.kind,
        detail: { kind: run.kind, rows: total, summary: run.summary },
      });
    });
  } catch (error) {
    throw explainWriteError(error, run);
  }
  return { kind: run.kind, created: total, summary: run.summary, segmentCodes: [...touched] };
}

/** Dry run then import; the import happens only when the dry run found nothing. */
export async function importLedger(db: Db, kind: LedgerKind, bytes: Buffer, actor: Actor, onProgress?: OnProgress) {
  const run = await dryRunLedger(db, kind, bytes, onProgress);
  if (!run.ok) return { ok: false as const, run };
  return { ok: true as const, run, outcome: await applyLedger(db, run, actor, onProgress) };
}

const CHUNK = 250;

async function writeSegments(tx: Tx, run: DryRun, step: (n: number) => void, touched: Set<string>) {
  const { refs } = run;
  for (const { row } of run.rows) {
    const road = row.road as string;
    if (refs.roads.has(road)) continue;
    const [created] = await tx.insert(roads).values({ districtId: refs.districtId, name: road, grade: row.grade as 'arterial' }).returning({ id: roads.id });
    refs.roads.set(road, created!.id);
  }
  for (const part of chunked(run.rows, CHUNK)) {
    await tx.insert(segments).values(
      part.map(({ row }) => {
        const street = refs.streets.get(row.street as string)!;
        return {
          code: row.code as string,
          roadId: refs.roads.get(row.road as string)!,
          name: (row.name as string | null) ?? `${row.road}（${row.fromCross}—${row.toCross}）`,
          fromCross: row.fromCross as string,
          toCross: row.toCross as string,
          grade: row.grade as 'arterial',
          districtId: street.parentId,
          streetId: street.id,
          communityId: row.community ? (refs.communities.get(`${street.id}/${row.community}`) ?? null) : null,
          lengthM: (row.lengthM as number | null) ?? null,
          hotline: (row.hotline as string | null) ?? null,
        };
      }),
    );
    for (const { row } of part) touched.add(row.code as string);
    step(part.length);
  }
}

async function writeMerchants(tx: Tx, run: DryRun, step: (n: number) => void, touched: Set<string>) {
  for (const part of chunked(run.rows, CHUNK)) {
    await tx.insert(merchants).values(
      part.map(({ row }) => {
        const seg = run.refs.segmentsByCode.get(row.segmentCode as string)!;
        touched.add(row.segmentCode as string);
        return {
          code: row.code as string,
          name: row.name as string,
          address: row.address as string,
          segmentId: seg.id,
          streetId: seg.streetId,
          kind: row.kind as string,
          creditCode: (row.creditCode as string | null) ?? null,
          responsiblePerson: row.responsiblePerson as string,
          contactPhone: (row.contactPhone as string | null) ?? null,
          agreementSignedOn: (row.agreementSignedOn as string | null) ?? null,
        };
      }),
    );
    step(part.length);
  }
}

async function writeChiefs(tx: Tx, run: DryRun, step: (n: number) => void, touched: Set<string>) {
  const ids = new Map(run.refs.chiefsByKey);
  const today = new Date().toISOString().slice(0, 10);
  for (const part of chunked(run.rows, CHUNK)) {
    const fresh = new Map<string, ParsedRow>();
    for (const { row } of part) {
      const key = chiefKey(row.name as string, row.phone as string);
      if (!ids.has(key) && !fresh.has(key)) fresh.set(key, row);
    }
    if (fresh.size) {
      const created = await tx
        .insert(chiefs)
        .values(
          [...fresh.values()].map((row) => ({
            districtId: run.refs.districtId,
            name: row.name as string,
            title: row.title as string,
            organization: (row.organization as string | null) ?? null,
            phone: row.phone as string,
            patrolFrequency: row.patrolFrequency as 'daily',
            duties: row.duties as string,
          })),
        )
        .returning({ id: chiefs.id });
      [...fresh.keys()].forEach((key, i) => ids.set(key, created[i]!.id));
    }
    const assignments = part
      .filter(({ row }) => row.segmentCode)
      .map(({ row }) => {
        touched.add(row.segmentCode as string);
        return {
          chiefId: ids.get(chiefKey(row.name as string, row.phone as string))!,
          segmentId: run.refs.segmentsByCode.get(row.segmentCode as string)!.id,
          level: row.level as 'first',
          startsOn: (row.startsOn as string | null) ?? today,
        };
      });
    if (assignments.length) {
      // An identical assignment still in force is not added twice.
      const current = await tx
        .select({ chiefId: chiefAssignments.chiefId, segmentId: chiefAssignments.segmentId, level: chiefAssignments.level })
        .from(chiefAssignments)
        .where(and(inArray(chiefAssignments.chiefId, [...new Set(assignments.map((a) => a.chiefId))]), isNull(chiefAssignments.endsOn)));
      const have = new Set(current.map((c) => `${c.chiefId}/${c.segmentId}/${c.level}`));
      const fresh = assignments.filter((a) => !have.has(`${a.chiefId}/${a.segmentId}/${a.level}`));
      if (fresh.length) await tx.insert(chiefAssignments).values(fresh);
    }
    step(part.length);
  }
}

/** A constraint broken during the write (someone added the same code since the dry run): name the row. */
function explainWriteError(error: unknown, run: DryRun): Error {
  if (error instanceof LedgerImportError) return error;
  let e: unknown = error;
  let pg: { code?: string; detail?: string } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    const c = e as { code?: unknown; detail?: unknown; cause?: unknown };
    if (typeof c.code === 'string' && /^\d{5}$|^[0-9A-Z]{5}$/.test(c.code)) {
      pg = { code: c.code, detail: typeof c.detail === 'string' ? c.detail : undefined };
      break;
    }
    e = c.cause;
  }
  const label = LEDGER_LABEL[run.kind];
  if (pg?.code === '23505') {
    const value = /=\((.*)\)/.exec(pg.detail ?? '')?.[1];
    const hit = value ? run.rows.find(({ row }) => Object.values(row).includes(value)) : undefined;
    const where = hit ? `第 ${hit.rowNumber} 行的「${value}」` : '有一行的编号';
    return new LedgerImportError(`导入中止：${where}在试运行之后已被别人录入系统，编号冲突。${label}的所有行都已撤销，未写入任何数据；请重新试运行。`);
  }
  return new LedgerImportError(`导入中止：写入数据库时出错（${pg?.code ?? '未知错误'}）。${label}的所有行都已撤销，未写入任何数据。`);
}

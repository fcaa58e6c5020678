/**
 * Reading and writing xlsx for the 台账: the first worksheet of an upload row by row with exceljs's
 * streaming reader (memory stays flat whatever the row count), its merged ranges (which that reader
 * skips) from the sheet XML, and a streamed writer that escapes every text cell against formula injection.
 */
import { Readable, PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Cell } from '../domain/ledger';
import { escapeFormula } from '../domain/spreadsheet';

export interface SheetRow {
  rowNumber: number;
  cells: Cell[];
}

/** An exceljs cell value as a plain Cell: rich text joined, formulas by their cached result, hyperlinks by their text. */
export function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return plainCell((value.result ?? null) as ExcelJS.CellValue);
    if ('formula' in value || 'sharedFormula' in value) return null;
    if ('text' in value) return plainCell(value.text as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/**
 * The rows of the first worksheet, in order, as plain cells (index 0 = column A). `sheetFile` tells
 * which XML part the rows came from, for mergedRanges().
 */
export async function* readFirstSheet(bytes: Buffer, info: { sheetFile?: string } = {}): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell a date cell from a number
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  let lastSheetNo: number | undefined;
  (reader as unknown as NodeJS.EventEmitter).on('entry', (e: { type: string; id?: number }) => {
    if (e.type === 'worksheet') lastSheetNo = e.id;
  });
  let first = true;
  for await (const sheet of reader) {
    if (!first) {
      for await (const _ of sheet) void _; // drain the other sheets so the zip stream moves on
      continue;
    }
    first = false;
    info.sheetFile = `xl/worksheets/sheet${lastSheetNo ?? 1}.xml`;
    for await (const row of sheet) {
      const values = row.values as ExcelJS.CellValue[]; // 1-based, sparse
      const cells: Cell[] = [];
      for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c] ?? null));
      yield { rowNumber: row.number, cells };
    }
  }
}

/** The merged ranges ("A2:B3") of one sheet part, scanned from its XML as it inflates. */
export async function mergedRanges(bytes: Buffer, sheetFile: string): Promise<string[]> {
  const entry = zipEntry(bytes, sheetFile);
  if (!entry) return [];
  const source = Readable.from([entry.data]);
  const xml = entry.method === 8 ? source.pipe(zlib.createInflateRaw()) : source.pipe(new PassThrough());
  const ranges: string[] = [];
  const re = /<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g;
  let tail = '';
  for await (const chunk of xml) {
    const text = tail + (chunk as Buffer).toString('utf8');
    let m: RegExpExecArray | null;
    let consumed = 0;
    re.lastIndex = 0;
    while ((m = re.exec(text))) {
      ranges.push(m[1]!);
      consumed = re.lastIndex;
    }
    tail = text.slice(Math.max(consumed, text.length - 200)); // a tag split across chunks is seen again
  }
  return [...new Set(ranges)];
}

/** One stored entry of an in-memory ZIP, from its central directory (no ZIP64: uploads are small). */
function zipEntry(buf: Buffer, name: string): { method: number; data: Buffer } | null {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count && p + 46 <= buf.length; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) return null;
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const entryName = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (entryName === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      return { method, data: buf.subarray(start, start + size) };
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

export interface SheetSpec {
  name: string;
  headers: string[];
  widths?: number[];
  /** Drop-down lists by 1-based column: a formula like '"主干道,次干道"'. */
  lists?: Record<number, string[]>;
  dateColumns?: number[];
}

/** A cell as written: text escaped against formula injection, dates as real dates. */
export function safeCell(value: string | number | Date | null | undefined): string | number | Date | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? escapeFormula(value) : value;
}

/**
 * Streams an xlsx with one sheet: bold header row, frozen, column widths, drop-down validation on
 * `lists`, then each row as it comes. Memory stays flat: rows are committed as they are written.
 */
export function streamWorkbook(
  sheets: { spec: SheetSpec; rows: AsyncIterable<(string | number | Date | null | undefined)[]> | Iterable<(string | number | Date | null | undefined)[]> }[],
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  void (async () => {
    for (const { spec, rows } of sheets) {
      const ws = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = spec.headers.map((h, i) => ({ header: h, width: spec.widths?.[i] ?? Math.max(12, h.length * 2 + 4) }));
      for (const c of spec.dateColumns ?? []) ws.getColumn(c).numFmt = 'yyyy-mm-dd';
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      let r = 1;
      for await (const row of rows as AsyncIterable<(string | number | Date | null | undefined)[]>) {
        r++;
        const written = ws.addRow(row.map(safeCell));
        if (spec.lists) addLists(ws, r, spec.lists);
        written.commit();
      }
      // Empty rows below still offer the drop-downs, so a person filling the template gets them too.
      if (spec.lists) {
        for (let e = r + 1; e <= r + 1000; e++) {
          addLists(ws, e, spec.lists);
          ws.getRow(e).commit();
        }
      }
      ws.commit();
    }
    await workbook.commit();
  })().catch((error) => out.destroy(error as Error));
  return out;
}

function addLists(ws: ExcelJS.Worksheet, row: number, lists: Record<number, string[]>) {
  for (const [col, values] of Object.entries(lists)) {
    ws.getCell(row, Number(col)).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '不是可选值',
      error: `请从下拉列表中选择：${values.join('、')}`,
    };
  }
}

/** Collects a stream into one Buffer (tests and the template route). */
export async function toBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The three 台账 (segments, chiefs with their assignments, merchants) as spreadsheets: their columns,
 * matching a sheet's header row to them, and checking one row on its own. Checks that need the database
 * or the whole file (unknown streets, duplicate codes) live in lib/ledger.
 */
import { normalizeCreditCode } from './credit-code';
import { CHIEF_LEVEL_LABEL, GRADE_LABEL, PATROL_LABEL } from './labels';
import { normalizeSegmentCode } from './segment-code';
import { columnLetter, unescapeFormula } from './spreadsheet';

export const LEDGER_KINDS = ['segments', 'chiefs', 'merchants'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const LEDGER_LABEL: Record<LedgerKind, string> = { segments: '路段台账', chiefs: '路长台账', merchants: '商户台账' };

/** Rows of data a file may hold (the header row not counted). Issue 6: 10,000 rows must be refused. */
export const MAX_LEDGER_ROWS = 10_000;

export type Cell = string | number | boolean | Date | null;
type ColumnType = 'text' | 'code' | 'int' | 'date' | 'choice';

export interface ColumnSpec {
  key: string;
  header: string;
  required: boolean;
  type: ColumnType;
  /** Shown in the template's example row. */
  example: string | number | Date;
  /** For choice columns: the code each Chinese label stands for. */
  choices?: Readonly<Record<string, string>>;
  maxLength?: number;
}

const invert = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [v, k]));
export const GRADE_CHOICES = invert(GRADE_LABEL);
export const CHIEF_LEVEL_CHOICES = invert(CHIEF_LEVEL_LABEL);
export const PATROL_CHOICES = { 每日: 'daily', 每周: 'weekly', 每半月: 'biweekly', ...invert(PATROL_LABEL) };
/** The label written back on export and in the template's drop-down. */
export const PATROL_SHORT: Record<string, string> = { daily: '每日', weekly: '每周', biweekly: '每半月' };

const EXAMPLE_DATE = new Date(Date.UTC(2026, 0, 5));

export const LEDGER_COLUMNS: Record<LedgerKind, readonly ColumnSpec[]> = {
  segments: [
    { key: 'code', header: '路段编号', required: true, type: 'code', example: 'QH-0901', maxLength: 16 },
    { key: 'road', header: '道路名称', required: true, type: 'text', example: '中山路', maxLength: 40 },
    { key: 'fromCross', header: '起点', required: true, type: 'text', example: '解放大道', maxLength: 40 },
    { key: 'toCross', header: '止点', required: true, type: 'text', example: '青年路', maxLength: 40 },
    { key: 'name', header: '路段名称', required: false, type: 'text', example: '中山路（解放大道—青年路）', maxLength: 80 },
    { key: 'grade', header: '道路等级', required: true, type: 'choice', choices: GRADE_CHOICES, example: '主干道' },
    { key: 'street', header: '街道', required: true, type: 'text', example: '清河街道', maxLength: 40 },
    { key: 'community', header: '社区', required: false, type: 'text', example: '', maxLength: 40 },
    { key: 'lengthM', header: '长度（米）', required: false, type: 'int', example: 860 },
    { key: 'hotline', header: '监督电话', required: false, type: 'text', example: '12319', maxLength: 40 },
  ],
  chiefs: [
    { key: 'name', header: '姓名', required: true, type: 'text', example: '张伟', maxLength: 20 },
    { key: 'title', header: '职务', required: true, type: 'text', example: '街道办事处副主任', maxLength: 40 },
    { key: 'organization', header: '单位', required: false, type: 'text', example: '清河街道办事处', maxLength: 60 },
    { key: 'phone', header: '值守电话', required: true, type: 'text', example: '027-85550001', maxLength: 30 },
    { key: 'patrolFrequency', header: '巡查频次', required: true, type: 'choice', choices: PATROL_CHOICES, example: '每周' },
    { key: 'duties', header: '职责', required: true, type: 'text', example: '统筹路段市容环境、门前三包落实', maxLength: 200 },
    { key: 'segmentCode', header: '路段编号', required: false, type: 'code', example: 'QH-0001', maxLength: 16 },
    { key: 'level', header: '路长级别', required: false, type: 'choice', choices: CHIEF_LEVEL_CHOICES, example: '一级路长' },
    { key: 'startsOn', header: '任职日期', required: false, type: 'date', example: EXAMPLE_DATE },
  ],
  merchants: [
    { key: 'code', header: '商户编号', required: true, type: 'code', example: 'QH-M90001', maxLength: 24 },
    { key: 'name', header: '商户名称', required: true, type: 'text', example: '老王早点铺', maxLength: 60 },
    { key: 'address', header: '地址', required: true, type: 'text', example: '中山路18号', maxLength: 100 },
    { key: 'segmentCode', header: '路段编号', required: true, type: 'code', example: 'QH-0001', maxLength: 16 },
    { key: 'kind', header: '类型', required: true, type: 'text', example: '餐饮', maxLength: 20 },
    { key: 'creditCode', header: '统一社会信用代码', required: false, type: 'code', example: '91350100M000100Y43', maxLength: 40 },
    { key: 'responsiblePerson', header: '负责人', required: true, type: 'text', example: '王建国', maxLength: 20 },
    { key: 'contactPhone', header: '联系电话', required: false, type: 'text', example: '13800000000', maxLength: 30 },
    { key: 'agreementSignedOn', header: '责任书签订日期', required: false, type: 'date', example: EXAMPLE_DATE },
  ],
};

/** One problem, located by sheet row (1 = header row) and column letter where there is one. */
export interface LedgerProblem {
  row: number;
  column?: string;
  header?: string;
  message: string;
}

/** "第 5 行 C 列（街道）：…" — how a problem is shown to a person. */
export function problemText(p: LedgerProblem): string {
  const where = p.row > 0 ? `第 ${p.row} 行` : '文件';
  const col = p.column ? ` ${p.column} 列${p.header ? `（${p.header}）` : ''}` : '';
  return `${where}${col}：${p.message}`;
}

/** Header text as people type it: full-width brackets, spaces, a required-marker `*`. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s*＊]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

export type HeaderMatch = { ok: true; columns: Map<string, number> } | { ok: false; problems: LedgerProblem[] };

/** Maps each known column to its 1-based sheet column; any unknown, repeated or missing header is a problem. */
export function matchHeaders(kind: LedgerKind, headerRow: readonly Cell[]): HeaderMatch {
  return matchColumns(LEDGER_COLUMNS[kind], LEDGER_LABEL[kind], headerRow);
}

/** matchHeaders for any sheet's columns (`label` names the sheet in messages, e.g. 商户台账). */
export function matchColumns(specs: readonly ColumnSpec[], label: string, headerRow: readonly Cell[]): HeaderMatch {
  const byHeader = new Map(specs.map((s) => [normalizeHeader(s.header), s]));
  const columns = new Map<string, number>();
  const problems: LedgerProblem[] = [];
  const expected = specs.map((s) => s.header).join('、');
  headerRow.forEach((cell, i) => {
    const text = cellText(cell);
    if (text === '') return;
    const spec = byHeader.get(normalizeHeader(text));
    const column = columnLetter(i + 1);
    if (!spec) {
      problems.push({ row: 1, column, message: `表头「${text}」不是${label}的列。应为：${expected}。请使用下载的模板。` });
    } else if (columns.has(spec.key)) {
      problems.push({ row: 1, column, message: `表头「${spec.header}」重复出现（已在 ${columnLetter(columns.get(spec.key)!)} 列）。` });
    } else {
      columns.set(spec.key, i + 1);
    }
  });
  if (columns.size === 0 && problems.length === 0) return { ok: false, problems: [{ row: 1, message: `第一行应是表头（${expected}），但它是空的。` }] };
  for (const s of specs) {
    if (s.required && !columns.has(s.key)) problems.push({ row: 1, message: `缺少必填列「${s.header}」。应有的列：${expected}。` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, columns };
}

/** The text of a cell as a person sees it; exported cells lose their formula-escape `'`. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return unescapeFormula(cell.normalize('NFKC').trim());
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return isoDate(cell);
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export type ParsedValue = string | number | null;
export type ParsedRow = Record<string, ParsedValue>;

/** Checks one data row against its columns: types, required cells, lengths, choices, dates that are real dates. */
export function parseLedgerRow(
  kind: LedgerKind,
  rowNumber: number,
  columns: Map<string, number>,
  cells: readonly Cell[],
): { row: ParsedRow; problems: LedgerProblem[] } {
  const { row, problems } = parseColumns(LEDGER_COLUMNS[kind], rowNumber, columns, cells);
  problems.push(...rowRules(kind, rowNumber, columns, row));
  return { row, problems };
}

/** parseLedgerRow's column checks for any sheet's columns (no rules across cells). */
export function parseColumns(
  specs: readonly ColumnSpec[],
  rowNumber: number,
  columns: Map<string, number>,
  cells: readonly Cell[],
): { row: ParsedRow; problems: LedgerProblem[] } {
  const row: ParsedRow = {};
  const problems: LedgerProblem[] = [];
  for (const spec of specs) {
    const index = columns.get(spec.key);
    const cell = index === undefined ? null : (cells[index - 1] ?? null);
    const at = { row: rowNumber, column: index === undefined ? undefined : columnLetter(index), header: spec.header };
    const fail = (message: string) => problems.push({ ...at, message });
    const text = cellText(cell);
    row[spec.key] = null;
    if (text === '') {
      if (spec.required) fail('必填，不能为空。');
      continue;
    }
    if (spec.maxLength && text.length > spec.maxLength) {
      fail(`内容过长（${text.length} 字），最多 ${spec.maxLength} 字。`);
      continue;
    }
    switch (spec.type) {
      case 'text':
        row[spec.key] = text;
        break;
      case 'code':
        row[spec.key] = text.replace(/\s+/g, '').toUpperCase();
        break;
      case 'int': {
        const n = typeof cell === 'number' ? cell : Number(text);
        if (!Number.isInteger(n) || n < 0 || n > 1_000_000) fail(`应为不小于 0 的整数，实为「${text}」。`);
        else row[spec.key] = n;
        break;
      }
      case 'choice': {
        const code = spec.choices![text];
        if (!code) fail(`「${text}」不是可选值，应为：${[...new Set(Object.keys(spec.choices!))].join('、')}。`);
        else row[spec.key] = code;
        break;
      }
      case 'date': {
        if (cell instanceof Date) {
          if (Number.isNaN(cell.getTime())) fail('不是有效日期。');
          else row[spec.key] = isoDate(cell);
        } else if (typeof cell === 'number' && cell > 1 && cell < 2_958_466) {
          row[spec.key] = isoDate(new Date(EXCEL_EPOCH + Math.round(cell) * 86_400_000)); // a date serial without a date format
        } else {
          fail(`日期写成了文本「${text}」。请把该单元格设为日期格式（设置单元格格式 → 日期），再重新输入日期。`);
        }
        break;
      }
    }
  }
  return { row, problems };
}

/** Rules within one row beyond the column types. */
function rowRules(kind: LedgerKind, rowNumber: number, columns: Map<string, number>, row: ParsedRow): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  const at = (key: string) => {
    const spec = LEDGER_COLUMNS[kind].find((s) => s.key === key)!;
    const index = columns.get(key);
    return { row: rowNumber, column: index === undefined ? undefined : columnLetter(index), header: spec.header };
  };
  const segmentCode = (key: string) => {
    const raw = row[key];
    if (typeof raw !== 'string') return;
    const code = normalizeSegmentCode(raw);
    if (!code) problems.push({ ...at(key), message: `路段编号「${raw}」格式不对，应为字母前缀-数字，如 QH-0001。` });
    else row[key] = code;
  };
  if (kind === 'segments') segmentCode('code');
  if (kind === 'merchants') {
    segmentCode('segmentCode');
    const code = row.code;
    if (typeof code === 'string' && !/^[A-Z0-9][A-Z0-9-]{0,23}$/.test(code)) {
      problems.push({ ...at('code'), message: `商户编号「${code}」只能由字母、数字和连字符组成。` });
    }
    const credit = row.creditCode;
    if (typeof credit === 'string') {
      const normal = normalizeCreditCode(credit);
      if (!normal) problems.push({ ...at('creditCode'), message: `统一社会信用代码「${credit}」无效：应为 18 位（数字和大写字母，不含 I、O、S、V、Z），且最后一位校验码正确。` });
      else row.creditCode = normal;
    }
  }
  if (kind === 'chiefs') {
    segmentCode('segmentCode');
    if (row.segmentCode !== null && row.level === null && !problems.length) {
      problems.push({ ...at('level'), message: '填写了路段编号时，路长级别必填（总路长、一级路长、二级路长、三级路长）。' });
    }
    if (row.segmentCode === null && (row.level !== null || row.startsOn !== null)) {
      problems.push({ ...at('segmentCode'), message: '填写了路长级别或任职日期时，路段编号必填。' });
    }
  }
  return problems;
}

/** The template's example row, in column order. */
export function exampleRow(kind: LedgerKind): (string | number | Date)[] {
  return LEDGER_COLUMNS[kind].map((c) => c.example);
}

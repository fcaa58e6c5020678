/**
 * A month's red/black flags as a spreadsheet (the 评比表 an inspector fills in Excel): its columns, in the
 * 台账's column language (lib/domain/ledger), and the rules within one row.
 */
import { columnLetter } from './spreadsheet';
import { matchColumns, parseColumns, type Cell, type ColumnSpec, type HeaderMatch, type LedgerProblem, type ParsedRow } from './ledger';
import { checkCell, FLAG_CHOICES, splitReasons, type Flag, type RatingReason } from './rating-grid';

export const RATING_SHEET_LABEL = '红黑旗评比表';

export const RATING_SHEET_COLUMNS: readonly ColumnSpec[] = [
  { key: 'subject', header: '对象', required: true, type: 'choice', choices: { 商户: 'merchant', 路段: 'segment' }, example: '商户' },
  { key: 'code', header: '编号', required: true, type: 'code', example: 'QH-M00001', maxLength: 24 },
  { key: 'name', header: '名称', required: false, type: 'text', example: '老王早点铺', maxLength: 80 },
  { key: 'flag', header: '评比结果', required: false, type: 'choice', choices: FLAG_CHOICES, example: '黑旗' },
  { key: 'reasons', header: '原因', required: false, type: 'text', example: '乱堆乱放、出店经营', maxLength: 200 },
  { key: 'note', header: '备注', required: false, type: 'text', example: '', maxLength: 200 },
];

export interface RatingSheetRow {
  subject: 'merchant' | 'segment' | null;
  code: string | null;
  flag: Flag | null;
  reasons: RatingReason[];
  note: string | null;
}

export function matchRatingHeaders(headerRow: readonly Cell[]): HeaderMatch {
  return matchColumns(RATING_SHEET_COLUMNS, RATING_SHEET_LABEL, headerRow);
}

/** One row: its cells by type, then the flag's reasons (a black flag needs one; 无 takes none). A row without a flag is left as it is. */
export function parseRatingRow(rowNumber: number, columns: Map<string, number>, cells: readonly Cell[]): { row: RatingSheetRow; problems: LedgerProblem[] } {
  const { row: raw, problems } = parseColumns(RATING_SHEET_COLUMNS, rowNumber, columns, cells);
  const row: RatingSheetRow = {
    subject: (raw.subject as RatingSheetRow['subject']) ?? null,
    code: str(raw.code),
    flag: (raw.flag as Flag | null) ?? null,
    reasons: [],
    note: str(raw.note),
  };
  if (row.flag) {
    const checked = checkCell(row.flag, splitReasons(str(raw.reasons) ?? ''));
    if (checked.ok) row.reasons = checked.reasons;
    else problems.push({ ...at(columns, 'reasons', rowNumber), message: checked.message });
  } else if (str(raw.reasons) && !problems.some((p) => p.header === '评比结果')) {
    problems.push({ ...at(columns, 'flag', rowNumber), message: '填写了原因时，评比结果必填（红旗、黑旗或无）。' });
  }
  return { row, problems };
}

/** Where a column's problem is shown: its letter if the sheet has the column. */
export function at(columns: Map<string, number>, key: string, rowNumber: number): Omit<LedgerProblem, 'message'> {
  const spec = RATING_SHEET_COLUMNS.find((s) => s.key === key)!;
  const index = columns.get(key);
  return { row: rowNumber, column: index === undefined ? undefined : columnLetter(index), header: spec.header };
}

const str = (v: ParsedRow[string] | undefined) => (typeof v === 'string' ? v : null);

/**
 * Spreadsheet cell rules shared by every xlsx export and import: formula-injection escaping, column
 * letters, and telling an .xlsx from an .xls or a renamed .csv by its bytes.
 */

/** A text cell starting with one of these could be read as a formula by Excel, WPS or LibreOffice (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` to text that would start a formula; everything else is returned unchanged. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of escapeFormula, for re-importing our own exports: strips one `'` in front of a formula start. */
export function unescapeFormula(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** 1 → A, 26 → Z, 27 → AA. */
export function columnLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 'AB12' → { col: 28, row: 12 }; null if it is not an A1 reference. */
export function parseCellRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

export type SpreadsheetFileKind = 'xlsx' | 'xls' | 'csv' | 'zip' | 'empty' | 'unknown';

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/**
 * What a file really is, from its first bytes: an xlsx is a ZIP with xl/ parts (its first local entry
 * is [Content_Types].xml or another OOXML part), an .xls an OLE compound file (D0 CF 11 E0 …), a CSV
 * plain text. `zip` is a ZIP that is not a workbook; `unknown` anything else.
 */
export function sniffSpreadsheet(bytes: Uint8Array): SpreadsheetFileKind {
  if (bytes.length === 0) return 'empty';
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(OLE)) return 'xls';
  if (starts(ZIP)) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
    return /\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/worksheets\/|_rels\/\.rels/.test(head) ? 'xlsx' : 'zip';
  }
  return looksLikeText(bytes.subarray(0, 4096)) ? 'csv' : 'unknown';
}

function looksLikeText(head: Uint8Array): boolean {
  let offset = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) offset = 3; // UTF-8 BOM (Excel's CSV export)
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true; // UTF-16 text
  let controls = 0;
  for (let i = offset; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  }
  return controls <= head.length / 100;
}

/** The Chinese message for a file that is not an xlsx, or null when it is one. */
export function spreadsheetKindMessage(kind: SpreadsheetFileKind): string | null {
  switch (kind) {
    case 'xlsx':
      return null;
    case 'xls':
      return '这是旧版 Excel 97-2003 工作簿（.xls），系统只接受 .xlsx：请在 Excel 或 WPS 中打开，选择「另存为」→「Excel 工作簿（*.xlsx）」后再上传。';
    case 'csv':
      return '这是 CSV 文本文件（扩展名被改成了 .xlsx），不是 Excel 工作簿：请用 Excel 或 WPS 打开它，选择「另存为」→「Excel 工作簿（*.xlsx）」后再上传，或直接使用下载的模板填写。';
    case 'zip':
      return '这是一个 ZIP 压缩包，不是 Excel 工作簿：请上传 .xlsx 文件本身。';
    case 'empty':
      return '上传的文件是空的（0 字节），请重新选择文件。';
    default:
      return '无法识别的文件：不是 Excel 工作簿（.xlsx）。请使用下载的模板填写后上传。';
  }
}

import { describe, expect, it } from 'vitest';
import { columnLetter, escapeFormula, parseCellRef, sniffSpreadsheet, spreadsheetKindMessage, unescapeFormula } from '@/lib/domain/spreadsheet';

describe('formula-injection escaping', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+86 138', "'+86 138"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['=HYPERLINK("http://evil","点我")', '\'=HYPERLINK("http://evil","点我")'],
  ])('escapes %j', (input, escaped) => {
    expect(escapeFormula(input)).toBe(escaped);
    expect(unescapeFormula(escaped)).toBe(input);
  });

  it.each(['中山路18号', 'QH-0001', '027-85550001', '', "'quoted", ' =leading space', 'a=b'])('leaves %j alone', (text) => {
    expect(escapeFormula(text)).toBe(text);
  });

  it('unescapes only a quote in front of a formula start', () => {
    expect(unescapeFormula("'abc")).toBe("'abc");
    expect(unescapeFormula("'")).toBe("'");
    expect(unescapeFormula("''=1")).toBe("''=1");
  });
});

describe('columns', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [703, 'AAA'],
  ])('%i is %s and back', (n, letter) => {
    expect(columnLetter(n)).toBe(letter);
    expect(parseCellRef(`${letter}7`)).toEqual({ col: n, row: 7 });
  });
  it('refuses what is not a cell reference', () => {
    expect(parseCellRef('A')).toBeNull();
    expect(parseCellRef('7A')).toBeNull();
  });
});

describe('what a file really is', () => {
  const bytes = (...parts: (number[] | string)[]) =>
    new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))));
  it('an xlsx is a ZIP with OOXML parts', () => {
    expect(sniffSpreadsheet(bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml'))).toBe('xlsx');
    expect(sniffSpreadsheet(bytes([0x50, 0x4b, 0x03, 0x04], '....photo.jpg'))).toBe('zip');
  });
  it('an .xls by its OLE header', () => {
    expect(sniffSpreadsheet(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0, 0, 0]))).toBe('xls');
  });
  it('a renamed CSV, with or without BOM, in UTF-8 or UTF-16', () => {
    expect(sniffSpreadsheet(bytes('商户编号,商户名称\nA,B\n'))).toBe('csv');
    expect(sniffSpreadsheet(bytes([0xef, 0xbb, 0xbf], 'a,b\r\n'))).toBe('csv');
    expect(sniffSpreadsheet(bytes([0xff, 0xfe, 0x41, 0]))).toBe('csv');
  });
  it('binary junk and an empty file', () => {
    expect(sniffSpreadsheet(bytes([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]))).toBe('unknown');
    expect(sniffSpreadsheet(new Uint8Array())).toBe('empty');
  });
  it('has a Chinese message for everything but an xlsx', () => {
    expect(spreadsheetKindMessage('xlsx')).toBeNull();
    for (const k of ['xls', 'csv', 'zip', 'empty', 'unknown'] as const) expect(spreadsheetKindMessage(k)).toMatch(/[\u4e00-\u9fff]/);
    expect(spreadsheetKindMessage('xls')).toContain('.xls');
    expect(spreadsheetKindMessage('csv')).toContain('CSV');
  });
});

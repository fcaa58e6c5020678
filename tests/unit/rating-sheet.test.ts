/** The 红黑旗评比表's columns and one row's rules, and the 责任牌's content. */
import { describe, expect, it } from 'vitest';
import { problemText } from '@/lib/domain/ledger';
import { buildMerchantBoardContent, MERCHANT_BOARD_CHIEFS, merchantBoardFingerprint } from '@/lib/domain/merchant-board';
import { matchRatingHeaders, parseRatingRow, RATING_SHEET_COLUMNS } from '@/lib/domain/rating-sheet';

const headers = RATING_SHEET_COLUMNS.map((c) => c.header);
const columns = new Map(RATING_SHEET_COLUMNS.map((c, i) => [c.key, i + 1]));
const parse = (cells: (string | null)[]) => {
  const r = parseRatingRow(2, columns, cells);
  return { row: r.row, problems: r.problems.map(problemText) };
};

describe('rating sheet', () => {
  it('matches its header row, full-width brackets and stars included, and names a wrong column', () => {
    expect(matchRatingHeaders(headers.map((h, i) => (i === 1 ? `${h}*` : h))).ok).toBe(true);
    const bad = matchRatingHeaders([...headers, '旗子']);
    expect(!bad.ok && bad.problems.map(problemText)).toEqual(['第 1 行 G 列：表头「旗子」不是红黑旗评比表的列。应为：对象、编号、名称、评比结果、原因、备注。请使用下载的模板。']);
    const missing = matchRatingHeaders(['对象', '评比结果']);
    expect(!missing.ok && missing.problems.map(problemText)).toEqual(['第 1 行：缺少必填列「编号」。应有的列：对象、编号、名称、评比结果、原因、备注。']);
  });

  it.each([
    [['商户', 'qh-m00001', '老王', '黑旗', '乱堆乱放、出店经营', '复查'], { subject: 'merchant', code: 'QH-M00001', flag: 'black', reasons: ['piling', 'outside_business'], note: '复查' }, []],
    [['路段', 'QH-0001', null, '红', null, null], { subject: 'segment', code: 'QH-0001', flag: 'red', reasons: [], note: null }, []],
    [['商户', 'QH-M00001', null, null, null, null], { flag: null, reasons: [] }, []],
    [['商户', 'QH-M00001', null, '黑旗', null, null], { flag: 'black' }, ['第 2 行 E 列（原因）：黑旗必须至少选择一个原因。']],
    [['商户', 'QH-M00001', null, null, '乱堆乱放', null], { flag: null }, ['第 2 行 D 列（评比结果）：填写了原因时，评比结果必填（红旗、黑旗或无）。']],
    [['门店', 'QH-M00001', null, '无', null, null], { subject: null }, ['第 2 行 A 列（对象）：「门店」不是可选值，应为：商户、路段。']],
    [['商户', null, null, '无', null, null], { code: null }, ['第 2 行 B 列（编号）：必填，不能为空。']],
  ] as const)('%j', (cells, row, problems) => {
    const r = parse([...cells]);
    expect(r.row).toMatchObject(row);
    expect(r.problems).toEqual(problems);
  });
});

describe('merchant board content', () => {
  const input = {
    districtName: '清河区',
    merchantCode: 'QH-M00001',
    merchantName: '老王早点铺😀',
    address: '中山路18号',
    segmentCode: 'QH-0001',
    segmentName: '中山路（解放大道—青年路）',
    streetName: '清河街道',
    chiefs: [
      { level: 'total' as const, name: '张伟', phone: '027-1' },
      { level: 'first' as const, name: '李娜', phone: '027-2' },
      { level: 'second' as const, name: '王芳', phone: null },
      { level: 'third' as const, name: '赵强', phone: '027-4' },
    ],
    hotline: '12319',
    qrUrl: 'http://localhost:3000/m/QH-M00001',
    primaryColor: 'red',
    agreementSignedOn: '2026-01-05',
  };

  it('prints the area, the three duties, at most three chiefs, clean text and a valid colour', () => {
    const c = buildMerchantBoardContent(input);
    expect(c.merchantName).toBe('老王早点铺');
    expect(c.area).toBe('中山路18号门前至路沿石（中山路（解放大道—青年路），清河街道）');
    expect(c.duties).toHaveLength(3);
    expect(c.chiefs).toHaveLength(MERCHANT_BOARD_CHIEFS);
    expect(c.chiefs[0]).toEqual({ levelLabel: '总路长', name: '张伟', phone: '027-1' });
    expect(c.chiefs[2]!.phone).toBe('');
    expect(c.primaryColor).toBe('#0b5cab');
    expect(c.qrUrl).toBe(input.qrUrl);
  });

  it('changes its fingerprint with what is printed and with the size', () => {
    const a = buildMerchantBoardContent(input);
    const b = buildMerchantBoardContent({ ...input, hotline: '12345' });
    expect(merchantBoardFingerprint(a, [60, 40])).not.toBe(merchantBoardFingerprint(b, [60, 40]));
    expect(merchantBoardFingerprint(a, [60, 40])).not.toBe(merchantBoardFingerprint(a, [90, 60]));
    expect(merchantBoardFingerprint(a, [60, 40])).toBe(merchantBoardFingerprint(buildMerchantBoardContent(input), [60, 40]));
  });
});

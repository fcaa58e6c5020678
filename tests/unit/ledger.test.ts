import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, matchHeaders, normalizeHeader, parseLedgerRow, problemText, type Cell, type LedgerKind } from '@/lib/domain/ledger';

const headers = (kind: LedgerKind) => LEDGER_COLUMNS[kind].map((c) => c.header);
const columnsOf = (kind: LedgerKind) => {
  const m = matchHeaders(kind, headers(kind));
  if (!m.ok) throw new Error('template headers must match');
  return m.columns;
};
const row = (kind: LedgerKind, values: Record<string, Cell>) => LEDGER_COLUMNS[kind].map((c) => values[c.key] ?? null);
const merchant = (over: Record<string, Cell> = {}) =>
  row('merchants', {
    code: 'qh-m00001 ',
    name: '老王早点铺',
    address: '中山路18号',
    segmentCode: 'ｑｈ－0001',
    kind: '餐饮',
    creditCode: '9135 0100m000100y43',
    responsiblePerson: '王建国',
    contactPhone: 13800000000,
    agreementSignedOn: new Date(Date.UTC(2026, 0, 5)),
    ...over,
  });
const parse = (kind: LedgerKind, cells: Cell[]) => {
  const r = parseLedgerRow(kind, 2, columnsOf(kind), cells);
  return { row: r.row, problems: r.problems.map(problemText) };
};

describe('header matching', () => {
  it('accepts the template headers in any order, with spaces, asterisks and half-width brackets', () => {
    const h = headers('segments').reverse().map((x) => ` ${x.replace('（', '(').replace('）', ')')}* `);
    const m = matchHeaders('segments', h);
    expect(m.ok && m.columns.get('code')).toBe(10);
    expect(normalizeHeader('长度 (米)*')).toBe('长度（米）');
  });
  it('names an unknown header, a repeated one and a missing required one', () => {
    const m = matchHeaders('merchants', ['商户编号', '商户编号', '店名']);
    expect(m.ok).toBe(false);
    const texts = m.ok ? [] : m.problems.map(problemText);
    expect(texts[0]).toBe('第 1 行 B 列：表头「商户编号」重复出现（已在 A 列）。');
    expect(texts[1]).toMatch(/^第 1 行 C 列：表头「店名」不是商户台账的列。应为：商户编号、商户名称/);
    expect(texts).toContain(`第 1 行：缺少必填列「商户名称」。应有的列：${headers('merchants').join('、')}。`);
  });
  it('an empty first row is a problem of its own', () => {
    const m = matchHeaders('chiefs', [null, '']);
    expect(m.ok ? [] : m.problems.map(problemText)).toEqual([`第 1 行：第一行应是表头（${headers('chiefs').join('、')}），但它是空的。`]);
  });
});

describe('row validation', () => {
  it('normalises codes, credit codes, numbers-as-phone and dates', () => {
    const { row, problems } = parse('merchants', merchant());
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ code: 'QH-M00001', segmentCode: 'QH-0001', creditCode: '91350100M000100Y43', contactPhone: '13800000000', agreementSignedOn: '2026-01-05' });
  });
  it('takes a date serial without a date format as that date', () => {
    expect(parse('merchants', merchant({ agreementSignedOn: 46027 })).row.agreementSignedOn).toBe('2026-01-05');
  });
  it.each([
    ['a date as text', { agreementSignedOn: '2026/1/5' }, '第 2 行 I 列（责任书签订日期）：日期写成了文本「2026/1/5」。请把该单元格设为日期格式（设置单元格格式 → 日期），再重新输入日期。'],
    ['an empty required cell', { responsiblePerson: ' ' }, '第 2 行 G 列（负责人）：必填，不能为空。'],
    ['a bad credit code', { creditCode: '91350100M000100Y44' }, '第 2 行 F 列（统一社会信用代码）：统一社会信用代码「91350100M000100Y44」无效：应为 18 位（数字和大写字母，不含 I、O、S、V、Z），且最后一位校验码正确。'],
    ['a bad segment code', { segmentCode: '中山路' }, '第 2 行 D 列（路段编号）：路段编号「中山路」格式不对，应为字母前缀-数字，如 QH-0001。'],
    ['a bad merchant code', { code: 'QH M/1' }, '第 2 行 A 列（商户编号）：商户编号「QHM/1」只能由字母、数字和连字符组成。'],
    ['too long', { name: '店'.repeat(61) }, '第 2 行 B 列（商户名称）：内容过长（61 字），最多 60 字。'],
  ])('%s', (_, over, message) => {
    expect(parse('merchants', merchant(over as Record<string, Cell>)).problems).toEqual([message]);
  });
  it('segments: grade from its Chinese label, length an integer', () => {
    const base = { code: 'QH-0901', road: '中山路', fromCross: '甲', toCross: '乙', grade: '背街小巷', street: '望江街道', lengthM: 860 };
    expect(parse('segments', row('segments', base)).row).toMatchObject({ code: 'QH-0901', grade: 'alley', lengthM: 860, name: null });
    expect(parse('segments', row('segments', { ...base, grade: '快速路', lengthM: '八百' })).problems).toEqual([
      '第 2 行 F 列（道路等级）：「快速路」不是可选值，应为：主干道、次干道、背街小巷。',
      '第 2 行 I 列（长度（米））：应为不小于 0 的整数，实为「八百」。',
    ]);
  });
  it('chiefs: a segment needs a level, a level needs a segment', () => {
    const base = { name: '张伟', title: '主任', phone: '027-1', patrolFrequency: '每周巡查', duties: '巡查' };
    expect(parse('chiefs', row('chiefs', base)).problems).toEqual([]);
    expect(parse('chiefs', row('chiefs', base)).row.patrolFrequency).toBe('weekly');
    expect(parse('chiefs', row('chiefs', { ...base, segmentCode: 'QH-0001' })).problems).toEqual([
      '第 2 行 H 列（路长级别）：填写了路段编号时，路长级别必填（总路长、一级路长、二级路长、三级路长）。',
    ]);
    expect(parse('chiefs', row('chiefs', { ...base, level: '一级路长' })).problems).toEqual(['第 2 行 G 列（路段编号）：填写了路长级别或任职日期时，路段编号必填。']);
  });
  it('strips the formula escape our own exports add', () => {
    expect(parse('merchants', merchant({ name: "'=1+1" })).row.name).toBe('=1+1');
  });
});

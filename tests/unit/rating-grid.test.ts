/** The rating grid's cell rules: reasons per flag, months, and the reason codes shared with the demo seed. */
import { describe, expect, it } from 'vitest';
import { BLACK_REASONS, checkCell, futureMonthMessage, monthLabel, monthStart, reasonLabel, RED_REASONS, splitReasons } from '@/lib/domain/rating-grid';

describe('checkCell', () => {
  it.each([
    ['black', ['乱堆乱放'], { ok: true, reasons: ['piling'] }],
    ['black', ['outside_business', '门前不洁', '门前不洁'], { ok: true, reasons: ['dirty_front', 'outside_business'] }],
    ['black', [], { ok: false, message: '黑旗必须至少选择一个原因。' }],
    ['black', ['门前整洁有序'], { ok: false }],
    ['red', [], { ok: true, reasons: [] }],
    ['red', ['门前整洁有序'], { ok: true, reasons: ['tidy_front'] }],
    ['red', ['乱堆乱放'], { ok: false }],
    ['none', [], { ok: true, reasons: [] }],
    ['none', ['乱堆乱放'], { ok: false, message: '评为「无」时不填原因。' }],
    ['black', ['  乱堆乱放 ', ''], { ok: true, reasons: ['piling'] }],
  ] as const)('%s with %j', (flag, reasons, expected) => {
    expect(checkCell(flag, reasons)).toMatchObject(expected);
  });

  it('names the allowed reasons when one is unknown', () => {
    const r = checkCell('black', ['随地吐痰']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('「随地吐痰」不是黑旗的可选原因');
    expect(!r.ok && r.message).toContain('未参与应急除雪');
  });
});

describe('months', () => {
  it.each([
    ['2026-10', '2026-10-01'],
    ['2026-1', '2026-01-01'],
    [' 2026-12 ', '2026-12-01'],
    ['2026-13', null],
    ['2026-00', null],
    ['26-10', null],
    ['2026/10', null],
    ['1999-10', null],
  ])('monthStart(%j) = %j', (text, expected) => {
    expect(monthStart(text)).toBe(expected);
  });

  it('labels and refuses later months only', () => {
    expect(monthLabel('2026-03-01')).toBe('2026年3月');
    expect(futureMonthMessage('2026-11-01', '2026-11-01')).toBeNull();
    expect(futureMonthMessage('2026-10-01', '2026-11-01')).toBeNull();
    expect(futureMonthMessage('2026-12-01', '2026-11-01')).toBe('2026年12月还没有到，不能评比。');
  });
});

describe('reasons', () => {
  it('have one code and one label each, so a typed label finds one code', () => {
    const all = [...BLACK_REASONS, ...RED_REASONS];
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
    expect(new Set(all.map((r) => r.label)).size).toBe(all.length);
  });

  it('splits a typed reasons cell and labels codes', () => {
    expect(splitReasons('乱堆乱放、出店经营，门前不洁; 乱贴乱挂')).toEqual(['乱堆乱放', '出店经营', '门前不洁', '乱贴乱挂']);
    expect(reasonLabel('piling')).toBe('乱堆乱放');
    expect(reasonLabel('legacy')).toBe('legacy');
  });
});

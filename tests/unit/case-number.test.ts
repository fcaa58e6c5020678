import { describe, expect, it } from 'vitest';
import {
  LOOKUP_ALPHABET,
  caseDay,
  formatCaseNumber,
  lookupCodeFromBytes,
  normalizeCaseNumber,
  normalizeLookupCode,
} from '@/lib/domain/case-number';

describe('case numbers', () => {
  it('use the China-time calendar day, not UTC', () => {
    // 23:30 UTC on the 21st is 07:30 on the 22nd in China.
    expect(caseDay(new Date('2026-11-21T23:30:00Z'))).toBe('20261122');
    expect(formatCaseNumber(new Date('2026-11-21T23:30:00Z'), 42)).toBe('20261122-0042');
  });

  it('grow past four digits instead of wrapping', () => {
    expect(formatCaseNumber(new Date('2026-11-22T04:00:00Z'), 12345)).toBe('20261122-12345');
  });

  it.each([0, -1, 1.5])('refuse sequence %s', (seq) => {
    expect(() => formatCaseNumber(new Date(), seq)).toThrow(RangeError);
  });

  it.each([
    ['20261122-0042', '20261122-0042'],
    [' 20261122 0042 ', '20261122-0042'],
    ['202611220042', '20261122-0042'],
    ['２０２６１１２２－００４２', '20261122-0042'],
    ['20261122—0042', '20261122-0042'],
    ['2026112-0042', null],
    ['abc', null],
    ['', null],
    ["20261122-0042'; drop table cases;--", null],
  ])('normalise %j to %j', (input, expected) => {
    expect(normalizeCaseNumber(input)).toBe(expected);
  });
});

describe('lookup codes', () => {
  it('avoid characters people confuse', () => {
    for (const ch of '0O1IL2Z5S8B') expect(LOOKUP_ALPHABET).not.toContain(ch);
  });

  it('are six characters from the alphabet whatever the bytes', () => {
    for (const bytes of [new Uint8Array(6), new Uint8Array(6).fill(255), Uint8Array.from([1, 2, 3, 4, 5, 6, 7])]) {
      const code = lookupCodeFromBytes(bytes);
      expect(code).toHaveLength(6);
      for (const ch of code) expect(LOOKUP_ALPHABET).toContain(ch);
    }
  });

  it('need six bytes', () => {
    expect(() => lookupCodeFromBytes(new Uint8Array(5))).toThrow(RangeError);
  });

  it.each([
    ['ac4d7k', 'AC4D7K'],
    [' AC4 D7K ', 'AC4D7K'],
    ['ＡＣ４Ｄ７Ｋ', 'AC4D7K'],
    ['AC4D70', null],
    ['AC4D7', null],
    ['AC4D7KK', null],
  ])('normalise %j to %j', (input, expected) => {
    expect(normalizeLookupCode(input)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, normalizeCreditCode } from '@/lib/domain/credit-code';

// Published examples of valid 统一社会信用代码 (their check characters are part of the public record).
const VALID = ['91350100M000100Y43', '91110000802100433B', '91310000775785552L'];

describe('统一社会信用代码', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(normalizeCreditCode(code)).toBe(code);
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('accepts lower case, spaces and full-width characters', () => {
    expect(normalizeCreditCode(' 9135 0100m000100y43 ')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['17 characters', '91350100M000100Y4'],
    ['a forbidden letter (I/O/S/V/Z)', '91350100M000100O43'],
    ['empty input', ''],
    ['markup', '<script>alert(1)</script>'],
  ])('refuses %s', (_name, code) => {
    expect(normalizeCreditCode(code)).toBeNull();
  });

  it('needs exactly 17 valid characters to compute a check character', () => {
    expect(() => creditCodeCheckChar('123')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9135010OM000100Y4')).toThrow(RangeError);
  });
});

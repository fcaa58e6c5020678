import { describe, expect, it } from 'vitest';
import { normalizeSegmentCode } from '@/lib/domain/segment-code';

describe('normalizeSegmentCode', () => {
  it.each([
    ['a canonical code', 'QH-0001', 'QH-0001'],
    ['a code with digits in the prefix', 'C03-0022', 'C03-0022'],
    ['the shortest code', 'A-1', 'A-1'],
    ['the longest code', 'ABCDEF-123456', 'ABCDEF-123456'],
    ['lower case', 'qh-0001', 'QH-0001'],
    ['mixed case', 'Qh-0001', 'QH-0001'],
    ['full-width letters, digits and hyphen', 'ＱＨ－０００１', 'QH-0001'],
    ['full-width lower case', 'ｑｈ－０００１', 'QH-0001'],
    ['surrounding spaces and tabs', '  QH-0001\t', 'QH-0001'],
    ['an ideographic space', '\u3000QH-0001\u3000', 'QH-0001'],
    ['a trailing newline', 'QH-0001\n', 'QH-0001'],
    ['an en dash', 'QH–0001', 'QH-0001'],
    ['an em dash', 'QH—0001', 'QH-0001'],
    ['a minus sign', 'QH−0001', 'QH-0001'],
  ])('accepts %s', (_name, input, expected) => {
    expect(normalizeSegmentCode(input)).toBe(expected);
  });

  it.each([
    ['empty input', ''],
    ['only spaces', '   '],
    ['no hyphen', 'QH0001'],
    ['two hyphens', 'QH-00-01'],
    ['an empty prefix', '-0001'],
    ['an empty number', 'QH-'],
    ['letters in the number', 'QH-00A1'],
    ['a prefix of 7 characters', 'ABCDEFG-1'],
    ['a number of 7 digits', 'QH-1234567'],
    ['a space inside', 'QH -0001'],
    ['an underscore', 'QH_0001'],
    ['a slash', 'QH/0001'],
    ['a path', '../QH-0001'],
    ['a query string', 'QH-0001?x=1'],
    ['an emoji', 'QH-0001🚧'],
    ['only an emoji', '🚧'],
    ['Chinese text', '中山路'],
    ['markup', '<script>alert(1)</script>'],
    ['a NUL character', 'QH-0001\u0000'],
    ['a percent-encoded NUL', 'QH-0001%00'],
    ['a zero-width space', 'QH\u200B-0001'],
    ['SQL', "QH-0001' or '1'='1"],
    ['500 characters', 'Q'.repeat(500)],
    ['a valid code padded past the input limit', `${' '.repeat(100)}QH-0001`],
  ])('refuses %s', (_name, input) => {
    expect(normalizeSegmentCode(input)).toBeNull();
  });

  it('returns a canonical code unchanged, so normalising twice changes nothing', () => {
    for (const input of ['qh-0001', 'ＱＨ－０００１', ' c03-0022 ']) {
      const once = normalizeSegmentCode(input)!;
      expect(normalizeSegmentCode(once)).toBe(once);
    }
  });
});

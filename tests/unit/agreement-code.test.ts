import { describe, expect, it } from 'vitest';
import { agreementCode, AGREEMENT_CODE_ALPHABET, normalizeAgreementCode } from '@/lib/domain/agreement-code';

describe('责任书编号', () => {
  it('is 4-4 characters from the unambiguous alphabet, stable per merchant and secret', () => {
    const a = agreementCode('secret', 'QH-M00001');
    expect(a).toMatch(new RegExp(`^[${AGREEMENT_CODE_ALPHABET}]{4}-[${AGREEMENT_CODE_ALPHABET}]{4}$`));
    expect(agreementCode('secret', 'QH-M00001')).toBe(a);
    expect(agreementCode('secret', 'QH-M00002')).not.toBe(a);
    expect(agreementCode('other', 'QH-M00001')).not.toBe(a);
  });

  it('forgives case, spaces, dashes and full-width characters', () => {
    expect(normalizeAgreementCode(' ab3d 7kxm ')).toBe('AB3D-7KXM');
    expect(normalizeAgreementCode('ＡＢ３Ｄ－７ＫＸＭ')).toBe('AB3D-7KXM');
  });

  it.each([['too short', 'AB3D-7KX'], ['a lookalike 0', 'AB3D-7KX0'], ['an I', 'AB3D-7KXI'], ['empty', '']])('refuses %s', (_n, s) => {
    expect(normalizeAgreementCode(s)).toBeNull();
  });
});

/**
 * The 责任书编号 printed on a merchant's 《市容环境卫生责任书》: eight characters derived from the merchant's
 * code with a server secret, so the public merchant code (on the 责任牌 and in its QR) does not give it away.
 * No lookalike characters (0/O, 1/I/L), grouped 4-4 for reading aloud.
 */
import { createHmac } from 'node:crypto';

export const AGREEMENT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // 31 characters
const LENGTH = 8;

/** 'ABCD-EFGH' for the merchant with this code. `secret` is derivedSecret(serverSecret, 'agreement-code'). */
export function agreementCode(secret: string, merchantCode: string): string {
  const digest = createHmac('sha256', secret).update(merchantCode).digest();
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += AGREEMENT_CODE_ALPHABET[digest[i]! % AGREEMENT_CODE_ALPHABET.length];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** What a person typed → 'ABCD-EFGH', or null if it cannot be a 责任书编号 (case, spaces, dashes and full-width forms are forgiven). */
export function normalizeAgreementCode(input: string): string | null {
  const s = input.normalize('NFKC').toUpperCase().replace(/[\s\-－—_]/g, '');
  if (s.length !== LENGTH) return null;
  for (const ch of s) if (!AGREEMENT_CODE_ALPHABET.includes(ch)) return null;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

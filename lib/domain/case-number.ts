/**
 * Case numbers a citizen can read aloud (date + daily sequence, e.g. 20261122-0042) and the 6-character
 * lookup code that must accompany them on the public tracking page.
 */
import { cstIsoDate } from './calendar';

/** Characters that cannot be confused when read off a screenshot: no 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
export const LOOKUP_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const LOOKUP_CODE_LENGTH = 6;

/** The China-Standard-Time calendar day of an instant, as YYYYMMDD. */
export function caseDay(at: Date): string {
  return cstIsoDate(at).replaceAll('-', '');
}

export function formatCaseNumber(at: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `${caseDay(at)}-${String(sequence).padStart(4, '0')}`;
}

const CASE_NUMBER = /^(\d{8})-(\d{4,})$/;

/** Accepts what people type: full-width digits, spaces, a missing or different dash. Returns null if it cannot be a case number. */
export function normalizeCaseNumber(input: string): string | null {
  const ascii = input
    .normalize('NFKC')
    .trim()
    .replace(/[\s_—–－]+/g, '-')
    .replace(/^(\d{8})(\d{4,})$/, '$1-$2');
  return CASE_NUMBER.test(ascii) ? ascii : null;
}

/** A lookup code from random bytes (pass crypto.randomBytes(6) or a seeded source). Rejection-free: 256 % 25 bias is < 3%, acceptable for a code that is also rate-limited. */
export function lookupCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < LOOKUP_CODE_LENGTH) throw new RangeError(`need ${LOOKUP_CODE_LENGTH} bytes`);
  let code = '';
  for (let i = 0; i < LOOKUP_CODE_LENGTH; i++) code += LOOKUP_ALPHABET[bytes[i]! % LOOKUP_ALPHABET.length];
  return code;
}

/** Upper-cases and strips what people add; null when it holds a character outside the alphabet. */
export function normalizeLookupCode(input: string): string | null {
  const code = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (code.length !== LOOKUP_CODE_LENGTH) return null;
  for (const ch of code) if (!LOOKUP_ALPHABET.includes(ch)) return null;
  return code;
}

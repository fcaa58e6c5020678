/**
 * Segment codes as they arrive from a QR scan, a typed URL or a search box, and their one canonical form.
 * The canonical form is what is printed on the signboard QR, so it must never change once issued.
 */

/** A street prefix of up to 6 letters or digits, a hyphen, a number of up to 6 digits: QH-0001, C03-0022. */
export const SEGMENT_CODE_PATTERN = /^[A-Z0-9]{1,6}-[0-9]{1,6}$/;

/** Longer input cannot be a code; refusing it early keeps normalisation cheap on hostile input. */
const MAX_INPUT_LENGTH = 64;

/** Dashes a Chinese keyboard or a word processor puts where the hyphen belongs (NFKC leaves these alone). */
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * The canonical form of a segment code (NFKC, trimmed, upper case; full-width and typographic dashes
 * become '-'), or null when the input cannot be a segment code.
 */
export function normalizeSegmentCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const code = input.normalize('NFKC').replace(DASHES, '-').trim().toUpperCase();
  return SEGMENT_CODE_PATTERN.test(code) ? code : null;
}

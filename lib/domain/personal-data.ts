/**
 * What looks like a person's phone number or 居民身份证号码 in free text: the check every text that
 * becomes public passes (曝光台/点赞榜 entries, a case marked 公开). Pure; full-width digits count too.
 */

export type PersonalDataKind = 'mobile' | 'landline' | 'id_number';

export interface PersonalDataHit {
  kind: PersonalDataKind;
  /** The match as written, for the staff member to find it. */
  text: string;
  /** The same with the middle hidden, for messages and logs (138****8000). */
  masked: string;
}

export const PERSONAL_DATA_LABEL: Record<PersonalDataKind, string> = {
  mobile: '手机号码',
  landline: '固定电话',
  id_number: '身份证号码',
};

// Mainland mobiles (also with spaces or dashes) and landlines with an area code (0xx / 0xxx).
const MOBILE = /(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g;
// 18-character 居民身份证号码 (GB 11643): 6-digit area, birth date 19xx/20xx, 3-digit sequence, check character.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Whether an 18-character ID number's last character is its ISO 7064 MOD 11-2 check character. */
export function validIdNumberChecksum(id: string): boolean {
  if (!/^\d{17}[0-9Xx]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

function mask(text: string): string {
  const chars = [...text];
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}

/**
 * Every phone number and ID number in `text`, in order of appearance. An 18-digit run that fails the ID
 * checksum is not an ID number (order and receipt numbers are common in complaints); a run that is an ID
 * number is not also reported as a phone.
 */
export function findPersonalData(text: string): PersonalDataHit[] {
  const normal = text.normalize('NFKC');
  const hits: (PersonalDataHit & { at: number; end: number })[] = [];
  for (const m of normal.matchAll(ID_NUMBER)) {
    if (validIdNumberChecksum(m[0])) hits.push({ kind: 'id_number', text: m[0], masked: mask(m[0]), at: m.index, end: m.index + m[0].length });
  }
  const inside = (at: number) => hits.some((h) => h.kind === 'id_number' && at >= h.at && at < h.end);
  for (const [kind, re] of [
    ['mobile', MOBILE],
    ['landline', LANDLINE],
  ] as const) {
    for (const m of normal.matchAll(re)) {
      if (!inside(m.index)) hits.push({ kind, text: m[0], masked: mask(m[0]), at: m.index, end: m.index + m[0].length });
    }
  }
  return hits.sort((a, b) => a.at - b.at).map(({ kind, text: t, masked }) => ({ kind, text: t, masked }));
}

/** Whether `text` holds a mobile or landline number. */
export function containsPhoneNumber(text: string): boolean {
  return findPersonalData(text).some((h) => h.kind !== 'id_number');
}

/**
 * What a citizen types on /track and on their case page (lookup, rating, 问题未解决), normalised, with one
 * Chinese sentence per mistake; and the sentences for the answers that are not mistakes of input. Pure.
 */
import { z } from 'zod';
import { LOOKUP_ALPHABET, LOOKUP_CODE_LENGTH, normalizeCaseNumber, normalizeLookupCode } from './case-number';
import { waitText } from './abuse';
import { cleanText, containsMarkup } from './report';

import { COMMENT_MAX, REOPEN_REASON_MAX } from './track-fields';

export { COMMENT_MAX, REOPEN_REASON_MAX, TRACK_FIELDS } from './track-fields';

/** The one answer for a wrong pair and for a case that does not exist: nothing tells them apart. */
export const NOT_FOUND_MESSAGE = '未找到该案件，或查询码不正确。请核对回执上的案件编号和查询码。';

export const TRACK_MESSAGE = {
  numberMissing: '请填写案件编号。',
  numberInvalid: '案件编号格式不对：应为 8 位日期、短横线和序号，例如 20261122-0042。',
  proofMissing: '请填写回执上的查询码，或报案时所留手机号的后 4 位。',
  codeLength: `查询码是 ${LOOKUP_CODE_LENGTH} 位字母和数字，请核对回执。`,
  phone4Invalid: '手机号后 4 位应为 4 个数字。',
  starsMissing: '请选择 1 到 5 颗星。',
  reasonMissing: '请写明问题哪里还没有解决。',
  versionInvalid: '页面已过期，请刷新页面后重试。',
  accessMissing: '请先输入案件编号和查询码查询，再进行操作。',
} as const;

/** What the two citizen writes answer when they cannot be done, one sentence each. */
export const CITIZEN_WRITE_MESSAGE = {
  already_rated: '您已经评价过这件案件，每件案件只能评价一次。感谢您的反馈！',
  not_closed: '案件办结后才能评价或反映问题未解决。',
  window_passed: '已超过办结后 7 天，不能再在网上反映问题未解决。如问题仍在，请重新随手拍反映或拨打监督电话。',
  stale: '案件刚刚有了新的进展，页面已更新，请查看最新状态后再操作。',
  not_found: NOT_FOUND_MESSAGE,
} as const;
export type CitizenWriteError = keyof typeof CITIZEN_WRITE_MESSAGE;

/** Which limit refused a lookup: the asker's address, or the case number being tried. */
export type LookupLimitScope = 'ip' | 'case';

/** “查询太频繁，请 8 分钟后再试。” — the same sentence whether the refusal is shown at once or after a redirect. */
export function lookupRefusedMessage(scope: LookupLimitScope, retryAfterSeconds: number): string {
  return `${scope === 'ip' ? '查询' : '该案件编号的查询'}太频繁，请 ${waitText(retryAfterSeconds)}后再试。`;
}

/** The window_passed sentence for a district whose window is not 7 days. */
export function windowPassedMessage(windowDays: number): string {
  return CITIZEN_WRITE_MESSAGE.window_passed.replace('7 天', `${windowDays} 天`);
}

/** Characters a person typed into the code that no lookup code contains, for a precise message. */
function foreignCodeCharacters(raw: string): string[] {
  const typed = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return [...new Set([...typed].filter((ch) => !LOOKUP_ALPHABET.includes(ch)))];
}

export function codeMessage(raw: string): string {
  const foreign = foreignCodeCharacters(raw);
  if (foreign.length === 0) return TRACK_MESSAGE.codeLength;
  const shown = foreign.slice(0, 5).map((ch) => `“${ch}”`).join('');
  return `查询码里不会有${shown}这样的字符（为免看错，不用 0、O、1、I 等），请核对回执上的查询码。`;
}

export type TrackLookupField = 'number' | 'code' | 'phone4';
export type TrackLookup = { number: string; code: string; phoneLast4: null } | { number: string; code: null; phoneLast4: string };

/** Case number plus either the lookup code or the phone's last 4 digits; the code wins when both are given. */
export function parseTrackLookup(raw: {
  number?: string | null;
  code?: string | null;
  phone4?: string | null;
}): { ok: true; value: TrackLookup } | { ok: false; errors: Partial<Record<TrackLookupField, string>> } {
  const errors: Partial<Record<TrackLookupField, string>> = {};
  const rawNumber = raw.number ?? '';
  const rawCode = (raw.code ?? '').slice(0, 64); // only shown back in a message
  const rawPhone = raw.phone4 ?? '';
  // A real number is 13–16 characters; anything far longer is not one, however it normalises.
  const number = rawNumber.length <= 40 ? normalizeCaseNumber(rawNumber) : null;
  if (rawNumber.trim() === '') errors.number = TRACK_MESSAGE.numberMissing;
  else if (!number) errors.number = TRACK_MESSAGE.numberInvalid;

  let code: string | null = null;
  let phoneLast4: string | null = null;
  if (rawCode.trim() !== '') {
    code = normalizeLookupCode(rawCode);
    if (!code) errors.code = codeMessage(rawCode);
  } else if (rawPhone.trim() !== '') {
    const digits = rawPhone.length <= 20 ? rawPhone.normalize('NFKC').replace(/[\s-]+/g, '') : '';
    if (/^\d{4}$/.test(digits)) phoneLast4 = digits;
    else errors.phone4 = TRACK_MESSAGE.phone4Invalid;
  } else {
    errors.code = TRACK_MESSAGE.proofMissing;
  }
  if (Object.keys(errors).length > 0 || !number) return { ok: false, errors };
  return { ok: true, value: code ? { number, code, phoneLast4: null } : { number, code: null, phoneLast4: phoneLast4! } };
}

const version = z.coerce.number({ message: TRACK_MESSAGE.versionInvalid }).int(TRACK_MESSAGE.versionInvalid).positive(TRACK_MESSAGE.versionInvalid);

const boundedText = (max: number, label: string) =>
  z
    .string()
    .optional()
    .transform((v) => cleanText(v ?? ''))
    .refine((v) => [...v].length <= max, { message: `${label}最多 ${max} 个字。` })
    .refine((v) => !containsMarkup(v), { message: `${label}里不能包含网页代码（如尖括号标签），请只写文字。` });

const ratingSchema = z.object({
  stars: z
    .string({ message: TRACK_MESSAGE.starsMissing })
    .refine((v) => /^[1-5]$/.test(v.trim()), { message: TRACK_MESSAGE.starsMissing })
    .transform((v) => Number(v.trim())),
  comment: boundedText(COMMENT_MAX, '评价内容'),
  version,
});

const reopenSchema = z.object({
  reason: boundedText(REOPEN_REASON_MAX, '未解决的原因').refine((v) => v !== '', { message: TRACK_MESSAGE.reasonMissing }),
  version,
});

export type RatingInput = z.output<typeof ratingSchema>;
export type ReopenInput = z.output<typeof reopenSchema>;
type Parsed<T, F extends string> = { ok: true; value: T } | { ok: false; errors: Partial<Record<F, string>> };

function firstErrors<F extends string>(issues: z.core.$ZodIssue[]): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of issues) errors[issue.path[0] as F] ??= issue.message;
  return errors;
}

export function parseRating(raw: { stars?: string | null; comment?: string | null; version?: string | null }): Parsed<RatingInput, 'stars' | 'comment' | 'version'> {
  const result = ratingSchema.safeParse({ stars: raw.stars ?? undefined, comment: raw.comment ?? undefined, version: raw.version ?? '' });
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: firstErrors(result.error.issues) };
}

export function parseReopen(raw: { reason?: string | null; version?: string | null }): Parsed<ReopenInput, 'reason' | 'version'> {
  const result = reopenSchema.safeParse({ reason: raw.reason ?? undefined, version: raw.version ?? '' });
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: firstErrors(result.error.issues) };
}

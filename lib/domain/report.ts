/**
 * The 随手拍 report form's text fields: what a citizen may send, how what they type is normalised, and
 * the Chinese sentence for each mistake. Pure, shared by the server action, the upload API and the form.
 */
import { z } from 'zod';
import { normalizeSegmentCode } from './segment-code';

import { ADDRESS_MAX, DESCRIPTION_MAX, NAME_MAX, type FieldErrors, type ReportFieldName } from './report-form';

export { ADDRESS_MAX, DESCRIPTION_MAX, NAME_MAX, REPORT_FIELDS, type FieldErrors, type ReportFieldName } from './report-form';

/** Mainland mobile numbers: 11 digits starting 13–19, after dropping spaces, dashes and a +86/0086 prefix. */
export function normalizeMobile(input: string): string | null {
  const digits = input.normalize('NFKC').replace(/[\s\-()（）]/g, '').replace(/^(\+?86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** Text that looks like markup: a tag, a comment, or a script/javascript: URL. Stored text never carries it. */
export function containsMarkup(text: string): boolean {
  return /<\s*[a-zA-Z!/?]|javascript\s*:/i.test(text);
}

/** Collapses what people paste: NFC, no control characters, runs of blank lines shortened, trimmed. */
export function cleanText(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const optionalText = (max: number, label: string) =>
  z
    .string()
    .optional()
    .transform((v) => cleanText(v ?? ''))
    .refine((v) => [...v].length <= max, { message: `${label}最多 ${max} 个字。` })
    .refine((v) => !containsMarkup(v), { message: `${label}里不能包含网页代码（如尖括号标签），请用文字描述。` });

const coordinate = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: '位置信息无效，请重新点“使用我的位置”或填写地址。' });
        return z.NEVER;
      }
      return n;
    });

/**
 * The text fields' schema. `descriptionMax` is the form's 500 unless a caller speaks a protocol that allows
 * more (Open311: 4,000, lib/domain/open311).
 */
function reportFieldsSchema(descriptionMax: number) {
  return z
    .object({
      segment: z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (v === undefined || v.trim() === '') return null;
          const code = normalizeSegmentCode(v);
          if (!code) {
            ctx.addIssue({ code: 'custom', message: '路段编号格式不对，请从列表中选择路段。' });
            return z.NEVER;
          }
          return code;
        }),
      category: z
        .string({ message: '请选择问题类型。' })
        .transform((v) => v.trim().toUpperCase())
        .refine((v) => v !== '', { message: '请选择问题类型。' })
        .refine((v) => /^[BS]\d{2,6}$/.test(v), { message: '问题类型无效，请重新选择。' }),
      description: optionalText(descriptionMax, '问题描述'),
      address: optionalText(ADDRESS_MAX, '详细地址'),
      lat: coordinate(-90, 90),
      lng: coordinate(-180, 180),
      name: optionalText(NAME_MAX, '称呼'),
      phone: z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (v === undefined || v.trim() === '') return null;
          const phone = normalizeMobile(v);
          if (!phone) {
            ctx.addIssue({ code: 'custom', message: '手机号应为 11 位中国大陆手机号（1 开头），也可以不填。' });
            return z.NEVER;
          }
          return phone;
        }),
      consent: z
        .string()
        .optional()
        .transform((v) => v === 'on' || v === 'true' || v === '1'),
    })
    .superRefine((v, ctx) => {
      if ((v.name || v.phone) && !v.consent) {
        ctx.addIssue({ code: 'custom', path: ['consent'], message: '留下称呼或电话需要先勾选同意说明；不想留也可以清空它们再提交。' });
      }
      if (!v.segment && !v.address && v.lat === null) {
        ctx.addIssue({ code: 'custom', path: ['segment'], message: '请选择问题所在的路段，或填写详细地址。' });
      }
      if ((v.lat === null) !== (v.lng === null)) {
        ctx.addIssue({ code: 'custom', path: ['location'], message: '位置信息不完整，请重新点“使用我的位置”或填写地址。' });
      }
    });
}

const FORM_SCHEMA = reportFieldsSchema(DESCRIPTION_MAX);
const schemas = new Map<number, typeof FORM_SCHEMA>([[DESCRIPTION_MAX, FORM_SCHEMA]]);

export type ReportFields = z.output<typeof FORM_SCHEMA>;

/** Validates the text fields; errors are keyed by field, one sentence each (the first problem found). */
export function parseReportFields(
  raw: Record<string, string | undefined>,
  { descriptionMax = DESCRIPTION_MAX }: { descriptionMax?: number } = {},
): { ok: true; fields: ReportFields } | { ok: false; errors: FieldErrors } {
  let schema = schemas.get(descriptionMax);
  if (!schema) schemas.set(descriptionMax, (schema = reportFieldsSchema(descriptionMax)));
  const result = schema.safeParse(raw);
  if (result.success) {
    // Without a name or phone there is nothing to consent to; do not keep a stray tick.
    const fields = result.data;
    return { ok: true, fields: { ...fields, name: fields.name || '', consent: fields.consent && Boolean(fields.name || fields.phone) } };
  }
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = (issue.path[0] === 'lat' || issue.path[0] === 'lng' ? 'location' : issue.path[0]) as ReportFieldName;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The 24 hours within which the same segment and category is shown to the reporter as 类似问题已在处理中. */
export const DUPLICATE_WINDOW_HOURS = 24;

/** zod pieces for master-data forms: FormData strings in, Chinese messages out. */
import { z } from 'zod';
import { likeLiteral } from '../db/like';

const trimmed = z.preprocess((v) => (typeof v === 'string' ? v.normalize('NFKC').trim() : v), z.string().optional());

export const requiredText = (label: string, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.normalize('NFKC').trim() : ''), z.string().min(1, `请填写${label}。`).max(max, `${label}最多 ${max} 字。`));

export const optionalText = (label: string, max: number) =>
  trimmed.transform((v) => (v ? v : undefined)).pipe(z.string().max(max, `${label}最多 ${max} 字。`).optional());

export const optionalInt = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.normalize('NFKC').trim()) : undefined),
    z.number({ message: `${label}应为整数。` }).int(`${label}应为整数。`).min(0, `${label}不能为负数。`).max(10_000_000, `${label}过大。`).optional(),
  );

export const isoDateField = (label: string) =>
  trimmed.pipe(z.string({ message: `请填写${label}。` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为日期，如 2026-01-05。`));

/** `%text%` for ILIKE, with the user's own % and _ taken literally. */
export const like = (text: string) => `%${likeLiteral(text)}%`;

'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { clientIp } from '@/lib/abuse/client';
import { requireStaffAction } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { issueApiKey, RATE_PER_HOUR_MAX, revokeApiKey } from '@/lib/open311/keys';

export type IssueState = { ok: true; message: string; key: string } | { ok: false; message: string };
export type RevokeState = { ok: boolean; message: string };

const issueInput = z.object({
  name: z.string({ error: '请填写使用方名称。' }).trim().min(1, '请填写使用方名称（1–60 个字），如“12345 平台”。').max(60, '使用方名称最多 60 个字。'),
  ratePerHour: z.coerce
    .number({ error: '每小时提交上限应为整数。' })
    .int('每小时提交上限应为整数。')
    .min(1, '每小时提交上限至少为 1。')
    .max(RATE_PER_HOUR_MAX, `每小时提交上限最多 ${RATE_PER_HOUR_MAX}。`),
});

/** 签发: a new Open311 key; the key is in the answer once and never again. Admins only. */
export async function issueKeyAction(_prev: IssueState | null, form: FormData): Promise<IssueState> {
  const who = await requireStaffAction(['admin']);
  if (!who.ok) return { ok: false, message: who.message };
  const parsed = issueInput.safeParse({ name: form.get('name'), ratePerHour: form.get('ratePerHour') });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const ip = clientIp(await headers());
  const result = await issueApiKey(await getDb(), { actor: { id: who.staff.id, label: who.staff.username, ip: ip === 'unknown' ? null : ip }, ...parsed.data });
  revalidatePath('/staff/api-keys');
  if (!result.ok) return result;
  return { ok: true, key: result.key, message: `已为“${parsed.data.name}”签发密钥。请立即复制并安全地交给对方：离开本页后将无法再次查看。` };
}

/** 吊销: a key stops working at once. Admins only. */
export async function revokeKeyAction(_prev: RevokeState | null, form: FormData): Promise<RevokeState> {
  const who = await requireStaffAction(['admin']);
  if (!who.ok) return { ok: false, message: who.message };
  const id = z.coerce.number().int().positive().safeParse(form.get('id'));
  if (!id.success) return { ok: false, message: '参数有误：密钥编号不正确。' };
  const ip = clientIp(await headers());
  const result = await revokeApiKey(await getDb(), { actor: { id: who.staff.id, label: who.staff.username, ip: ip === 'unknown' ? null : ip }, id: id.data });
  revalidatePath('/staff/api-keys');
  return result;
}

'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { clientIp } from '@/lib/abuse/client';
import { requireStaffAction } from '@/lib/auth/staff';
import { revokeStaffSessions, setStaffActive } from '@/lib/auth/users';
import { getDb } from '@/lib/db';

export type UserActionResult = { ok: true; message: string } | { ok: false; message: string };

const input = z.object({
  userId: z.coerce.number({ error: '参数有误：账号编号不正确。' }).int().positive('参数有误：账号编号不正确。'),
  op: z.enum(['disable', 'enable', 'revoke'], { error: '参数有误：未知操作。' }),
});

/** 停用 / 启用 / 强制下线 one account. Admins only, checked here and not only by hiding the buttons. */
export async function userAction(_prev: UserActionResult | null, form: FormData): Promise<UserActionResult> {
  const who = await requireStaffAction(['admin']);
  if (!who.ok) return { ok: false, message: who.message };
  const parsed = input.safeParse({ userId: form.get('userId'), op: form.get('op') });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const ip = clientIp(await headers());
  const actor = { id: who.staff.id, label: who.staff.username, ip: ip === 'unknown' ? null : ip };
  const db = await getDb();
  const { userId, op } = parsed.data;
  const result = op === 'revoke' ? await revokeStaffSessions(db, { actor, userId }) : await setStaffActive(db, { actor, userId, active: op === 'enable' });
  revalidatePath('/staff/users');
  return result;
}

'use server';
/** An inspector's decision on one appeal: checked role and scope, one transaction, then the public pages are refreshed. */
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { clientIp } from '@/lib/abuse/client';
import { requireStaffAction } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { decideAppeal } from '@/lib/ratings/appeals';
import { revalidateAfterAppeal } from '@/lib/ratings/public';

export type DecideState = { ok: boolean; message: string } | null;

const input = z.object({
  appealId: z.coerce.number({ error: '参数有误：申诉编号不正确。' }).int().positive('参数有误：申诉编号不正确。').max(2_147_483_647, '参数有误：申诉编号不正确。'),
  decision: z.enum(['upheld', 'rejected'], { error: '请选择“申诉成立”或“申诉不成立”。' }),
  note: z.string({ error: '请填写处理意见。' }).max(500, '处理意见最长 500 字。'),
});

export async function decideAppealAction(_prev: DecideState, form: FormData): Promise<DecideState> {
  const who = await requireStaffAction(['admin', 'inspector']);
  if (!who.ok) return { ok: false, message: who.message };
  const parsed = input.safeParse({ appealId: form.get('appealId'), decision: form.get('decision'), note: form.get('note') ?? '' });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const ip = clientIp(await headers());
  const result = await decideAppeal(await getDb(), {
    ...parsed.data,
    actor: { id: who.staff.id, label: who.staff.username, scopeType: who.staff.scopeType, scopeAreaId: who.staff.scopeAreaId, ip: ip === 'unknown' ? null : ip },
  });
  if (!result.ok) return { ok: false, message: result.message };
  revalidateAfterAppeal(result);
  revalidatePath('/staff/appeals');
  return { ok: true, message: parsed.data.decision === 'upheld' ? '已认定申诉成立，黑旗已撤销。' : '已认定申诉不成立，维持黑旗。' };
}

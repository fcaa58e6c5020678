'use server';

import { revalidatePath, revalidateTag } from 'next/cache';
import { z } from 'zod';
import { requireStaffAction } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { FLAGS, monthStart } from '@/lib/domain/rating-grid';
import { lockRatingMonth, mayRateStreet, saveRatingCells, type SaveResult } from '@/lib/ratings/queries';
import { SEGMENTS_TAG } from '@/lib/segments/queries';

const RATERS = ['admin', 'inspector'] as const;

const saveInput = z.object({
  streetId: z.number().int().positive(),
  month: z.string(),
  changes: z
    .array(
      z.object({
        subject: z.enum(['merchant', 'segment']),
        id: z.number().int().positive(),
        flag: z.enum(FLAGS),
        reasons: z.array(z.string().max(40)).max(20),
        note: z.string().max(200).nullable().optional(),
        version: z.string().max(64).nullable(),
      }),
    )
    .max(5000),
});

export type GridSaveState = SaveResult | { ok: false; error: 'unauthenticated' | 'forbidden' | 'password_change_required'; message: string };

/** Saves the changed cells of one street's month (the grid sends only what changed, with the version each was read at). */
export async function saveGridAction(input: unknown): Promise<GridSaveState> {
  const who = await requireStaffAction(RATERS);
  if (!who.ok) return who;
  const parsed = saveInput.safeParse(input);
  const month = parsed.success ? monthStart(parsed.data.month) : null;
  if (!parsed.success || !month) return { ok: false, error: 'invalid', message: '提交的数据格式有误，请刷新页面后重试。' };
  if (!mayRateStreet(who.staff, parsed.data.streetId)) return { ok: false, error: 'forbidden', message: '您只能评比本街道的商户和路段。' };
  const result = await saveRatingCells(await getDb(), {
    streetId: parsed.data.streetId,
    month,
    changes: parsed.data.changes,
    actor: { id: who.staff.id, label: who.staff.username },
  });
  if (result.ok) revalidatePath('/staff/ratings');
  return result;
}

export type LockState = { ok: boolean; message: string } | null;

/** Locks a street's month: the flags become official and public. */
export async function lockMonthAction(_prev: LockState, form: FormData): Promise<LockState> {
  const who = await requireStaffAction(RATERS);
  if (!who.ok) return { ok: false, message: who.message };
  const streetId = Number(form.get('streetId'));
  const month = monthStart(String(form.get('month') ?? ''));
  if (!Number.isInteger(streetId) || streetId <= 0 || !month) return { ok: false, message: '参数有误，请刷新页面后重试。' };
  if (form.get('confirm') !== 'yes') return { ok: false, message: '请先勾选「确认锁定」：锁定后本月评比结果将公开，不能再修改。' };
  if (!mayRateStreet(who.staff, streetId)) return { ok: false, message: '您只能锁定本街道的评比。' };
  const result = await lockRatingMonth(await getDb(), { streetId, month, actor: { id: who.staff.id, label: who.staff.username } });
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePublished();
  return { ok: true, message: '已锁定并发布。红黑榜和商户页面将显示本月结果。' };
}

/** The public pages that show flags: merchant pages, the red and black lists, segment pages. */
function revalidatePublished() {
  revalidatePath('/staff/ratings');
  revalidatePath('/lists/red');
  revalidatePath('/lists/black');
  revalidatePath('/m/[code]', 'page');
  revalidateTag(SEGMENTS_TAG, 'max');
}

'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireStaffAction } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { problemText } from '@/lib/domain/ledger';
import { FLAGS, monthStart } from '@/lib/domain/rating-grid';
import { dryRunRatingImport, importRatings } from '@/lib/ratings/import';
import { revalidateRatingsPublished } from '@/lib/ratings/public';
import { lockRatingMonth, mayRateStreet, saveRatingCells, unlockRatingMonth, type SaveResult } from '@/lib/ratings/queries';

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

export type UnlockState = { ok: boolean; message: string; errors?: { reason?: string }; reason?: string; seq: number } | null;

/**
 * Unlocks a street's locked month (admins only): with a reason and a confirmation; the month leaves the
 * public lists and merchant pages until it is locked again. lib/ratings/queries refuses while an appeal on it is pending.
 */
export async function unlockMonthAction(prev: UnlockState, form: FormData): Promise<UnlockState> {
  const seq = (prev?.seq ?? 0) + 1;
  const who = await requireStaffAction(['admin']);
  if (!who.ok) return { ok: false, message: who.message, seq };
  const streetId = Number(form.get('streetId'));
  const month = monthStart(String(form.get('month') ?? ''));
  const lockedAt = new Date(String(form.get('lockedAt') ?? ''));
  const reason = String(form.get('reason') ?? '');
  if (!Number.isInteger(streetId) || streetId <= 0 || !month || Number.isNaN(lockedAt.getTime())) return { ok: false, message: '参数有误，请刷新页面后重试。', reason, seq };
  if (form.get('confirm') !== 'yes') return { ok: false, message: '请先勾选「确认解锁」：解锁后本月结果将从红黑榜和商户页面撤下，直到重新锁定。', reason, seq };
  if (!mayRateStreet(who.staff, streetId)) return { ok: false, message: '您只能解锁本街道的评比。', reason, seq };
  const result = await unlockRatingMonth(await getDb(), { streetId, month, reason, expectedLockedAt: lockedAt, actor: { id: who.staff.id, label: who.staff.username } });
  if (!result.ok) return { ok: false, message: result.message, errors: result.field ? { [result.field]: result.message } : undefined, reason, seq };
  revalidatePublished();
  return { ok: true, message: '已解锁。本月结果已从红黑榜和商户页面撤下，修改后请重新锁定发布。', seq };
}

/** The public pages that show flags (merchant pages, the red and black lists, segment pages), by part A's cache tags. */
function revalidatePublished() {
  revalidatePath('/staff/ratings');
  revalidateRatingsPublished();
}

/** Uploads larger than this are refused before reading (a street's sheet is a few hundred kB). */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type ImportState = {
  ok: boolean;
  mode: 'dryrun' | 'import';
  message: string;
  problems: string[];
  problemCount: number;
  summary: string[];
} | null;

/** 试运行 (mode=dryrun) lists every problem by row and column; 导入 (mode=import) writes only a clean file, all of it. */
export async function importAction(_prev: ImportState, form: FormData): Promise<ImportState> {
  const mode = form.get('mode') === 'import' ? 'import' : 'dryrun';
  const fail = (message: string): ImportState => ({ ok: false, mode, message, problems: [], problemCount: 0, summary: [] });
  const who = await requireStaffAction(RATERS);
  if (!who.ok) return fail(who.message);
  const month = monthStart(String(form.get('month') ?? ''));
  if (!month) return fail('请选择月份。');
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return fail('请选择要上传的 .xlsx 文件。');
  if (file.size > MAX_UPLOAD_BYTES) return fail('文件太大：评比表不能超过 20 MB。');
  const bytes = Buffer.from(await file.arrayBuffer());
  const db = await getDb();
  const actor = { id: who.staff.id, label: who.staff.username };
  if (mode === 'dryrun') {
    const run = await dryRunRatingImport(db, { bytes, month, scope: who.staff });
    return {
      ok: run.ok,
      mode,
      message: run.ok ? `试运行通过：${run.rowCount} 行，没有问题。可以导入。` : `发现 ${run.problemCount} 个问题，请修改文件后重新上传。`,
      problems: run.problems.map(problemText),
      problemCount: run.problemCount,
      summary: run.summary,
    };
  }
  const result = await importRatings(db, { bytes, month, scope: who.staff, actor });
  if (!result.ok) {
    return { ok: false, mode, message: result.message, problems: result.dryRun.problems.map(problemText), problemCount: result.dryRun.problemCount, summary: result.dryRun.summary };
  }
  revalidatePath('/staff/ratings');
  return { ok: true, mode, message: `已导入 ${result.saved} 项评比结果。`, problems: [], problemCount: 0, summary: result.summary };
}

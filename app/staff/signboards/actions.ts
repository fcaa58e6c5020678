'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { writeAudit } from '@/lib/audit/queries';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { normalizeSegmentCode } from '@/lib/domain/segment-code';
import { BOARD_TEMPLATES } from '@/lib/domain/signboard';
import { markPrinted } from '@/lib/signboards/queries';

const input = z.object({ code: z.string().max(64), template: z.enum(BOARD_TEMPLATES) });

export type MarkPrintedResult = { ok: true; code: string } | { ok: false; error: string };

export async function markPrintedAction(_prev: MarkPrintedResult | null, form: FormData): Promise<MarkPrintedResult> {
  const staff = await requireStaff(['admin'], '/staff/signboards');
  const parsed = input.safeParse({ code: form.get('code'), template: form.get('template') });
  const code = parsed.success ? normalizeSegmentCode(parsed.data.code) : null;
  if (!parsed.success || !code) return { ok: false, error: '参数有误：路段编号或版式不正确。' };
  const db = await getDb();
  const printed = await markPrinted(db, { code, template: parsed.data.template, userId: staff.id });
  if (!printed) return { ok: false, error: `没有编号为 ${code} 的路段。` };
  await writeAudit(db, {
    actorUserId: staff.id,
    actorLabel: staff.username,
    action: 'signboard.mark_printed',
    entityType: 'segment',
    entityId: code,
    detail: { template: parsed.data.template, hash: printed.hash },
  });
  revalidatePath('/staff/signboards');
  return { ok: true, code };
}

'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { writeAudit } from '@/lib/audit/queries';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { normalizeSegmentCode } from '@/lib/domain/segment-code';
import { BOARD_TEMPLATES } from '@/lib/domain/signboard';
import { removeDistrictLogo, setDistrictLogo } from '@/lib/signboards/logo';
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

export type LogoActionResult = { ok: true; message: string } | { ok: false; error: string };

/** Uploads the district logo (区徽) shown on every board; the file is judged by its bytes. */
export async function uploadLogoAction(_prev: LogoActionResult | null, form: FormData): Promise<LogoActionResult> {
  const staff = await requireStaff(['admin'], '/staff/signboards');
  const file = form.get('logo');
  const upload = file instanceof File ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : { name: '', bytes: Buffer.alloc(0) };
  const result = await setDistrictLogo(await getDb(), { ...upload, actor: { id: staff.id, label: staff.username } });
  if (!result.ok) return { ok: false, error: result.message };
  revalidatePath('/staff/signboards');
  return { ok: true, message: `区徽已更新（${result.width}×${result.height} 像素）。所有公示牌的内容随之改变，已印制的都需要重新印制。` };
}

export async function removeLogoAction(_prev: LogoActionResult | null, _form: FormData): Promise<LogoActionResult> {
  const staff = await requireStaff(['admin'], '/staff/signboards');
  const { removed } = await removeDistrictLogo(await getDb(), { actor: { id: staff.id, label: staff.username } });
  revalidatePath('/staff/signboards');
  return removed ? { ok: true, message: '区徽已移除：公示牌页眉只显示标题，已印制的都需要重新印制。' } : { ok: true, message: '当前没有区徽，无需移除。' };
}

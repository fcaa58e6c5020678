'use server';

import { revalidatePath, updateTag } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { clientIp } from '@/lib/abuse/client';
import { requireStaff, requireStaffAction, type SignedInStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { MAX_MASKS, maskRowsParam, PUBLICATION_ACTIONS, PUBLICATION_SOURCES, parseTags, type FieldErrors, type MaskRect, type MaskRowText } from '@/lib/domain/publication';
import { getSettings } from '@/lib/settings/queries';
import { PUBLICATIONS_TAG, publicationTag, resolveSourceId } from '@/lib/publications/queries';
import { addUploadedPhoto, createPublication, maskPhoto, removePhoto, saveDraft, transitionPublication, type PublicityActor } from '@/lib/publications/service';

/** Publicity staff curate; admins may act as the second reviewer. */
const ROLES = ['publicity', 'admin'] as const;
const INT = z.coerce.number().int().positive().max(2_147_483_647);

async function actorOf(staff: SignedInStaff): Promise<PublicityActor> {
  const ip = clientIp(await headers());
  return { userId: staff.id, label: staff.username, ip: ip === 'unknown' ? null : ip };
}
const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};
const back = (id: number, message: string, ok = true) => `/staff/publications/${id}?${ok ? 'ok' : 'error'}=${encodeURIComponent(message)}`;

/**
 * Publishing or withdrawing changes the public lists, the entry's page, the feeds and the share cards at
 * once: the cached reads expire now (updateTag), so the next view waits for fresh data instead of
 * getting the old page once more.
 */
function revalidatePublic(id: number) {
  // The pages and the feeds all read through these tags (the feeds are dynamic routes: no path to revalidate).
  updateTag(PUBLICATIONS_TAG);
  updateTag(publicationTag(id));
}

/** 新建: from a closed case, a merchant, a chief or segment, or from scratch. On an error the form comes back with what was chosen and typed. */
export async function createPublicationAction(form: FormData): Promise<void> {
  const staff = await requireStaff(ROLES, '/staff/publications');
  const kind = z.enum(['exposure', 'praise']).safeParse(form.get('kind'));
  const type = z.enum(PUBLICATION_SOURCES).safeParse(form.get('source'));
  const typed = text(form, 'ref').trim();
  const ref = typed.slice(0, 40);
  // The page shows these as the form's defaults (React renders them as text, never as markup).
  const refuse: (message: string) => never = (message) => {
    const query = new URLSearchParams({ error: message });
    if (kind.success) query.set('kind', kind.data);
    if (type.success) query.set('source', type.data);
    if (ref) query.set('ref', ref);
    redirect(`/staff/publications?${query.toString()}`);
  };
  if (!kind.success || !type.success) refuse('表单参数有误，请刷新页面后重试。');
  const db = await getDb();
  let source: Parameters<typeof createPublication>[1]['source'] = { type: 'scratch' };
  if (type.data !== 'scratch') {
    const what = { case: '案件编号', merchant: '商户编码', chief: '路长', segment: '路段编号' }[type.data];
    if (!typed) refuse(type.data === 'chief' ? '请填写路长的姓名或编号。' : `请填写${what}。`);
    const id = await resolveSourceId(db, { type: type.data, ref: typed });
    if (!id) refuse(`找不到${what}「${ref}」，请核对后再试。`);
    source = type.data === 'case' ? { type: 'case', caseId: id } : type.data === 'merchant' ? { type: 'merchant', merchantId: id } : type.data === 'chief' ? { type: 'chief', chiefId: id } : { type: 'segment', segmentId: id };
  }
  const result = await createPublication(db, { actor: await actorOf(staff), kind: kind.data, source });
  if (!result.ok) refuse(result.message);
  revalidatePath('/staff/publications');
  redirect(back(result.id, '已建立草稿：请修改标题和正文，并对每张照片做隐私处理。'));
}

export type DraftState = { ok: boolean; message: string; errors?: FieldErrors; version?: number; values?: Record<string, string>; seq: number };

/** 保存草稿: the version the editor loaded must still be current. */
export async function saveDraftAction(prev: DraftState | null, form: FormData): Promise<DraftState> {
  const seq = (prev?.seq ?? 0) + 1;
  const values = { title: text(form, 'title'), body: text(form, 'body'), tags: text(form, 'tags'), streetId: text(form, 'streetId'), month: text(form, 'month') };
  const who = await requireStaffAction(ROLES);
  if (!who.ok) return { ok: false, message: who.message, values, seq };
  const ref = z.object({ id: INT, expectedVersion: INT }).safeParse({ id: form.get('id'), expectedVersion: form.get('expectedVersion') });
  if (!ref.success) return { ok: false, message: '表单参数有误，请刷新页面后重试。', values, seq };
  const month = values.month.trim();
  if (month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return { ok: false, message: '归入月份格式应为 2026-11，请重新选择。', values, seq };
  const result = await saveDraft(await getDb(), {
    id: ref.data.id,
    expectedVersion: ref.data.expectedVersion,
    actor: await actorOf(who.staff),
    fields: { title: values.title, body: values.body, tags: parseTags(values.tags), streetId: /^\d{1,9}$/.test(values.streetId) ? Number(values.streetId) : null, month: month ? `${month}-01` : null },
  });
  if (!result.ok) return { ok: false, message: result.message, errors: result.errors, values, seq };
  revalidatePath(`/staff/publications/${ref.data.id}`);
  return { ok: true, message: '已保存。', version: result.version, seq };
}

/** 提交审核 / 退回修改 / 发布 / 撤下. */
export async function transitionAction(form: FormData): Promise<void> {
  const ref = z.object({ id: INT, expectedVersion: INT, action: z.enum(PUBLICATION_ACTIONS) }).safeParse({ id: form.get('id'), expectedVersion: form.get('expectedVersion'), action: form.get('action') });
  if (!ref.success) redirect(`/staff/publications?error=${encodeURIComponent('表单参数有误，请刷新页面后重试。')}`);
  const { id, expectedVersion, action } = ref.data;
  const staff = await requireStaff(ROLES, `/staff/publications/${id}`);
  const result = await transitionPublication(await getDb(), { id, expectedVersion, actor: await actorOf(staff), action, reason: text(form, 'reason') });
  if (!result.ok) redirect(back(id, result.message, false));
  if (action === 'publish' || action === 'withdraw') revalidatePublic(id);
  revalidatePath('/staff/publications');
  revalidatePath(`/staff/publications/${id}`);
  redirect(back(id, { submit: '已提交审核。', return: '已退回修改。', publish: '已发布，公众页面和订阅已更新。', withdraw: '已撤下，公众页面、列表和订阅不再显示。' }[action]));
}

/** The form's rows x/y/w/h as typed (numeric inputs; the drawing tool fills the same inputs). */
const typedRows = (form: FormData): MaskRowText[] => Array.from({ length: MAX_MASKS }, (_, i) => [text(form, `x${i}`), text(form, `y${i}`), text(form, `w${i}`), text(form, `h${i}`)]);

/** Rectangles from the typed rows; empty rows are skipped. */
function rectsOf(rows: MaskRowText[]): MaskRect[] | string {
  const rects: MaskRect[] = [];
  for (const [i, row] of rows.entries()) {
    const cells = row.map((c) => c.trim());
    if (cells.every((c) => c === '')) continue;
    if (!cells.every((c) => /^-?\d{1,6}$/.test(c))) return `第 ${i + 1} 行的坐标须是整数像素，四项都要填。`;
    const [x, y, width, height] = cells.map(Number) as [number, number, number, number];
    rects.push({ x, y, width, height });
  }
  return rects;
}

/** 保存遮挡: renders the public derivative of one photo. */
export async function maskAction(form: FormData): Promise<void> {
  const ref = z.object({ id: INT, expectedVersion: INT, mediaId: INT }).safeParse({ id: form.get('id'), expectedVersion: form.get('expectedVersion'), mediaId: form.get('mediaId') });
  if (!ref.success) redirect(`/staff/publications?error=${encodeURIComponent('表单参数有误，请刷新页面后重试。')}`);
  const staff = await requireStaff(ROLES, `/staff/publications/${ref.data.id}`);
  const rows = typedRows(form);
  // A refused save comes back to the same photo with the rows as typed.
  const refused = (message: string) => `${back(ref.data.id, message, false)}&photo=${ref.data.mediaId}&rows=${encodeURIComponent(maskRowsParam(rows))}#photo-${ref.data.mediaId}`;
  const rects = rectsOf(rows);
  if (typeof rects === 'string') redirect(refused(rects));
  const result = await maskPhoto(await getDb(), { ...ref.data, rects, actor: await actorOf(staff) });
  if (!result.ok) redirect(refused(result.message));
  revalidatePath(`/staff/publications/${ref.data.id}`);
  redirect(back(ref.data.id, rects.length ? `已遮挡 ${rects.length} 处，公开的是处理后的照片。` : '已确认这张照片无需遮挡。'));
}

export async function uploadPhotoAction(form: FormData): Promise<void> {
  const ref = z.object({ id: INT, expectedVersion: INT, role: z.enum(['before', 'after', 'photo']) }).safeParse({ id: form.get('id'), expectedVersion: form.get('expectedVersion'), role: form.get('role') });
  if (!ref.success) redirect(`/staff/publications?error=${encodeURIComponent('表单参数有误，请刷新页面后重试。')}`);
  const staff = await requireStaff(ROLES, `/staff/publications/${ref.data.id}`);
  const file = form.get('photo');
  if (!(file instanceof File) || file.size === 0) redirect(back(ref.data.id, '请选择一张照片。', false));
  const db = await getDb();
  const s = await getSettings(db, ['report.maxPhotoBytes', 'report.maxPhotoPixels']);
  const result = await addUploadedPhoto(db, {
    ...ref.data,
    file: { name: file.name, data: Buffer.from(await file.arrayBuffer()) },
    actor: await actorOf(staff),
    limits: { maxBytes: s['report.maxPhotoBytes'], maxPixels: s['report.maxPhotoPixels'] },
  });
  if (!result.ok) redirect(back(ref.data.id, result.message, false));
  revalidatePath(`/staff/publications/${ref.data.id}`);
  redirect(back(ref.data.id, '已添加照片：请做隐私处理。'));
}

export async function removePhotoAction(form: FormData): Promise<void> {
  const ref = z.object({ id: INT, expectedVersion: INT, mediaId: INT }).safeParse({ id: form.get('id'), expectedVersion: form.get('expectedVersion'), mediaId: form.get('mediaId') });
  if (!ref.success) redirect(`/staff/publications?error=${encodeURIComponent('表单参数有误，请刷新页面后重试。')}`);
  const staff = await requireStaff(ROLES, `/staff/publications/${ref.data.id}`);
  const result = await removePhoto(await getDb(), { ...ref.data, actor: await actorOf(staff) });
  if (!result.ok) redirect(back(ref.data.id, result.message, false));
  revalidatePath(`/staff/publications/${ref.data.id}`);
  redirect(back(ref.data.id, '已删除照片。'));
}

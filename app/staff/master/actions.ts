'use server';

import { revalidatePath, revalidateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { assignChief, assignmentSchema, endAssignment, endAssignmentSchema } from '@/lib/master/chiefs';
import { fieldErrors, getEntity, saveEntity, setEntityActive } from '@/lib/master/registry';
import type { SaveResult } from '@/lib/master/types';
import { segmentPageTag } from '@/lib/segments/queries';

export type FormState = { ok: boolean; message?: string; error?: string; fields?: Record<string, string>; values?: Record<string, string> } | null;

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

function afterWrite(codes: string[]) {
  for (const code of codes) revalidateTag(segmentPageTag(code), 'max');
  if (codes.length) revalidatePath('/staff/signboards');
}

function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !k.startsWith('$') && !k.startsWith('_')) values[k] = v;
  return values;
}

/** Create or edit any master-data row; on success back to its list, on failure the form with what was typed. */
export async function saveAction(_prev: FormState, form: FormData): Promise<FormState> {
  const entity = getEntity(text(form, '_entity'));
  const idText = text(form, '_id');
  const returnTo = `/staff/master/${text(form, '_entity')}/${idText || 'new'}`;
  const staff = await requireStaff(['admin'], returnTo);
  const values = formValues(form);
  if (!entity) return { ok: false, error: '未知的台账类型。', values };
  const id = idText && idText !== 'new' ? Number(idText) : null;
  if (id !== null && !Number.isInteger(id)) return { ok: false, error: '参数有误。', values };
  if (id === null && entity.canCreate === false) return { ok: false, error: `${entity.title}不能新建，只能修改已有的。`, values };
  const result: SaveResult = await saveEntity(await getDb(), entity, id, values, { id: staff.id, label: staff.username });
  if (!result.ok) return { ok: false, error: result.error, fields: result.fields, values };
  afterWrite(result.segmentCodes);
  redirect(`/staff/master/${entity.key}?saved=${result.id}`);
}

/** 停用 / 恢复: rows are retired, never deleted, so history and printed codes stay meaningful. */
export async function setActiveAction(form: FormData): Promise<void> {
  const key = text(form, '_entity');
  const id = Number(text(form, '_id'));
  const staff = await requireStaff(['admin'], `/staff/master/${key}/${id}`);
  const entity = getEntity(key);
  if (!entity || !Number.isInteger(id)) redirect('/staff/master');
  const codes = await setEntityActive(await getDb(), entity, id, text(form, 'active') === 'true', { id: staff.id, label: staff.username });
  afterWrite(codes);
  redirect(`/staff/master/${key}/${id}?changed=1`);
}

/** Assign a chief to a segment at a level. */
export async function assignAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  const staff = await requireStaff(['admin'], `/staff/master/chiefs/${values.chiefId ?? ''}`);
  const parsed = assignmentSchema.safeParse(values);
  if (!parsed.success) return { ok: false, error: '请检查标红的项。', fields: fieldErrors(parsed.error), values };
  const db = await getDb();
  const result = await db.transaction((tx) => assignChief(tx, parsed.data, { id: staff.id, label: staff.username }));
  if (!result.ok) return { ok: false, error: result.error, fields: result.fields, values };
  afterWrite(result.segmentCodes);
  revalidatePath(`/staff/master/chiefs/${parsed.data.chiefId}`);
  return { ok: true, message: `已任命到 ${result.segmentCodes.join('、')}；该路段已印制的公示牌已标为过期。` };
}

/** End an assignment on a date; it stays in the history. */
export async function endAssignmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  const staff = await requireStaff(['admin'], '/staff/master/chiefs');
  const parsed = endAssignmentSchema.safeParse(values);
  if (!parsed.success) return { ok: false, error: '请检查标红的项。', fields: fieldErrors(parsed.error), values };
  const db = await getDb();
  const result = await db.transaction((tx) => endAssignment(tx, parsed.data, { id: staff.id, label: staff.username }));
  if (!result.ok) return { ok: false, error: result.error, fields: result.fields, values };
  afterWrite(result.segmentCodes);
  revalidatePath(`/staff/master/chiefs/${result.id}`);
  return { ok: true, message: `已卸任（${parsed.data.endsOn}），记录保留在任职历史中。` };
}

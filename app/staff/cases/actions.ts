'use server';

import { headers } from 'next/headers';
import { revalidatePath, revalidateTag } from 'next/cache';
import { z } from 'zod';
import { requireStaff } from '@/lib/auth/staff';
import { applyCaseAction, staffFlowActor, type ActionInput } from '@/lib/cases/transitions';
import { setCasePublic } from '@/lib/cases/public-case';
import { thirdLevelChiefOf } from '@/lib/cases/staff-queries';
import { getDb } from '@/lib/db';
import { ACTION_LABEL, STAFF_CASE_ACTIONS, type StaffCaseAction } from '@/lib/domain/case-flow';
import { clientIp } from '@/lib/abuse/client';
import { segmentPageTag } from '@/lib/segments/queries';
import { STATS_TAG } from '@/lib/stats/queries';

/** What a case action form shows after a submit: the message, field errors, and what was typed (kept on any refusal). */
export type CaseActionState = {
  ok: boolean;
  message: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** Changes on every answer, so the form remounts with the kept values. */
  seq: number;
};

const ACTIONS_OF_STAFF = ['admin', 'dispatcher', 'handler', 'inspector'] as const;
const caseRef = z.object({ caseId: z.coerce.number().int().positive().max(2_147_483_647), expectedVersion: z.coerce.number().int().positive().max(2_147_483_647) });
const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};
const files = async (form: FormData, name: string) =>
  Promise.all(
    form
      .getAll(name)
      .filter((f): f is File => f instanceof File && f.size > 0)
      .map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })),
  );

/** 'chief:12' / 'department:3' → the assignee applyCaseAction takes. */
function parseAssignee(v: string): ActionInput['assignee'] {
  const m = /^(chief|department):(\d{1,10})$/.exec(v);
  if (!m) return undefined;
  const id = Number(m[2]);
  return m[1] === 'chief' ? { chiefId: id } : { departmentId: id };
}

/** The fields of one action form as applyCaseAction's input; empty fields are left out. */
async function inputOf(action: StaffCaseAction, form: FormData): Promise<ActionInput> {
  const opt = (name: string) => text(form, name).trim() || undefined;
  const visibility = opt('noteVisibility');
  const input: ActionInput = {
    note: opt('note'),
    noteVisibility: visibility === 'public' || visibility === 'internal' ? visibility : undefined,
  };
  if (action === 'accept') Object.assign(input, { categoryCode: opt('categoryCode'), segmentCode: opt('segmentCode'), level: opt('level') });
  if (action === 'escalate') input.level = opt('level') as ActionInput['level'];
  if (action === 'reject') Object.assign(input, { rejectReason: opt('rejectReason'), masterCaseNumber: opt('masterCaseNumber') });
  if (action === 'merge') input.masterCaseNumber = opt('masterCaseNumber');
  if (action === 'dispatch') input.assignee = parseAssignee(text(form, 'assignee'));
  if (action === 'return') input.suggestedUnit = opt('suggestedUnit');
  if (action === 'report_result') input.photos = { before: await files(form, 'before'), after: await files(form, 'after') };
  return input;
}

/**
 * The public pages that count cases, after one or more case actions: the segment pages that show their
 * numbers (applyCaseAction names them when it knows) and /stats (its rollup makes the recount cheap).
 */
function revalidateCaseCounts(results: object[]) {
  const codes = new Set(results.flatMap((r) => ('segmentCodes' in r && Array.isArray(r.segmentCodes) ? (r.segmentCodes as string[]) : [])));
  for (const code of codes) revalidateTag(segmentPageTag(code), 'max');
  if (results.length) revalidateTag(STATS_TAG, 'max');
}

/** Every typed text field, to put back into the form after a refusal (files cannot be put back). */
function typed(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !k.startsWith('$')) out[k] = v;
  return out;
}

/** One action on one case, from the case page or 我的待办. The role, scope and version are checked again inside. */
export async function caseActionForm(prev: CaseActionState | null, form: FormData): Promise<CaseActionState> {
  const seq = (prev?.seq ?? 0) + 1;
  const ref = caseRef.safeParse({ caseId: form.get('caseId'), expectedVersion: form.get('expectedVersion') });
  const returnTo = ref.success ? `/staff/cases/${ref.data.caseId}` : '/staff/cases';
  const staff = await requireStaff(ACTIONS_OF_STAFF, returnTo);
  const action = z.enum(STAFF_CASE_ACTIONS).safeParse(form.get('action'));
  if (!ref.success || !action.success) return { ok: false, message: '表单参数有误，请刷新页面后重试。', values: typed(form), seq };
  const result = await applyCaseAction(await getDb(), {
    caseId: ref.data.caseId,
    expectedVersion: ref.data.expectedVersion,
    actor: staffFlowActor(staff),
    action: action.data,
    input: await inputOf(action.data, form),
    ip: clientIp(await headers()),
  });
  if (!result.ok) return { ok: false, message: result.message, errors: result.errors, values: typed(form), seq };
  revalidateCaseCounts([result]);
  revalidatePath(`/staff/cases/${ref.data.caseId}`);
  revalidatePath('/staff/cases');
  revalidatePath('/staff/todo');
  return { ok: true, message: `已${ACTION_LABEL[action.data]}。`, seq };
}

/**
 * 公开 / 取消公开 from the case page: the confirmation box travels as `confirm=yes`; role, scope, version
 * and the personal-data check are lib/cases/public-case's. Open311 and the open-data files read the flag live.
 */
export async function casePublicForm(prev: CaseActionState | null, form: FormData): Promise<CaseActionState> {
  const seq = (prev?.seq ?? 0) + 1;
  const ref = caseRef.safeParse({ caseId: form.get('caseId'), expectedVersion: form.get('expectedVersion') });
  // The desk's roles (lib/domain/public-case PUBLIC_CASE_ROLES); the service checks them again with the scope.
  const staff = await requireStaff(['admin', 'dispatcher'], ref.success ? `/staff/cases/${ref.data.caseId}` : '/staff/cases');
  const target = z.enum(['public', 'private']).safeParse(form.get('target'));
  if (!ref.success || !target.success) return { ok: false, message: '表单参数有误，请刷新页面后重试。', seq };
  const result = await setCasePublic(await getDb(), {
    caseId: ref.data.caseId,
    expectedVersion: ref.data.expectedVersion,
    actor: staffFlowActor(staff),
    makePublic: target.data === 'public',
    confirmed: form.get('confirm') === 'yes',
    ip: clientIp(await headers()),
  });
  if (!result.ok) return { ok: false, message: result.message, errors: result.errors, seq };
  revalidatePath(`/staff/cases/${ref.data.caseId}`);
  revalidatePath('/staff/cases');
  const done = result.isPublic ? '已公开。Open311 接口和开放数据将显示问题描述、地址和处置后照片。' : '已取消公开。';
  return { ok: true, message: result.changed ? done : `本案此前已${result.isPublic ? '公开' : '取消公开'}，无需重复操作。`, seq };
}

export type BulkState = {
  message: string;
  results: { id: number; ok: boolean; message: string }[];
  seq: number;
};

const bulkRef = /^(\d{1,10}):(\d{1,10})$/;

/**
 * 批量受理 / 批量派遣: applyCaseAction for each ticked case (each with the version its row showed), then
 * one report of which went through and why the others did not. 'chief:auto' sends each case to the
 * third-level chief of its own segment.
 */
export async function bulkCaseAction(prev: BulkState | null, form: FormData): Promise<BulkState> {
  const seq = (prev?.seq ?? 0) + 1;
  const staff = await requireStaff(['admin', 'dispatcher'], '/staff/cases');
  const bulk = z.enum(['accept', 'dispatch']).safeParse(form.get('bulk'));
  if (!bulk.success) return { message: '请选择批量操作。', results: [], seq };
  const picked = form
    .getAll('pick')
    .map((v) => (typeof v === 'string' ? bulkRef.exec(v) : null))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ id: Number(m[1]), version: Number(m[2]) }))
    .slice(0, 200);
  if (picked.length === 0) return { message: '请先勾选要处理的案件。', results: [], seq };
  const target = text(form, 'bulkAssignee');
  if (bulk.data === 'dispatch' && target !== 'chief:auto' && !parseAssignee(target)) {
    return { message: '批量派遣请先选择派遣对象。', results: [], seq };
  }
  const db = await getDb();
  const actor = staffFlowActor(staff);
  const ip = clientIp(await headers());
  const results: BulkState['results'] = [];
  const applied: object[] = [];
  for (const p of picked) {
    let input: ActionInput = {};
    if (bulk.data === 'dispatch') {
      const chiefId = target === 'chief:auto' ? await thirdLevelChiefOf(db, { caseId: p.id }) : null;
      if (target === 'chief:auto' && chiefId === null) {
        results.push({ id: p.id, ok: false, message: '案件所在路段没有在任的三级路长，请在案件页单独派遣。' });
        continue;
      }
      input = { assignee: chiefId !== null ? { chiefId } : parseAssignee(target), noteVisibility: 'public' };
    }
    const r = await applyCaseAction(db, { caseId: p.id, expectedVersion: p.version, actor, action: bulk.data, input, ip });
    const why = r.ok ? '' : [r.message, ...Object.values(r.errors ?? {})].filter((m) => m !== '请按提示修改后再提交。').join(' ');
    if (r.ok) applied.push(r);
    results.push({ id: p.id, ok: r.ok, message: r.ok ? '成功' : why || r.message });
  }
  revalidateCaseCounts(applied);
  revalidatePath('/staff/cases');
  const done = results.filter((r) => r.ok).length;
  const label = bulk.data === 'accept' ? '受理' : '派遣';
  return { message: `批量${label}：成功 ${done} 件${done < results.length ? `，未成功 ${results.length - done} 件` : ''}。`, results, seq };
}

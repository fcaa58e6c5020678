/**
 * Every change of a case's status goes through here (DESIGN §3): one transaction per action that locks the
 * case row, checks the version the page was drawn with, asks lib/domain/case-flow whether this person may
 * do this now, validates the input, writes the case, appends its timeline event, stores the before/after
 * photos and writes the audit log — all or nothing. Refusals are results with a Chinese message, never
 * throws, and write nothing. Staff-created cases (巡查, 自行处置, 热线) start here too.
 */
import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client';
import { caseEvents, caseMedia, cases, categories, chiefAssignments, chiefs, departments, segments } from '../db/schema';
import { writeAudit } from '../audit/queries';
import {
  ACTION_LABEL,
  CASE_LEVELS,
  STATUS_LABEL,
  checkAction,
  checkCreate,
  nextLevel,
  type CaseLevel,
  type CaseStatus,
  type FlowActor,
  type FlowCase,
  type StaffCaseAction,
  type StaffCaseSource,
} from '../domain/case-flow';
import { allocateCaseNumber } from './numbering';
import { cstIsoDate } from '../domain/calendar';
import { addWorkingHours } from '../domain/working-hours';
import { DESCRIPTION_MAX } from '../domain/report-form';
import { processReportPhoto, storeReportPhoto, type ProcessedPhoto } from '../media/pipeline';
import { categoryForReport, defaultDistrictId, segmentForReport } from '../reports/queries';
import type { ReportPhotoInput } from '../reports/submit';
import { getSettings } from '../settings/queries';

export type { CaseStatus, FlowActor, FlowCase, StaffCaseAction } from '../domain/case-flow';
export type { ReportPhotoInput } from '../reports/submit';

export type ActionActor = FlowActor & { label: string };

export interface ActionInput {
  note?: string;
  noteVisibility?: 'public' | 'internal';
  /** accept: confirm or correct the category (小类 code), segment and level. */
  categoryCode?: string;
  segmentCode?: string;
  level?: CaseLevel;
  /** reject: why. 'duplicate' needs masterCaseNumber and is recorded as a merge. */
  rejectReason?: 'invalid' | 'duplicate' | 'out_of_scope';
  /** merge (and reject as duplicate): the case this one duplicates. */
  masterCaseNumber?: string;
  /** dispatch: to a road chief or a department. */
  assignee?: { chiefId: number } | { departmentId: number };
  /** return (退单): the unit the handler thinks the case belongs to. */
  suggestedUnit?: string;
  /** report_result: 处置前/处置后 photos (after at least one). */
  photos?: { before?: ReportPhotoInput[]; after?: ReportPhotoInput[] };
}

export type ActionErrorCode = 'not_found' | 'forbidden' | 'stale' | 'invalid';
export type ActionResult =
  | {
      ok: true;
      version: number;
      status: CaseStatus;
      eventId: number;
      /** Codes of the segments whose public page shows this case (before and after): revalidate segmentPageTag(code). */
      segmentCodes: string[];
    }
  | { ok: false; code: ActionErrorCode; message: string; errors?: Record<string, string> };

export const NOTE_MAX = 1000;
export const SUGGESTED_UNIT_MAX = 100;

export const TRANSITION_MESSAGE = {
  notFound: '找不到这件案件，可能已被删除或编号有误。',
  invalid: '请按提示修改后再提交。',
  stale: (status: CaseStatus) => `这件案件刚被其他人处理过（现在是「${STATUS_LABEL[status]}」），请刷新后再操作。你填写的内容已保留。`,
} as const;

// ── Input validation (zod, Chinese messages) ──────────────────────────────────

const noteText = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().max(NOTE_MAX, `说明最多 ${NOTE_MAX} 字。`));

const inputSchema = z.object({
  note: noteText.optional(),
  noteVisibility: z.enum(['public', 'internal'], { error: '请选择说明是否对市民公开。' }).optional(),
  categoryCode: z.string().trim().max(20, '问题类型编码无效。').optional(),
  segmentCode: z.string().trim().toUpperCase().max(20, '路段编号无效。').optional(),
  level: z.enum(CASE_LEVELS, { error: '案件级别只能是路段级、街镇级或区级。' }).optional(),
  rejectReason: z.enum(['invalid', 'duplicate', 'out_of_scope'], { error: '请选择作废原因。' }).optional(),
  masterCaseNumber: z.string().trim().max(20, '主案件编号格式不对。').optional(),
  assignee: z
    .union([z.object({ chiefId: z.number().int().positive() }), z.object({ departmentId: z.number().int().positive() })], { error: '请选择派遣对象。' })
    .optional(),
  suggestedUnit: z
    .string()
    .trim()
    .max(SUGGESTED_UNIT_MAX, `建议单位最多 ${SUGGESTED_UNIT_MAX} 字。`)
    .optional(),
  photos: z
    .object({
      before: z.array(z.object({ name: z.string(), data: z.instanceof(Buffer) })).optional(),
      after: z.array(z.object({ name: z.string(), data: z.instanceof(Buffer) })).optional(),
    })
    .optional(),
});
type ParsedInput = z.infer<typeof inputSchema>;

/** Which fields an action needs; the message says what to fill in. */
function requiredFields(action: StaffCaseAction, input: ParsedInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const note = input.note ?? '';
  switch (action) {
    case 'reject':
      if (!input.rejectReason) errors.rejectReason = '请选择作废原因：无效反映、重复反映或不属于受理范围。';
      else if (input.rejectReason === 'duplicate' && !input.masterCaseNumber) errors.masterCaseNumber = '重复反映请填写主案件编号。';
      break;
    case 'merge':
      if (!input.masterCaseNumber) errors.masterCaseNumber = '请填写要合并到的主案件编号。';
      break;
    case 'dispatch':
      if (!input.assignee) errors.assignee = '请选择派遣对象：路长或职能部门。';
      break;
    case 'return':
      if (!note) errors.note = '请写明退单原因。';
      break;
    case 'report_result':
      if (!note) errors.note = '请填写处置情况。';
      if (!input.photos?.after?.length) errors.photos = '请至少上传 1 张处置后的照片。';
      break;
    case 'verify_fail':
      if (!note) errors.note = '请写明核查不通过的原因。';
      break;
    case 'supervise':
      if (!note) errors.note = '请填写督办意见。';
      break;
    case 'comment':
      if (!note) errors.note = '请填写备注内容。';
      break;
    case 'reopen':
      if (!note) errors.note = '请写明重新打开的原因。';
      break;
    default:
      break;
  }
  return errors;
}

function zodErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return errors;
}

// ── Loading a case for the state machine ─────────────────────────────────────

const todayCst = (now: Date) => cstIsoDate(now);

/** The current chiefs of a segment (assignments not ended before today). */
async function segmentChiefIds(db: Db | Tx, segmentId: number | null, now: Date): Promise<number[]> {
  if (segmentId === null) return [];
  const rows = await db
    .select({ chiefId: chiefAssignments.chiefId })
    .from(chiefAssignments)
    .where(and(eq(chiefAssignments.segmentId, segmentId), or(isNull(chiefAssignments.endsOn), gte(chiefAssignments.endsOn, todayCst(now)))));
  return [...new Set(rows.map((r) => r.chiefId))];
}

const caseColumns = {
  id: cases.id,
  number: cases.number,
  status: cases.status,
  level: cases.level,
  districtId: cases.districtId,
  streetId: cases.streetId,
  segmentId: cases.segmentId,
  categoryId: cases.categoryId,
  assigneeChiefId: cases.assigneeChiefId,
  assigneeDepartmentId: cases.assigneeDepartmentId,
  deadlineAt: cases.deadlineAt,
  duplicateOfId: cases.duplicateOfId,
  rejectReason: cases.rejectReason,
  superviseCount: cases.superviseCount,
  closedAt: cases.closedAt,
  isPublic: cases.isPublic,
  description: cases.description,
  address: cases.address,
  version: cases.version,
};
export type CaseRow = { [K in keyof typeof caseColumns]: (typeof caseColumns)[K]['_']['data'] | ((typeof caseColumns)[K]['_']['notNull'] extends true ? never : null) };

export async function flowCaseOf(db: Db | Tx, row: CaseRow, now: Date): Promise<FlowCase> {
  return {
    status: row.status,
    level: row.level,
    streetId: row.streetId,
    districtId: row.districtId,
    assigneeChiefId: row.assigneeChiefId,
    assigneeDepartmentId: row.assigneeDepartmentId,
    segmentChiefIds: await segmentChiefIds(db, row.segmentId, now),
  };
}

/** A case as the state machine sees it, with its version: for pages that offer allowedActions(). */
export async function loadFlowCase(db: Db | Tx, { caseId, now = new Date() }: { caseId: number; now?: Date }): Promise<{ flow: FlowCase; version: number; number: string } | null> {
  const [row] = await db.select(caseColumns).from(cases).where(eq(cases.id, caseId));
  if (!row) return null;
  return { flow: await flowCaseOf(db, row, now), version: row.version, number: row.number };
}

/** The state machine's actor for a signed-in staff member (lib/auth StaffIdentity). */
export function staffFlowActor(staff: {
  id: number;
  displayName: string;
  roles: FlowActor['roles'];
  scopeType: FlowActor['scopeType'];
  scopeAreaId: number | null;
  chiefId: number | null;
  departmentId: number | null;
}): ActionActor {
  return {
    userId: staff.id,
    label: staff.displayName,
    roles: staff.roles,
    scopeType: staff.scopeType,
    scopeAreaId: staff.scopeAreaId,
    chiefId: staff.chiefId,
    departmentId: staff.departmentId,
  };
}

// ── Writing ──────────────────────────────────────────────────────────────────

/** Thrown inside a transaction to roll it back and answer with a refusal. */
export class Refused extends Error {
  constructor(readonly result: Extract<ActionResult, { ok: false }>) {
    super(result.message);
  }
}
export const refuse = (code: ActionErrorCode, message: string, errors?: Record<string, string>): never => {
  throw new Refused({ ok: false, code, message, ...(errors ? { errors } : {}) });
};

type StoredPhotos = { before: ProcessedPhoto[]; after: ProcessedPhoto[] };

/** CPU-heavy and outside the transaction: each photo checked by its bytes, stripped and resized. */
async function processPhotos(db: Db, photos: ParsedInput['photos']): Promise<{ ok: true; photos: StoredPhotos } | { ok: false; errors: Record<string, string> }> {
  const out: StoredPhotos = { before: [], after: [] };
  const all = [...(photos?.before ?? []), ...(photos?.after ?? [])];
  if (all.length === 0) return { ok: true, photos: out };
  const s = await getSettings(db, ['report.maxPhotos', 'report.maxPhotoBytes', 'report.maxPhotoPixels']);
  for (const role of ['before', 'after'] as const) {
    const list = photos?.[role] ?? [];
    const roleLabel = role === 'before' ? '处置前' : '处置后';
    if (list.length > s['report.maxPhotos']) return { ok: false, errors: { photos: `${roleLabel}照片最多 ${s['report.maxPhotos']} 张，这次选了 ${list.length} 张。` } };
    for (const p of list) {
      const r = await processReportPhoto(p.data, { readLocation: false, name: p.name, limits: { maxBytes: s['report.maxPhotoBytes'], maxPixels: s['report.maxPhotoPixels'] } });
      if (!r.ok) return { ok: false, errors: { photos: `${roleLabel}照片：${r.message}` } };
      out[role].push(r.photo);
    }
  }
  return { ok: true, photos: out };
}

async function linkPhotos(tx: Tx, caseId: number, eventId: number, photos: StoredPhotos) {
  for (const role of ['before', 'after'] as const) {
    for (const [i, photo] of photos[role].entries()) {
      const { largeId } = await storeReportPhoto(tx, photo);
      await tx.insert(caseMedia).values({ caseId, mediaId: largeId, eventId, role, sortOrder: i }).onConflictDoNothing();
    }
  }
}

async function workingDay(db: Db | Tx) {
  const s = await getSettings(db, ['cases.workingDayStartHour', 'cases.workingDayEndHour']);
  return { startHour: s['cases.workingDayStartHour'], endHour: s['cases.workingDayEndHour'] };
}

/** The deadline for handling a case of `categoryId` dispatched at `now`, or a refusal when it has no time limit. */
async function deadlineFor(tx: Tx, categoryId: number | null, now: Date): Promise<Date> {
  if (categoryId === null) return refuse('invalid', '请先受理并确定问题类型，再派遣。', { categoryCode: '案件还没有问题类型。' });
  const [cat] = await tx.select({ timeLimitHours: categories.timeLimitHours, name: categories.name }).from(categories).where(eq(categories.id, categoryId));
  if (!cat || cat.timeLimitHours === null) {
    return refuse('invalid', `问题类型「${cat?.name ?? '未知'}」没有处置时限，请先改为具体的小类。`, { categoryCode: '请选择具体的小类。' });
  }
  return addWorkingHours(now, cat.timeLimitHours, await workingDay(tx));
}

async function resolveAssignee(tx: Tx, districtId: number, assignee: NonNullable<ParsedInput['assignee']>) {
  if ('chiefId' in assignee) {
    const [c] = await tx.select({ id: chiefs.id, name: chiefs.name, districtId: chiefs.districtId, active: chiefs.active }).from(chiefs).where(eq(chiefs.id, assignee.chiefId));
    if (!c || !c.active || c.districtId !== districtId) return refuse('invalid', TRANSITION_MESSAGE.invalid, { assignee: '所选路长不存在或已离任，请重新选择。' });
    return { assigneeChiefId: c.id, assigneeDepartmentId: null, label: `路长 ${c.name}` };
  }
  const [d] = await tx
    .select({ id: departments.id, name: departments.name, districtId: departments.districtId, active: departments.active })
    .from(departments)
    .where(eq(departments.id, assignee.departmentId));
  if (!d || !d.active || d.districtId !== districtId) return refuse('invalid', TRANSITION_MESSAGE.invalid, { assignee: '所选部门不存在或已停用，请重新选择。' });
  return { assigneeChiefId: null, assigneeDepartmentId: d.id, label: d.name };
}

const snapshot = (r: Partial<CaseRow>) => ({
  status: r.status,
  level: r.level,
  categoryId: r.categoryId,
  segmentId: r.segmentId,
  assigneeChiefId: r.assigneeChiefId,
  assigneeDepartmentId: r.assigneeDepartmentId,
  deadlineAt: r.deadlineAt instanceof Date ? r.deadlineAt.toISOString() : r.deadlineAt,
  duplicateOfId: r.duplicateOfId,
  rejectReason: r.rejectReason,
  superviseCount: r.superviseCount,
  isPublic: r.isPublic,
  version: r.version,
});

/** Who acts, as the timeline and the audit log record it; null userId = the reporter (citizen). */
export interface Writer {
  userId: number | null;
  label: string;
  ip?: string;
}

/**
 * The one write of a change to a case: case row (with version + 1, checked again in the WHERE), timeline
 * event, photos, audit entry. `set` holds the columns the action changes besides status and version.
 * Also the write of 公开 (lib/cases/public-case), which keeps the status.
 */
export async function commit(
  tx: Tx,
  args: {
    row: CaseRow;
    action: StaffCaseAction;
    eventAction?: 'merge';
    /** The audit log's action when it is not `case.{event action}` (公开: case.publish / case.unpublish). */
    auditAction?: string;
    to: CaseStatus;
    set: Partial<typeof cases.$inferInsert>;
    writer: Writer;
    note: string | null;
    visibility: 'public' | 'internal';
    data: Record<string, unknown> | null;
    photos?: StoredPhotos;
    now: Date;
    /** Collects the segments the change shows on. */
    touched?: Set<number>;
  },
): Promise<{ version: number; eventId: number }> {
  const { row, to, now, writer } = args;
  if (row.segmentId !== null) args.touched?.add(row.segmentId);
  if (typeof args.set.segmentId === 'number') args.touched?.add(args.set.segmentId);
  const version = row.version + 1;
  const changed = { ...args.set, status: to, version, updatedAt: now };
  const updated = await tx
    .update(cases)
    .set(changed)
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning({ id: cases.id });
  if (updated.length !== 1) refuse('stale', TRANSITION_MESSAGE.stale(row.status));
  const [event] = await tx
    .insert(caseEvents)
    .values({
      caseId: row.id,
      action: args.eventAction ?? args.action,
      fromStatus: row.status,
      toStatus: to,
      actorUserId: writer.userId,
      actorLabel: writer.label,
      note: args.note || null,
      visibility: args.visibility,
      data: args.data,
      at: now,
    })
    .returning({ id: caseEvents.id });
  const eventId = event!.id;
  if (args.photos) await linkPhotos(tx, row.id, eventId, args.photos);
  if (writer.userId !== null) {
    await writeAudit(tx, {
      actorUserId: writer.userId,
      actorLabel: writer.label,
      action: args.auditAction ?? `case.${args.eventAction ?? args.action}`,
      entityType: 'case',
      entityId: row.id,
      ip: writer.ip,
      detail: { number: row.number, eventId, before: snapshot(row), after: snapshot({ ...row, ...changed }), data: args.data },
    });
  }
  return { version, eventId };
}

export async function lockCase(tx: Tx, caseId: number): Promise<CaseRow | null> {
  const [row] = await tx.select(caseColumns).from(cases).where(eq(cases.id, caseId)).for('update');
  return row ?? null;
}

/**
 * One staff action on one case. `expectedVersion` is the version the page was drawn with; anything else
 * answers 'stale' and writes nothing, so two dispatchers on one case: one wins, the other is told.
 */
export async function applyCaseAction(
  db: Db,
  args: { caseId: number; expectedVersion: number; actor: ActionActor; action: StaffCaseAction; input: ActionInput; ip?: string; now?: Date },
): Promise<ActionResult> {
  const now = args.now ?? new Date();
  const { actor } = args;
  const action: StaffCaseAction = args.action === 'reject' && args.input.rejectReason === 'duplicate' ? 'merge' : args.action;
  const label = ACTION_LABEL[args.action];

  const parsed = inputSchema.safeParse(args.input);
  if (!parsed.success) return { ok: false, code: 'invalid', message: TRANSITION_MESSAGE.invalid, errors: zodErrors(parsed.error) };
  const input = parsed.data;

  const processed = await processPhotos(db, action === 'report_result' ? input.photos : undefined);
  if (!processed.ok) return { ok: false, code: 'invalid', message: TRANSITION_MESSAGE.invalid, errors: processed.errors };

  const writer: Writer = { userId: actor.userId, label: actor.label, ip: args.ip };
  const note = input.note ?? '';
  const visibility = input.noteVisibility ?? 'internal';

  const touched = new Set<number>();
  try {
    const result = await db.transaction(async (tx): Promise<ActionResult> => {
      const row = await lockCase(tx, args.caseId);
      if (!row) return refuse('not_found', TRANSITION_MESSAGE.notFound);
      if (row.version !== args.expectedVersion) return refuse('stale', TRANSITION_MESSAGE.stale(row.status));
      const check = checkAction(actor, await flowCaseOf(tx, row, now), action);
      if (!check.ok) return refuse(check.code, check.message);
      // Who may, before what to fill in: a person without the right is not asked to complete the form.
      const missing = requiredFields(args.action, input);
      if (Object.keys(missing).length > 0) return refuse('invalid', TRANSITION_MESSAGE.invalid, missing);
      const base = { row, action, to: check.to, writer, note, visibility, now, touched } as const;

      switch (action) {
        case 'accept': {
          const set: Partial<typeof cases.$inferInsert> = { acceptedAt: now };
          const errors: Record<string, string> = {};
          const data: Record<string, unknown> = {};
          if (input.categoryCode) {
            const cat = await categoryForReport(tx, input.categoryCode);
            if (!cat) errors.categoryCode = `找不到问题类型 ${input.categoryCode}，请从列表中选择具体的小类。`;
            else if (cat.id !== row.categoryId) {
              Object.assign(set, { categoryId: cat.id, face: cat.face });
              data.category = cat.code;
            }
          } else if (row.categoryId === null) errors.categoryCode = '受理时请确定问题类型。';
          if (input.segmentCode) {
            const seg = await segmentForReport(tx, input.segmentCode);
            if (!seg) errors.segmentCode = `找不到路段编号 ${input.segmentCode}，请从列表中选择。`;
            // A street-scoped desk may correct the segment, but not hand the case to another street.
            else if (seg.id !== row.segmentId && !checkAction(actor, await flowCaseOf(tx, { ...row, segmentId: seg.id, streetId: seg.streetId, districtId: seg.districtId }, now), 'accept').ok) {
              errors.segmentCode = `路段 ${seg.code} 不在你的管辖范围内，不能把案件改到这里。`;
            } else if (seg.id !== row.segmentId) {
              Object.assign(set, { segmentId: seg.id, streetId: seg.streetId, districtId: seg.districtId });
              data.segment = seg.code;
            }
          }
          if (input.level && input.level !== row.level) {
            set.level = input.level;
            data.level = input.level;
          }
          if (Object.keys(errors).length) return refuse('invalid', TRANSITION_MESSAGE.invalid, errors);
          const r = await commit(tx, { ...base, set, data: Object.keys(data).length ? data : null });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        case 'reject': {
          const r = await commit(tx, { ...base, set: { rejectReason: input.rejectReason!, closedAt: null }, data: { rejectReason: input.rejectReason } });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        case 'merge':
          return await mergeInto(tx, { ...base, masterNumber: input.masterCaseNumber!, actor });
        case 'dispatch': {
          const who = await resolveAssignee(tx, row.districtId, input.assignee!);
          const deadlineAt = await deadlineFor(tx, row.categoryId, now);
          const r = await commit(tx, {
            ...base,
            set: { assigneeChiefId: who.assigneeChiefId, assigneeDepartmentId: who.assigneeDepartmentId, deadlineAt, dispatchedAt: now, disposition: 'dispatch' },
            data: { assignee: who.label, deadlineAt: deadlineAt.toISOString(), redispatch: row.status === 'returned' },
          });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        case 'return': {
          const r = await commit(tx, { ...base, set: {}, data: input.suggestedUnit ? { suggestedUnit: input.suggestedUnit } : null });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        case 'report_result': {
          const r = await commit(tx, {
            ...base,
            set: { handledAt: now },
            data: { before: processed.photos.before.length, after: processed.photos.after.length },
            photos: processed.photos,
          });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        case 'verify_pass': {
          const r = await commit(tx, { ...base, set: { closedAt: now }, data: null });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        case 'verify_fail': {
          // 二次派遣: back to the same assignee with a fresh deadline.
          const deadlineAt = await deadlineFor(tx, row.categoryId, now);
          const r = await commit(tx, { ...base, set: { deadlineAt, dispatchedAt: now, handledAt: null }, data: { deadlineAt: deadlineAt.toISOString() } });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        case 'supervise': {
          const overdue = row.deadlineAt !== null && row.deadlineAt.getTime() < now.getTime();
          const r = await commit(tx, { ...base, set: { superviseCount: row.superviseCount + 1 }, data: { count: row.superviseCount + 1, overdue } });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        case 'escalate': {
          const level = input.level ?? nextLevel(row.level)!;
          if (CASE_LEVELS.indexOf(level) <= CASE_LEVELS.indexOf(row.level)) {
            return refuse('invalid', TRANSITION_MESSAGE.invalid, { level: '升级只能从路段级到街镇级、再到区级。' });
          }
          const r = await commit(tx, { ...base, set: { level }, data: { from: row.level, to: level } });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        case 'comment': {
          const r = await commit(tx, { ...base, set: {}, data: null });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        case 'reopen': {
          // A reopened 作废 is a live case again: it no longer follows a master. A reopened case is no longer
          // 公开: its result will change, and what is public was confirmed for the closed case.
          const set: Partial<typeof cases.$inferInsert> = row.status === 'rejected' ? { rejectReason: null, duplicateOfId: null } : { closedAt: null, isPublic: false };
          const r = await commit(tx, { ...base, set, data: { from: row.status } });
          return { ok: true, version: r.version, status: check.to, eventId: r.eventId, segmentCodes: [] };
        }
        default:
          return refuse('invalid', `不支持的操作「${label}」。`);
      }
    });
    if (result.ok && touched.size > 0) {
      const rows = await db.select({ code: segments.code }).from(segments).where(inArray(segments.id, [...touched]));
      result.segmentCodes = rows.map((r) => r.code).sort();
    }
    return result;
  } catch (e) {
    if (e instanceof Refused) return e.result;
    // Two merges pointing at each other lock the two rows in opposite order; Postgres aborts one.
    if (isDeadlock(e)) {
      const [now] = await db.select({ status: cases.status }).from(cases).where(eq(cases.id, args.caseId));
      return { ok: false, code: 'stale', message: TRANSITION_MESSAGE.stale(now?.status ?? 'submitted') };
    }
    throw e;
  }
}

function isDeadlock(e: unknown): boolean {
  for (let cur: unknown = e; cur && typeof cur === 'object'; cur = (cur as { cause?: unknown }).cause) {
    if ((cur as { code?: unknown }).code === '40P01') return true;
  }
  return false;
}

/**
 * 合并: this case is 作废 as a duplicate of the master; the master's timeline says so; cases already merged
 * into this one follow the master too, so no one is left following a dead end.
 */
async function mergeInto(
  tx: Tx,
  args: {
    row: CaseRow;
    to: CaseStatus;
    writer: Writer;
    note: string;
    visibility: 'public' | 'internal';
    now: Date;
    masterNumber: string;
    actor: ActionActor;
    touched: Set<number>;
  },
): Promise<ActionResult> {
  const { row, now } = args;
  const [masterId] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.number, args.masterNumber));
  if (!masterId) return refuse('invalid', TRANSITION_MESSAGE.invalid, { masterCaseNumber: `找不到主案件 ${args.masterNumber}，请核对编号。` });
  if (masterId.id === row.id) return refuse('invalid', TRANSITION_MESSAGE.invalid, { masterCaseNumber: '不能把案件合并到它自己。' });
  const master = (await lockCase(tx, masterId.id))!;
  if (master.status === 'rejected') {
    const why = master.rejectReason === 'duplicate' ? '它本身已合并到其他案件' : '它已作废';
    return refuse('invalid', TRANSITION_MESSAGE.invalid, { masterCaseNumber: `不能合并到 ${master.number}：${why}。` });
  }
  const masterCheck = checkAction(args.actor, await flowCaseOf(tx, master, now), 'comment');
  if (!masterCheck.ok && masterCheck.code === 'forbidden') return refuse('forbidden', `主案件 ${master.number} 不在你的管辖范围内，不能合并。`);

  if (master.segmentId !== null) args.touched.add(master.segmentId);
  const r = await commit(tx, {
    ...args,
    action: 'merge',
    set: { rejectReason: 'duplicate', duplicateOfId: master.id },
    data: { master: master.number },
  });
  const followers = await tx
    .update(cases)
    .set({ duplicateOfId: master.id, updatedAt: now })
    .where(and(eq(cases.duplicateOfId, row.id), eq(cases.status, 'rejected'), eq(cases.rejectReason, 'duplicate')))
    .returning({ number: cases.number });
  // The master's row does not change (its version neither); its timeline records what joined it.
  await tx.insert(caseEvents).values({
    caseId: master.id,
    action: 'merge',
    fromStatus: master.status,
    toStatus: master.status,
    actorUserId: args.writer.userId,
    actorLabel: args.writer.label,
    note: `合并重复案件 ${row.number}${followers.length ? `（及此前并入它的 ${followers.map((f) => f.number).join('、')}）` : ''}`,
    visibility: 'internal',
    data: { duplicate: row.number, followers: followers.map((f) => f.number) },
    at: now,
  });
  return { ok: true, version: r.version, status: args.to, eventId: r.eventId, segmentCodes: [] };
}

// ── The reporter's 问题未解决 (lib/cases/citizen keeps its name and answers) ─────

export type CitizenReopenResult = { ok: true; version: number } | { ok: false; error: 'not_found' | 'stale' | 'not_closed' | 'window_passed' };

/**
 * 问题未解决 from /track: within the window after closure the case goes back to 'accepted' for the
 * dispatcher, with the reporter's reason on a public event. The window check is the caller's pure
 * function, run here on the locked row.
 */
export async function applyCitizenReopen(
  db: Db | Tx,
  args: {
    caseId: number;
    expectedVersion: number;
    reason: string;
    now: Date;
    check: (row: { status: CaseStatus; closedAt: Date | null }) => { ok: true } | { ok: false; error: 'not_closed' | 'window_passed' };
  },
): Promise<CitizenReopenResult> {
  try {
    return await db.transaction(async (tx): Promise<CitizenReopenResult> => {
      const row = await lockCase(tx, args.caseId);
      if (!row) return { ok: false, error: 'not_found' };
      if (row.version !== args.expectedVersion) return { ok: false, error: 'stale' };
      const check = args.check(row);
      if (!check.ok) return { ok: false, error: check.error };
      const r = await commit(tx, {
        row,
        action: 'reopen',
        to: 'accepted',
        set: { closedAt: null, isPublic: false },
        writer: { userId: null, label: CITIZEN_ACTOR_LABEL },
        note: args.reason,
        visibility: 'public',
        data: { closedAt: row.closedAt!.toISOString() },
        now: args.now,
      });
      return { ok: true, version: r.version };
    });
  } catch (e) {
    if (e instanceof Refused && e.result.code === 'stale') return { ok: false, error: 'stale' };
    throw e;
  }
}

/** How the reporter appears on the timeline: a role word, never their name. */
export const CITIZEN_ACTOR_LABEL = '市民';

// ── Staff-created cases: 巡查 (with 自行处置) and 热线 ─────────────────────────

export interface StaffCaseInput {
  actor: ActionActor;
  source: StaffCaseSource;
  /** 自行处置: fixed on the spot; starts handled, still needs 核查 to close. Needs before and after photos. */
  selfHandled?: boolean;
  categoryCode: string;
  segmentCode?: string;
  description: string;
  address?: string;
  lat?: number;
  lng?: number;
  /** Hotline caller (private, as for 随手拍). */
  reporterName?: string;
  reporterPhone?: string;
  note?: string;
  noteVisibility?: 'public' | 'internal';
  photos?: { report?: ReportPhotoInput[]; before?: ReportPhotoInput[]; after?: ReportPhotoInput[] };
  ip?: string;
  now?: Date;
}

export type CreateCaseResult =
  | { ok: true; caseId: number; number: string; lookupCode: string; status: CaseStatus; version: number; /** revalidate segmentPageTag(code) */ segmentCode: string | null }
  | { ok: false; code: 'forbidden' | 'invalid'; message: string; errors?: Record<string, string> };

const createSchema = z.object({
  source: z.enum(['patrol', 'hotline'], { error: '案件来源只能是巡查或热线。' }),
  selfHandled: z.boolean().optional(),
  categoryCode: z.string({ error: '请选择问题类型。' }).trim().min(1, '请选择问题类型。').max(20, '问题类型编码无效。'),
  segmentCode: z.string().trim().toUpperCase().max(20, '路段编号无效。').optional(),
  description: z
    .string({ error: '请描述问题。' })
    .trim()
    .min(1, '请描述问题。')
    .max(DESCRIPTION_MAX, `问题描述最多 ${DESCRIPTION_MAX} 字。`),
  address: z.string().trim().max(200, '地址最多 200 字。').optional(),
  lat: z.number().min(-90, '纬度无效。').max(90, '纬度无效。').optional(),
  lng: z.number().min(-180, '经度无效。').max(180, '经度无效。').optional(),
  reporterName: z.string().trim().max(50, '来电人姓名最多 50 字。').optional(),
  reporterPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s]{0,20}$/, '来电号码只能包含数字。')
    .optional(),
  note: noteText.optional(),
  noteVisibility: z.enum(['public', 'internal']).optional(),
});

/** 巡查 or 热线 case entered by staff; 自行处置 goes straight to handled with its before/after photos. */
export async function createStaffCase(db: Db, args: StaffCaseInput): Promise<CreateCaseResult> {
  const now = args.now ?? new Date();
  const { actor } = args;
  const invalid = (errors: Record<string, string>): CreateCaseResult => ({ ok: false, code: 'invalid', message: TRANSITION_MESSAGE.invalid, errors });
  const parsed = createSchema.safeParse(args);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const f = parsed.data;
  const selfHandled = f.selfHandled === true;
  const allowed = checkCreate(actor, { source: f.source, selfHandled });
  if (!allowed.ok) return allowed;
  if (f.source === 'patrol' && !f.segmentCode) return invalid({ segmentCode: '巡查案件请选择路段。' });
  if (selfHandled && (!args.photos?.before?.length || !args.photos?.after?.length)) {
    return invalid({ photos: '自行处置请上传处置前和处置后的照片各至少 1 张。' });
  }
  if (selfHandled && actor.chiefId === null && actor.departmentId === null && !actor.roles.includes('admin') && !actor.roles.includes('dispatcher')) {
    return { ok: false, code: 'forbidden', message: '你的账号没有关联路长或部门，不能登记自行处置。' };
  }

  const segment = f.segmentCode ? await segmentForReport(db, f.segmentCode) : null;
  const category = await categoryForReport(db, f.categoryCode);
  const errors: Record<string, string> = {};
  if (f.segmentCode && !segment) errors.segmentCode = `找不到路段编号 ${f.segmentCode}，请从列表中选择。`;
  if (!category) errors.categoryCode = `找不到问题类型 ${f.categoryCode}，请从列表中选择具体的小类。`;
  if (Object.keys(errors).length || !category) return invalid(errors);

  // Photos: the find itself (report), and for 自行处置 before/after.
  const processed = await processPhotos(db, args.photos ? { before: args.photos.before, after: args.photos.after } : undefined);
  if (!processed.ok) return invalid(processed.errors);
  const reportPhotos = await processPhotos(db, { after: args.photos?.report });
  if (!reportPhotos.ok) return invalid({ photos: reportPhotos.errors.photos!.replace('处置后照片', '现场照片') });

  const districtId = segment?.districtId ?? (await defaultDistrictId(db));
  // 自行处置 is assigned to whoever fixed it; the scope check sees the case as it will be.
  const assigneeChiefId = selfHandled ? actor.chiefId : null;
  const assigneeDepartmentId = selfHandled && actor.chiefId === null ? actor.departmentId : null;
  const flow: FlowCase = {
    status: allowed.status,
    level: 'segment',
    streetId: segment?.streetId ?? null,
    districtId,
    assigneeChiefId,
    assigneeDepartmentId,
    segmentChiefIds: await segmentChiefIds(db, segment?.id ?? null, now),
  };
  if (!inScopeForCreate(actor, flow)) return { ok: false, code: 'forbidden', message: '这个路段不在你的管辖范围内，不能在此登记案件。' };

  const status = allowed.status;
  return db.transaction(async (tx): Promise<CreateCaseResult> => {
    const { number, lookupCode } = await allocateCaseNumber(tx, now);
    const [row] = await tx
      .insert(cases)
      .values({
        number,
        lookupCode,
        source: f.source,
        categoryId: category.id,
        face: category.face,
        description: f.description,
        districtId,
        streetId: segment?.streetId ?? null,
        segmentId: segment?.id ?? null,
        address: f.address || null,
        lat: f.lat ?? null,
        lng: f.lng ?? null,
        reporterName: f.reporterName || null,
        reporterPhone: f.reporterPhone || null,
        status,
        disposition: selfHandled ? 'self' : null,
        assigneeChiefId,
        assigneeDepartmentId,
        createdAt: now,
        updatedAt: now,
        acceptedAt: status === 'submitted' ? null : now,
        handledAt: selfHandled ? now : null,
      })
      .returning({ id: cases.id, version: cases.version });
    const caseId = row!.id;
    const [event] = await tx
      .insert(caseEvents)
      .values({
        caseId,
        action: selfHandled ? 'self_handle' : 'submit',
        fromStatus: null,
        toStatus: status,
        actorUserId: actor.userId,
        actorLabel: actor.label,
        note: f.note || null,
        visibility: f.noteVisibility ?? 'internal',
        data: { source: f.source, selfHandled },
        at: now,
      })
      .returning({ id: caseEvents.id });
    const eventId = event!.id;
    for (const [i, photo] of reportPhotos.photos.after.entries()) {
      const { largeId } = await storeReportPhoto(tx, photo);
      await tx.insert(caseMedia).values({ caseId, mediaId: largeId, eventId, role: 'report', sortOrder: i }).onConflictDoNothing();
    }
    await linkPhotos(tx, caseId, eventId, processed.photos);
    await writeAudit(tx, {
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: selfHandled ? 'case.self_handle' : 'case.create',
      entityType: 'case',
      entityId: caseId,
      ip: args.ip,
      detail: { number, source: f.source, status, segment: segment?.code ?? null, category: category.code, eventId },
    });
    return { ok: true, caseId, number, lookupCode, status, version: row!.version, segmentCode: segment?.code ?? null };
  });
}

/** Creating: a chief on their own segments, a department handler anywhere in the district, the rest by area. */
function inScopeForCreate(actor: FlowActor, c: FlowCase): boolean {
  switch (actor.scopeType) {
    case 'district':
      return actor.scopeAreaId === null || actor.scopeAreaId === c.districtId;
    case 'street':
      return actor.scopeAreaId !== null && actor.scopeAreaId === c.streetId;
    case 'chief':
      return actor.chiefId !== null && c.segmentChiefIds.includes(actor.chiefId);
    case 'department':
      return actor.departmentId !== null;
  }
}

/**
 * The citizen's view of a case (DESIGN §3): the back-office statuses folded into 已提交 → 已受理 → 处理中 →
 * 已办结 (or 未受理), the dates each step was reached, plain words for public timeline entries, and what the
 * reporter may still do (rate once, say 问题未解决 within the reopen window). Pure: no database, no framework.
 */
import { CST_OFFSET_MS } from './calendar';
import type { CaseStatus } from './case-flow';
import { CITIZEN_ACTION_LABEL, CITIZEN_STAGE_LABEL, REJECT_REASON_LABEL } from './labels';

/** The back-office status, as the citizen's view names it; the list itself is case-flow's CASE_STATUSES. */
export type CaseStatusCode = CaseStatus;
/** Every timeline action, staff and citizen alike (the schema's case_action enum is made from this list). */
export const CASE_ACTIONS = [
  'submit',
  'accept',
  'reject',
  'merge',
  'dispatch',
  'return',
  'report_result',
  'self_handle',
  'verify_pass',
  'verify_fail',
  'supervise',
  'escalate',
  'reopen',
  'comment',
  'rate',
] as const;
export type CaseActionCode = (typeof CASE_ACTIONS)[number];
export type RejectReasonCode = 'invalid' | 'duplicate' | 'out_of_scope';

export type CitizenStage = 'submitted' | 'accepted' | 'in_progress' | 'closed' | 'rejected';
/** The steps of a case that runs its course, in order. */
export const CITIZEN_STEPS = ['submitted', 'accepted', 'in_progress', 'closed'] as const satisfies readonly CitizenStage[];

/** The one mapping from back-office status to what the citizen reads. */
export function citizenStage(status: CaseStatusCode): CitizenStage {
  switch (status) {
    case 'submitted':
      return 'submitted';
    case 'accepted':
      return 'accepted';
    case 'dispatched':
    case 'returned':
    case 'handled':
      return 'in_progress';
    case 'closed':
      return 'closed';
    case 'rejected':
      return 'rejected';
    default:
      return assertNever(status);
  }
}

export interface StatusChange {
  fromStatus: CaseStatusCode | null;
  toStatus: CaseStatusCode | null;
  at: Date;
}

export interface CitizenStep {
  stage: CitizenStage;
  label: string;
  /** done: reached and left (or the case is finished); current: where the case is now; upcoming: not yet. */
  state: 'done' | 'current' | 'upcoming';
  /** When the case last entered this step; null for upcoming steps and for steps the case skipped. */
  at: Date | null;
}

/**
 * The steps to draw. Dates come from the status changes: each step's date is the last time the case
 * entered it, so after 问题未解决 reopens a case the later steps start over instead of keeping old dates.
 */
export function citizenSteps({ status, createdAt, changes }: { status: CaseStatusCode; createdAt: Date; changes: readonly StatusChange[] }): CitizenStep[] {
  const entered = new Map<CitizenStage, Date>([['submitted', createdAt]]);
  for (const c of [...changes].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (!c.toStatus) continue;
    const to = citizenStage(c.toStatus);
    if (c.fromStatus && citizenStage(c.fromStatus) === to) continue; // e.g. 退单 → 改派: still 处理中
    if (to === 'submitted') continue; // the first step's date is the report's own time
    entered.set(to, c.at);
  }
  const current = citizenStage(status);
  const step = (stage: CitizenStage, state: CitizenStep['state']): CitizenStep => ({
    stage,
    label: CITIZEN_STAGE_LABEL[stage],
    state,
    at: state === 'upcoming' ? null : (entered.get(stage) ?? null),
  });
  if (current === 'rejected') return [step('submitted', 'done'), step('rejected', 'done')];
  const index = CITIZEN_STEPS.indexOf(current);
  return CITIZEN_STEPS.map((stage, i) => step(stage, i < index || current === 'closed' ? 'done' : i === index ? 'current' : 'upcoming'));
}

/** 未受理's reason in words a citizen understands; a missing reason still reads as a sentence. */
export function rejectReasonText(reason: RejectReasonCode | null): string {
  return reason ? REJECT_REASON_LABEL[reason] : '未说明原因';
}

/** The title of a public timeline entry: what happened, never who did it. */
export function citizenActionLabel(action: CaseActionCode): string {
  return CITIZEN_ACTION_LABEL[action];
}

/**
 * Who handles the case, as the public may know it: the department, or the segment's 路长 as a post (never
 * a person's name). Nothing until the case has been dispatched or handled on the spot.
 */
export function handlingUnitLabel({
  stage,
  departmentName,
  chiefAssigned,
  segmentName,
}: {
  stage: CitizenStage;
  departmentName: string | null;
  chiefAssigned: boolean;
  segmentName: string | null;
}): string | null {
  if (stage !== 'in_progress' && stage !== 'closed') return null;
  if (departmentName) return departmentName;
  if (chiefAssigned && segmentName) return `${segmentName}路长`;
  return null;
}

/** A reporter may rate a closed case once. */
export function canRate({ status, satisfaction }: { status: CaseStatusCode; satisfaction: number | null }): boolean {
  return status === 'closed' && satisfaction === null;
}

/** The last instant at which 问题未解决 may reopen a case closed at `closedAt`. */
export function reopenDeadline(closedAt: Date, windowDays: number): Date {
  return new Date(closedAt.getTime() + windowDays * 86_400_000);
}

export type ReopenCheck = { ok: true } | { ok: false; error: 'not_closed' | 'window_passed' };

/** May the reporter answer 问题未解决 now? */
export function reopenCheck({
  status,
  closedAt,
  now,
  windowDays,
}: {
  status: CaseStatusCode;
  closedAt: Date | null;
  now: Date;
  windowDays: number;
}): ReopenCheck {
  if (status !== 'closed' || !closedAt) return { ok: false, error: 'not_closed' };
  if (now.getTime() > reopenDeadline(closedAt, windowDays).getTime()) return { ok: false, error: 'window_passed' };
  return { ok: true };
}

/** '2026年11月18日 09:05' in China time, for dates on the citizen's pages. */
export function citizenTime(at: Date): string {
  const d = new Date(at.getTime() + CST_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}

/**
 * The back-office case state machine (DESIGN §3): which status each staff action leads to, which roles
 * own which step, and which cases a staff member may touch at all (scope). Pure: no database, no
 * framework. The UI asks allowedActions() what to offer; lib/cases/transitions asks checkAction() again
 * inside the transaction, so a hidden button is never the only guard.
 */

export const CASE_STATUSES = ['submitted', 'accepted', 'dispatched', 'returned', 'handled', 'closed', 'rejected'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STAFF_CASE_ACTIONS = [
  'accept',
  'reject',
  'merge',
  'dispatch',
  'return',
  'report_result',
  'verify_pass',
  'verify_fail',
  'supervise',
  'escalate',
  'comment',
  'reopen',
] as const;
export type StaffCaseAction = (typeof STAFF_CASE_ACTIONS)[number];

export const STAFF_ROLES = ['admin', 'dispatcher', 'handler', 'inspector', 'publicity'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type ScopeType = 'district' | 'street' | 'chief' | 'department';
export type CaseLevel = 'segment' | 'street' | 'district';
export const CASE_LEVELS = ['segment', 'street', 'district'] as const satisfies readonly CaseLevel[];

export interface FlowActor {
  userId: number;
  roles: readonly StaffRole[];
  scopeType: ScopeType;
  /** The district or street of a district/street scope; null on a district scope = every district. */
  scopeAreaId: number | null;
  chiefId: number | null;
  departmentId: number | null;
}

export interface FlowCase {
  status: CaseStatus;
  level: CaseLevel;
  streetId: number | null;
  districtId: number;
  assigneeChiefId: number | null;
  assigneeDepartmentId: number | null;
  /** The current chiefs of the case's segment (any level). */
  segmentChiefIds: readonly number[];
}

/** What the staff buttons and the timeline say. */
export const ACTION_LABEL: Record<StaffCaseAction, string> = {
  accept: '受理',
  reject: '作废',
  merge: '合并',
  dispatch: '派遣',
  return: '退单',
  report_result: '处置反馈',
  verify_pass: '核查通过',
  verify_fail: '核查不通过（二次派遣）',
  supervise: '督办',
  escalate: '升级',
  comment: '备注',
  reopen: '重新打开',
};

/** Back-office status words (staff pages; citizens see lib/domain/citizen-view's stages). */
export const STATUS_LABEL: Record<CaseStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  dispatched: '已派遣',
  returned: '已退单',
  handled: '已处置',
  closed: '已结案',
  rejected: '已作废',
};

export const LEVEL_LABEL: Record<CaseLevel, string> = { segment: '路段级', street: '街镇级', district: '区级' };

const OPEN: readonly CaseStatus[] = ['submitted', 'accepted', 'dispatched', 'returned', 'handled'];

/**
 * The transition table. An action that keeps the status (督办, 升级, 备注) maps a status to itself; a
 * status missing from an action's row means the action does not apply there.
 */
const TRANSITIONS: Record<StaffCaseAction, Partial<Record<CaseStatus, CaseStatus>>> = {
  accept: { submitted: 'accepted' },
  // 作废 before dispatch, or after a 退单 that shows the case belongs to no unit of ours.
  reject: { submitted: 'rejected', accepted: 'rejected', returned: 'rejected' },
  merge: { submitted: 'rejected', accepted: 'rejected', returned: 'rejected' },
  // From returned: 改派 (re-dispatch after a 退单).
  dispatch: { accepted: 'dispatched', returned: 'dispatched' },
  return: { dispatched: 'returned' },
  report_result: { dispatched: 'handled' },
  verify_pass: { handled: 'closed' },
  verify_fail: { handled: 'dispatched' },
  supervise: { accepted: 'accepted', dispatched: 'dispatched', returned: 'returned', handled: 'handled' },
  escalate: { submitted: 'submitted', accepted: 'accepted', dispatched: 'dispatched', returned: 'returned' },
  comment: Object.fromEntries(CASE_STATUSES.map((s) => [s, s])) as Record<CaseStatus, CaseStatus>,
  // A citizen's 问题未解决 (closed only, lib/cases/citizen) or a dispatcher undoing a close or a 作废.
  reopen: { closed: 'accepted', rejected: 'accepted' },
};

/** The status `action` leads to from `status`; null = not a transition from here. */
export function nextStatus(status: CaseStatus, action: StaffCaseAction): CaseStatus | null {
  return TRANSITIONS[action][status] ?? null;
}

/** Who owns each action, before scope and assignment are looked at. */
const ACTION_ROLES: Record<StaffCaseAction, readonly StaffRole[]> = {
  accept: ['admin', 'dispatcher'],
  reject: ['admin', 'dispatcher'],
  merge: ['admin', 'dispatcher'],
  dispatch: ['admin', 'dispatcher'],
  return: ['handler'],
  report_result: ['handler'],
  verify_pass: ['admin', 'dispatcher', 'inspector'],
  verify_fail: ['admin', 'dispatcher', 'inspector'],
  supervise: ['admin', 'dispatcher'],
  escalate: ['admin', 'dispatcher'],
  comment: ['admin', 'dispatcher', 'inspector', 'handler'],
  reopen: ['admin', 'dispatcher'],
};

export function roleMayDo(roles: readonly StaffRole[], action: StaffCaseAction): boolean {
  return roles.some((r) => ACTION_ROLES[action].includes(r));
}

/** The handler the case is dispatched to: its assigned chief, or someone in its assigned department. */
export function isAssignee(actor: FlowActor, c: FlowCase): boolean {
  if (actor.chiefId !== null && c.assigneeChiefId === actor.chiefId) return true;
  return actor.departmentId !== null && c.assigneeDepartmentId === actor.departmentId;
}

/**
 * May this staff member see and act on this case at all? District scope: the whole district (every
 * district when no area is set); street scope: cases of that street; a chief: cases assigned to them or on
 * a segment they are a current chief of; a department: cases assigned to it.
 */
export function inScope(actor: FlowActor, c: FlowCase): boolean {
  switch (actor.scopeType) {
    case 'district':
      return actor.scopeAreaId === null || actor.scopeAreaId === c.districtId;
    case 'street':
      return actor.scopeAreaId !== null && actor.scopeAreaId === c.streetId;
    case 'chief':
      return actor.chiefId !== null && (c.assigneeChiefId === actor.chiefId || c.segmentChiefIds.includes(actor.chiefId));
    case 'department':
      return actor.departmentId !== null && c.assigneeDepartmentId === actor.departmentId;
    default:
      return assertNever(actor.scopeType);
  }
}

export type ActionCheck =
  | { ok: true; to: CaseStatus }
  | { ok: false; code: 'forbidden' | 'invalid'; message: string };

/**
 * The one decision behind both the buttons and the server: may `actor` do `action` on `c` now, and to
 * which status? Refusals carry a precise Chinese sentence. 'invalid' = the case is not in a state for it.
 */
export function checkAction(actor: FlowActor, c: FlowCase, action: StaffCaseAction): ActionCheck {
  const label = ACTION_LABEL[action];
  if (!roleMayDo(actor.roles, action)) {
    return { ok: false, code: 'forbidden', message: `你的账号角色（${rolesText(actor.roles)}）不能对案件进行「${label}」操作。` };
  }
  if (!inScope(actor, c)) return { ok: false, code: 'forbidden', message: '这件案件不在你的管辖范围内，不能操作。' };
  // Handlers act only on what is dispatched to them; dispatch-side roles are not bound by assignment.
  const asHandlerOnly = ACTION_ROLES[action].every((r) => r === 'handler');
  if (asHandlerOnly && !isAssignee(actor, c)) {
    return { ok: false, code: 'forbidden', message: `这件案件没有派给你或你所在的部门，不能「${label}」。` };
  }
  const to = nextStatus(c.status, action);
  if (to === null) {
    return { ok: false, code: 'invalid', message: `案件现在是「${STATUS_LABEL[c.status]}」，不能「${label}」。` };
  }
  if (action === 'escalate' && c.level === 'district') {
    return { ok: false, code: 'invalid', message: '案件已是区级，不能再升级。' };
  }
  return { ok: true, to };
}

/** What the UI may offer; the server re-checks with checkAction. */
export function allowedActions(actor: FlowActor, c: FlowCase): StaffCaseAction[] {
  return STAFF_CASE_ACTIONS.filter((a) => checkAction(actor, c, a).ok);
}

/** 路段 → 街镇 → 区级; null at the top. */
export function nextLevel(level: CaseLevel): CaseLevel | null {
  const i = CASE_LEVELS.indexOf(level);
  return CASE_LEVELS[i + 1] ?? null;
}

export function isOpenStatus(status: CaseStatus): boolean {
  return OPEN.includes(status);
}

/** Staff-created cases: 巡查 (patrol, optionally 自行处置 on the spot) and 热线 (hotline). */
export type StaffCaseSource = 'patrol' | 'hotline';

/**
 * Who may create which staff case, and the status it starts in. Dispatchers and admins 立案 directly
 * (accepted); a chief's or inspector's patrol find goes to the dispatcher's inbox (submitted); 自行处置
 * starts handled and still needs 核查 to close.
 */
export function checkCreate(
  actor: FlowActor,
  { source, selfHandled }: { source: StaffCaseSource; selfHandled: boolean },
): { ok: true; status: CaseStatus } | { ok: false; code: 'forbidden' | 'invalid'; message: string } {
  const dispatchSide = actor.roles.includes('admin') || actor.roles.includes('dispatcher');
  if (source === 'hotline') {
    if (selfHandled) return { ok: false, code: 'invalid', message: '热线案件不能登记为自行处置。' };
    if (!dispatchSide) return { ok: false, code: 'forbidden', message: '只有坐席和管理员可以登记热线案件。' };
    return { ok: true, status: 'accepted' };
  }
  const patrols = dispatchSide || actor.roles.includes('handler') || actor.roles.includes('inspector');
  if (!patrols) return { ok: false, code: 'forbidden', message: `你的账号角色（${rolesText(actor.roles)}）不能登记巡查案件。` };
  if (selfHandled) {
    if (!dispatchSide && !actor.roles.includes('handler')) return { ok: false, code: 'forbidden', message: '只有路长、处置人员和坐席可以登记自行处置。' };
    return { ok: true, status: 'handled' };
  }
  return { ok: true, status: dispatchSide ? 'accepted' : 'submitted' };
}

export const ROLE_LABEL: Record<StaffRole, string> = {
  admin: '管理员',
  dispatcher: '坐席',
  handler: '处置人员',
  inspector: '考评核查',
  publicity: '宣传',
};

function rolesText(roles: readonly StaffRole[]): string {
  return roles.length ? roles.map((r) => ROLE_LABEL[r]).join('、') : '无角色';
}

function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}

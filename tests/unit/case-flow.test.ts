import { describe, expect, it } from 'vitest';
import {
  ACTION_LABEL,
  CASE_STATUSES,
  STAFF_CASE_ACTIONS,
  STAFF_ROLES,
  allowedActions,
  checkAction,
  checkCreate,
  inScope,
  nextLevel,
  nextStatus,
  type CaseStatus,
  type FlowActor,
  type FlowCase,
  type StaffCaseAction,
  type StaffRole,
} from '@/lib/domain/case-flow';
import { caseStatus, staffRole } from '@/lib/db/schema/enums';

/** DESIGN §3, written out once as the spec: every transition that exists; everything else is refused. */
const TRANSITIONS: [CaseStatus, StaffCaseAction, CaseStatus][] = [
  ['submitted', 'accept', 'accepted'],
  ['submitted', 'reject', 'rejected'],
  ['accepted', 'reject', 'rejected'],
  ['returned', 'reject', 'rejected'],
  ['submitted', 'merge', 'rejected'],
  ['accepted', 'merge', 'rejected'],
  ['returned', 'merge', 'rejected'],
  ['accepted', 'dispatch', 'dispatched'],
  ['returned', 'dispatch', 'dispatched'],
  ['dispatched', 'return', 'returned'],
  ['dispatched', 'report_result', 'handled'],
  ['handled', 'verify_pass', 'closed'],
  ['handled', 'verify_fail', 'dispatched'],
  ['accepted', 'supervise', 'accepted'],
  ['dispatched', 'supervise', 'dispatched'],
  ['returned', 'supervise', 'returned'],
  ['handled', 'supervise', 'handled'],
  ['submitted', 'escalate', 'submitted'],
  ['accepted', 'escalate', 'accepted'],
  ['dispatched', 'escalate', 'dispatched'],
  ['returned', 'escalate', 'returned'],
  ...CASE_STATUSES.map((s): [CaseStatus, StaffCaseAction, CaseStatus] => [s, 'comment', s]),
  ['closed', 'reopen', 'accepted'],
  ['rejected', 'reopen', 'accepted'],
];

/** Who owns each step (issue 6 item 2): dispatcher and admin run the desk, handlers handle, inspectors verify. */
const OWNERS: Record<StaffCaseAction, StaffRole[]> = {
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

const DISTRICT = 1;
const STREET = 10;
const OTHER_STREET = 11;
const CHIEF = 100;
const OTHER_CHIEF = 101;
const DEPT = 200;

function actor(role: StaffRole, over: Partial<FlowActor> = {}): FlowActor {
  const base: FlowActor =
    role === 'handler'
      ? { userId: 5, roles: [role], scopeType: 'chief', scopeAreaId: null, chiefId: CHIEF, departmentId: null }
      : { userId: 5, roles: [role], scopeType: 'district', scopeAreaId: DISTRICT, chiefId: null, departmentId: null };
  return { ...base, ...over };
}

function flowCase(status: CaseStatus, over: Partial<FlowCase> = {}): FlowCase {
  return { status, level: 'segment', streetId: STREET, districtId: DISTRICT, assigneeChiefId: CHIEF, assigneeDepartmentId: null, segmentChiefIds: [CHIEF], ...over };
}

describe('nextStatus: every status × action', () => {
  const cells = CASE_STATUSES.flatMap((s) => STAFF_CASE_ACTIONS.map((a) => [s, a] as const));
  it.each(cells)('%s × %s', (status, action) => {
    const row = TRANSITIONS.find(([s, a]) => s === status && a === action);
    expect(nextStatus(status, action)).toBe(row ? row[2] : null);
  });

  it('the statuses are the database enum', () => {
    expect([...CASE_STATUSES]).toEqual(caseStatus.enumValues);
    expect([...STAFF_ROLES]).toEqual(staffRole.enumValues);
  });
});

describe('checkAction: every status × action × role, in scope and assigned', () => {
  const cells = STAFF_ROLES.flatMap((r) => CASE_STATUSES.flatMap((s) => STAFF_CASE_ACTIONS.map((a) => [r, s, a] as const)));
  it.each(cells)('%s on a %s case: %s', (role, status, action) => {
    const result = checkAction(actor(role), flowCase(status), action);
    const transition = TRANSITIONS.find(([s, a]) => s === status && a === action);
    if (!OWNERS[action].includes(role)) {
      expect(result).toMatchObject({ ok: false, code: 'forbidden' });
      if (!result.ok) expect(result.message).toContain(ACTION_LABEL[action]);
    } else if (!transition) {
      expect(result).toMatchObject({ ok: false, code: 'invalid' });
      if (!result.ok) expect(result.message).toMatch(/^案件现在是「.+」，不能「.+」。$/);
    } else {
      expect(result).toEqual({ ok: true, to: transition[2] });
    }
  });
});

describe('the publicity role', () => {
  it('has no case action on any case', () => {
    for (const status of CASE_STATUSES) expect(allowedActions(actor('publicity'), flowCase(status))).toEqual([]);
  });
});

describe('handlers act only on what is dispatched to them', () => {
  it('a chief may report the result and return a case assigned to them', () => {
    expect(allowedActions(actor('handler'), flowCase('dispatched'))).toEqual(['return', 'report_result', 'comment']);
  });
  it('a chief sees a case on their segment dispatched to a department, but may only comment on it', () => {
    const c = flowCase('dispatched', { assigneeChiefId: null, assigneeDepartmentId: DEPT });
    expect(inScope(actor('handler'), c)).toBe(true);
    expect(allowedActions(actor('handler'), c)).toEqual(['comment']);
    expect(checkAction(actor('handler'), c, 'report_result')).toEqual({ ok: false, code: 'forbidden', message: '这件案件没有派给你或你所在的部门，不能「处置反馈」。' });
  });
  it('a department handler acts on cases dispatched to the department', () => {
    const dept = actor('handler', { scopeType: 'department', chiefId: null, departmentId: DEPT });
    const c = flowCase('dispatched', { assigneeChiefId: null, assigneeDepartmentId: DEPT, segmentChiefIds: [OTHER_CHIEF] });
    expect(allowedActions(dept, c)).toEqual(['return', 'report_result', 'comment']);
  });
  it('a department handler does not see a case of another department or of a chief', () => {
    const dept = actor('handler', { scopeType: 'department', chiefId: null, departmentId: DEPT });
    expect(inScope(dept, flowCase('dispatched', { assigneeChiefId: null, assigneeDepartmentId: DEPT + 1 }))).toBe(false);
    expect(inScope(dept, flowCase('dispatched'))).toBe(false);
    expect(checkAction(dept, flowCase('dispatched'), 'report_result')).toEqual({ ok: false, code: 'forbidden', message: '这件案件不在你的管辖范围内，不能操作。' });
  });
});

describe('inScope', () => {
  it.each([
    ['district scope, same district', actor('dispatcher'), flowCase('submitted'), true],
    ['district scope, another district', actor('dispatcher'), flowCase('submitted', { districtId: DISTRICT + 1 }), false],
    ['district scope without an area sees every district', actor('dispatcher', { scopeAreaId: null }), flowCase('submitted', { districtId: 99 }), true],
    ['street scope, its street', actor('dispatcher', { scopeType: 'street', scopeAreaId: STREET }), flowCase('submitted'), true],
    ['street scope, another street', actor('dispatcher', { scopeType: 'street', scopeAreaId: OTHER_STREET }), flowCase('submitted'), false],
    ['street scope, a case without a street', actor('dispatcher', { scopeType: 'street', scopeAreaId: STREET }), flowCase('submitted', { streetId: null }), false],
    ['street scope without an area', actor('dispatcher', { scopeType: 'street', scopeAreaId: null }), flowCase('submitted'), false],
    ['chief, assigned elsewhere but on their segment', actor('handler'), flowCase('dispatched', { assigneeChiefId: OTHER_CHIEF }), true],
    ['chief, assigned to them on another segment', actor('handler'), flowCase('dispatched', { segmentChiefIds: [OTHER_CHIEF] }), true],
    ['chief, neither assigned nor on their segment', actor('handler'), flowCase('dispatched', { assigneeChiefId: OTHER_CHIEF, segmentChiefIds: [OTHER_CHIEF] }), false],
    ['chief scope without a chief', actor('handler', { chiefId: null }), flowCase('dispatched'), false],
  ] as const)('%s', (_name, a, c, expected) => {
    expect(inScope(a, c)).toBe(expected);
  });

  it.each(STAFF_ROLES.flatMap((r) => STAFF_CASE_ACTIONS.map((a) => [r, a] as const)))('out of scope, %s may not %s', (role, action) => {
    const outside = role === 'handler' ? actor(role, { chiefId: OTHER_CHIEF }) : actor(role, { scopeType: 'street', scopeAreaId: OTHER_STREET });
    for (const status of CASE_STATUSES) {
      const result = checkAction(outside, flowCase(status), action);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe('forbidden');
    }
  });

  it('an inspector with a street scope verifies its own street only', () => {
    const inspector = actor('inspector', { scopeType: 'street', scopeAreaId: STREET });
    expect(allowedActions(inspector, flowCase('handled'))).toEqual(['verify_pass', 'verify_fail', 'comment']);
    expect(allowedActions(inspector, flowCase('handled', { streetId: OTHER_STREET }))).toEqual([]);
  });
});

describe('escalate: 路段 → 街镇 → 区级', () => {
  it('a district-level case cannot go higher', () => {
    expect(checkAction(actor('dispatcher'), flowCase('dispatched', { level: 'district' }), 'escalate')).toEqual({ ok: false, code: 'invalid', message: '案件已是区级，不能再升级。' });
    expect(checkAction(actor('dispatcher'), flowCase('dispatched', { level: 'street' }), 'escalate')).toEqual({ ok: true, to: 'dispatched' });
  });
  it('nextLevel climbs one step', () => {
    expect(nextLevel('segment')).toBe('street');
    expect(nextLevel('street')).toBe('district');
    expect(nextLevel('district')).toBeNull();
  });
});

describe('a person with several roles gets the union', () => {
  it('dispatcher + inspector', () => {
    const both = actor('dispatcher', { roles: ['dispatcher', 'inspector'] });
    expect(allowedActions(both, flowCase('handled'))).toEqual(['verify_pass', 'verify_fail', 'supervise', 'comment']);
  });
  it('no roles: nothing, with a message that says so', () => {
    expect(checkAction(actor('dispatcher', { roles: [] }), flowCase('submitted'), 'accept')).toEqual({ ok: false, code: 'forbidden', message: '你的账号角色（无角色）不能对案件进行「受理」操作。' });
  });
});

describe('allowedActions for the desk', () => {
  it.each([
    ['submitted', ['accept', 'reject', 'merge', 'escalate', 'comment']],
    ['accepted', ['reject', 'merge', 'dispatch', 'supervise', 'escalate', 'comment']],
    ['dispatched', ['supervise', 'escalate', 'comment']],
    ['returned', ['reject', 'merge', 'dispatch', 'supervise', 'escalate', 'comment']],
    ['handled', ['verify_pass', 'verify_fail', 'supervise', 'comment']],
    ['closed', ['comment', 'reopen']],
    ['rejected', ['comment', 'reopen']],
  ] as const)('a dispatcher on a %s case', (status, expected) => {
    expect(allowedActions(actor('dispatcher'), flowCase(status))).toEqual(expected);
  });
});

describe('checkCreate: staff-created cases', () => {
  const chief = actor('handler');
  it.each([
    ['dispatcher', 'hotline', false, { ok: true, status: 'accepted' }],
    ['admin', 'hotline', false, { ok: true, status: 'accepted' }],
    ['dispatcher', 'patrol', false, { ok: true, status: 'accepted' }],
    ['dispatcher', 'patrol', true, { ok: true, status: 'handled' }],
    ['handler', 'patrol', false, { ok: true, status: 'submitted' }],
    ['handler', 'patrol', true, { ok: true, status: 'handled' }],
    ['inspector', 'patrol', false, { ok: true, status: 'submitted' }],
    ['inspector', 'patrol', true, { ok: false, code: 'forbidden' }],
    ['handler', 'hotline', false, { ok: false, code: 'forbidden' }],
    ['dispatcher', 'hotline', true, { ok: false, code: 'invalid' }],
    ['publicity', 'patrol', false, { ok: false, code: 'forbidden' }],
    ['publicity', 'hotline', false, { ok: false, code: 'forbidden' }],
  ] as const)('%s, %s, self-handled %s', (role, source, selfHandled, expected) => {
    expect(checkCreate(role === 'handler' ? chief : actor(role), { source, selfHandled })).toMatchObject(expected);
  });
});

describe('labels', () => {
  it('every action has its Chinese word', () => {
    expect(ACTION_LABEL).toEqual({
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
    });
  });
});

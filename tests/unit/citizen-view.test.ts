import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  canRate,
  citizenActionLabel,
  citizenStage,
  citizenTime,
  citizenSteps,
  handlingUnitLabel,
  rejectReasonText,
  reopenCheck,
  reopenDeadline,
  type CaseStatusCode,
  type StatusChange,
} from '@/lib/domain/citizen-view';
import { rejectReason } from '@/lib/db/schema/enums';
import { CASE_STATUSES } from '@/lib/domain/case-flow';
import { CITIZEN_STAGE_LABEL, REJECT_REASON_LABEL } from '@/lib/domain/labels';

const T0 = new Date('2026-11-10T02:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const change = (fromStatus: CaseStatusCode | null, toStatus: CaseStatusCode | null, hours: number): StatusChange => ({ fromStatus, toStatus, at: at(hours) });

/** A full run of the loop, one status change per hour. */
const FULL_RUN: StatusChange[] = [
  change(null, 'submitted', 0),
  change('submitted', 'accepted', 1),
  change('accepted', 'dispatched', 2),
  change('dispatched', 'handled', 3),
  change('handled', 'closed', 4),
];

describe('citizenStage', () => {
  it.each([
    ['submitted', 'submitted', '已提交'],
    ['accepted', 'accepted', '已受理'],
    ['dispatched', 'in_progress', '处理中'],
    ['returned', 'in_progress', '处理中'],
    ['handled', 'in_progress', '处理中'],
    ['closed', 'closed', '已办结'],
    ['rejected', 'rejected', '未受理'],
  ] as const)('shows %s as %s (%s)', (status, stage, label) => {
    expect(citizenStage(status)).toBe(stage);
    expect(CITIZEN_STAGE_LABEL[citizenStage(status)]).toBe(label);
  });

  // The status and action enums are made from CASE_STATUSES and CASE_ACTIONS; the reject reasons are not.
  it('words every reject reason of the schema', () => {
    expect(Object.keys(REJECT_REASON_LABEL).sort()).toEqual([...rejectReason.enumValues].sort());
  });

  it('covers every status of the schema', () => {
    for (const s of CASE_STATUSES) expect(Object.keys(CITIZEN_STAGE_LABEL)).toContain(citizenStage(s));
  });

  it('throws on a status it does not know rather than guessing', () => {
    expect(() => citizenStage('archived' as CaseStatusCode)).toThrow(/archived/);
  });
});

describe('citizenSteps', () => {
  const states = (status: CaseStatusCode, changes: StatusChange[] = FULL_RUN) =>
    citizenSteps({ status, createdAt: T0, changes }).map((s) => `${s.label}:${s.state}`);

  it.each([
    ['submitted', ['已提交:current', '已受理:upcoming', '处理中:upcoming', '已办结:upcoming']],
    ['accepted', ['已提交:done', '已受理:current', '处理中:upcoming', '已办结:upcoming']],
    ['dispatched', ['已提交:done', '已受理:done', '处理中:current', '已办结:upcoming']],
    ['returned', ['已提交:done', '已受理:done', '处理中:current', '已办结:upcoming']],
    ['handled', ['已提交:done', '已受理:done', '处理中:current', '已办结:upcoming']],
    ['closed', ['已提交:done', '已受理:done', '处理中:done', '已办结:done']],
    ['rejected', ['已提交:done', '未受理:done']],
  ] as const)('draws a %s case as %j', (status, expected) => {
    expect(states(status)).toEqual(expected);
  });

  it('dates each reached step with the time the case entered it, and upcoming steps with none', () => {
    const steps = citizenSteps({ status: 'dispatched', createdAt: T0, changes: FULL_RUN.slice(0, 3) });
    expect(steps.map((s) => s.at)).toEqual([T0, at(1), at(2), null]);
    const closed = citizenSteps({ status: 'closed', createdAt: T0, changes: FULL_RUN });
    expect(closed.map((s) => s.at)).toEqual([T0, at(1), at(2), at(4)]);
  });

  it('keeps 处理中 at the first dispatch through 退单, 改派 and a failed verification', () => {
    const changes = [
      ...FULL_RUN.slice(0, 3),
      change('dispatched', 'returned', 3),
      change('returned', 'dispatched', 4),
      change('dispatched', 'handled', 5),
      change('handled', 'dispatched', 6), // 核查未通过
      change('dispatched', 'handled', 7),
    ];
    const steps = citizenSteps({ status: 'handled', createdAt: T0, changes });
    expect(steps[2]).toEqual({ stage: 'in_progress', label: '处理中', state: 'current', at: at(2) });
  });

  it('orders changes by time, whatever order they arrive in', () => {
    const steps = citizenSteps({ status: 'closed', createdAt: T0, changes: [...FULL_RUN].reverse() });
    expect(steps.map((s) => s.at)).toEqual([T0, at(1), at(2), at(4)]);
  });

  it('after 问题未解决 starts over at 已受理 with the reopen time, forgetting the old later dates', () => {
    const changes = [...FULL_RUN, change('closed', 'accepted', 30)];
    const steps = citizenSteps({ status: 'accepted', createdAt: T0, changes });
    expect(steps.map((s) => [s.state, s.at])).toEqual([
      ['done', T0],
      ['current', at(30)],
      ['upcoming', null],
      ['upcoming', null],
    ]);
    const redone = citizenSteps({ status: 'closed', createdAt: T0, changes: [...changes, change('accepted', 'dispatched', 31), change('dispatched', 'handled', 32), change('handled', 'closed', 33)] });
    expect(redone.map((s) => s.at)).toEqual([T0, at(30), at(31), at(33)]);
  });

  it('leaves 已受理 without a date when a patrol handled the problem on the spot', () => {
    const changes = [change(null, 'submitted', 0), change('submitted', 'handled', 1), change('handled', 'closed', 2)];
    const steps = citizenSteps({ status: 'closed', createdAt: T0, changes });
    expect(steps.map((s) => [s.label, s.state, s.at])).toEqual([
      ['已提交', 'done', T0],
      ['已受理', 'done', null],
      ['处理中', 'done', at(1)],
      ['已办结', 'done', at(2)],
    ]);
  });

  it('dates 未受理 with the rejection', () => {
    const steps = citizenSteps({ status: 'rejected', createdAt: T0, changes: [change(null, 'submitted', 0), change('submitted', 'rejected', 5)] });
    expect(steps.map((s) => s.at)).toEqual([T0, at(5)]);
  });

  it('ignores entries that change no status (督办, comments) and uses the report time without any events', () => {
    const changes = [...FULL_RUN.slice(0, 3), change('dispatched', null, 9), change('dispatched', 'dispatched', 10)];
    expect(citizenSteps({ status: 'dispatched', createdAt: T0, changes })[2]!.at).toEqual(at(2));
    expect(citizenSteps({ status: 'submitted', createdAt: T0, changes: [] })).toEqual([
      { stage: 'submitted', label: '已提交', state: 'current', at: T0 },
      { stage: 'accepted', label: '已受理', state: 'upcoming', at: null },
      { stage: 'in_progress', label: '处理中', state: 'upcoming', at: null },
      { stage: 'closed', label: '已办结', state: 'upcoming', at: null },
    ]);
  });

  it('takes the first step date from the report itself, not a later resubmission entry', () => {
    const steps = citizenSteps({ status: 'submitted', createdAt: T0, changes: [change(null, 'submitted', 3)] });
    expect(steps[0]!.at).toEqual(T0);
  });
});

describe('rejectReasonText', () => {
  it.each([
    ['invalid', /无效反映/],
    ['duplicate', /重复反映/],
    ['out_of_scope', /不属于城市管理受理范围/],
  ] as const)('explains %s in Chinese', (reason, text) => {
    expect(rejectReasonText(reason)).toMatch(text);
  });

  it('still says something when no reason was recorded', () => {
    expect(rejectReasonText(null)).toBe('未说明原因');
  });
});

describe('citizenActionLabel', () => {
  it('has a Chinese title for every action of the schema', () => {
    for (const action of CASE_ACTIONS) expect(citizenActionLabel(action), action).toMatch(/^[\u4e00-\u9fff，]+$/);
    expect(new Set(CASE_ACTIONS.map(citizenActionLabel)).size).toBe(CASE_ACTIONS.length);
  });

  it.each([
    ['reopen', '市民反映问题未解决'],
    ['verify_pass', '核查通过，已办结'],
    ['dispatch', '派遣处置'],
  ] as const)('titles %s as %s', (action, label) => {
    expect(citizenActionLabel(action)).toBe(label);
  });
});

describe('handlingUnitLabel', () => {
  const base = { departmentName: '区环卫局', chiefAssigned: false, segmentName: '中山路（解放大道—青年路）' };

  it.each(['submitted', 'accepted', 'rejected'] as const)('names nobody while the case is %s', (stage) => {
    expect(handlingUnitLabel({ ...base, stage })).toBeNull();
    expect(handlingUnitLabel({ ...base, departmentName: null, chiefAssigned: true, stage })).toBeNull();
  });

  it.each(['in_progress', 'closed'] as const)('names the department of a %s case', (stage) => {
    expect(handlingUnitLabel({ ...base, stage })).toBe('区环卫局');
  });

  it("names the segment's 路长 as a post, never a person", () => {
    expect(handlingUnitLabel({ ...base, departmentName: null, chiefAssigned: true, stage: 'in_progress' })).toBe('中山路（解放大道—青年路）路长');
  });

  it('names nobody when nobody is assigned or the segment is unknown', () => {
    expect(handlingUnitLabel({ ...base, departmentName: null, stage: 'closed' })).toBeNull();
    expect(handlingUnitLabel({ departmentName: null, chiefAssigned: true, segmentName: null, stage: 'closed' })).toBeNull();
  });
});

describe('canRate', () => {
  it.each(CASE_STATUSES.map((s) => [s, s === 'closed'] as const))('a %s case without a rating may be rated: %s', (status, expected) => {
    expect(canRate({ status, satisfaction: null })).toBe(expected);
  });

  it.each([1, 3, 5])('a closed case rated %i may not be rated again', (satisfaction) => {
    expect(canRate({ status: 'closed', satisfaction })).toBe(false);
  });
});

describe('reopenCheck', () => {
  const closedAt = new Date('2026-11-10T08:00:00Z');
  const days = (n: number) => new Date(closedAt.getTime() + n * 86_400_000);

  it('allows 问题未解决 up to exactly 7 days after closure and not a millisecond later', () => {
    expect(reopenDeadline(closedAt, 7)).toEqual(days(7));
    expect(reopenCheck({ status: 'closed', closedAt, now: closedAt, windowDays: 7 })).toEqual({ ok: true });
    expect(reopenCheck({ status: 'closed', closedAt, now: days(7), windowDays: 7 })).toEqual({ ok: true });
    expect(reopenCheck({ status: 'closed', closedAt, now: new Date(days(7).getTime() + 1), windowDays: 7 })).toEqual({ ok: false, error: 'window_passed' });
  });

  it('follows the window setting', () => {
    expect(reopenCheck({ status: 'closed', closedAt, now: days(10), windowDays: 14 })).toEqual({ ok: true });
    expect(reopenCheck({ status: 'closed', closedAt, now: days(2), windowDays: 1 })).toEqual({ ok: false, error: 'window_passed' });
  });

  it.each(CASE_STATUSES.filter((s) => s !== 'closed'))('refuses a %s case', (status) => {
    expect(reopenCheck({ status, closedAt, now: days(1), windowDays: 7 })).toEqual({ ok: false, error: 'not_closed' });
  });

  it('refuses a closed case without a closing time', () => {
    expect(reopenCheck({ status: 'closed', closedAt: null, now: days(1), windowDays: 7 })).toEqual({ ok: false, error: 'not_closed' });
  });
});

describe('citizenTime', () => {
  it('writes China time, crossing the date line from UTC', () => {
    expect(citizenTime(new Date('2026-11-17T16:05:00Z'))).toBe('2026年11月18日 00:05');
    expect(citizenTime(new Date('2026-01-02T01:09:59Z'))).toBe('2026年1月2日 09:09');
  });
});

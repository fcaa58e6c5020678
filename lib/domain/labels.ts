/** The Chinese words the public sees for the domain's codes. One place, so a page and a board never disagree. */
export const CHIEF_LEVEL_LABEL = { total: '总路长', first: '一级路长', second: '二级路长', third: '三级路长' } as const;
export const CHIEF_LEVELS = ['total', 'first', 'second', 'third'] as const;
export type ChiefLevelCode = (typeof CHIEF_LEVELS)[number];
export const PATROL_LABEL = { daily: '每日巡查', weekly: '每周巡查', biweekly: '每半月巡查' } as const;
export const GRADE_LABEL = { arterial: '主干道', secondary: '次干道', alley: '背街小巷' } as const;
export const FLAG_LABEL = { red: '红旗', black: '黑旗', none: '无旗' } as const;
/** What a board or page shows where a post has nobody in it. */
export const VACANT = '待任命';

/** '2026-10-01' → '2026年10月'. */
export function monthLabel(isoMonth: string): string {
  const [y, m] = isoMonth.split('-');
  return `${y}年${Number(m)}月`;
}

/** The citizen's steps of a case on /track (DESIGN §3); lib/domain/citizen-view maps statuses onto them. */
export const CITIZEN_STAGE_LABEL = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '处理中',
  closed: '已办结',
  rejected: '未受理',
} as const;
/** Why a report was not taken up (作废), as the reporter reads it. */
export const REJECT_REASON_LABEL = {
  invalid: '无效反映：信息不足或经核实与实际情况不符',
  duplicate: '重复反映：同一问题已有案件在办理',
  out_of_scope: '不属于城市管理受理范围',
} as const;
/** Titles of public timeline entries: what happened, never who did it. */
export const CITIZEN_ACTION_LABEL = {
  submit: '提交反映',
  accept: '已受理',
  reject: '未受理',
  merge: '合并办理',
  dispatch: '派遣处置',
  return: '调整处置单位',
  report_result: '处置完成',
  self_handle: '现场处置',
  verify_pass: '核查通过，已办结',
  verify_fail: '核查未通过，重新处置',
  supervise: '督办',
  escalate: '提级办理',
  reopen: '市民反映问题未解决',
  comment: '回复',
  rate: '市民评价',
} as const;

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

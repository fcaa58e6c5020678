/** The 考核 report's input: the month and grouping from the query string, with a Chinese message for a bad one. */
import { defaultAssessmentMonth, isMonth, monthOf, monthText, type Month } from '../domain/stats';
import type { AssessmentGroup } from './queries';

export const ASSESSMENT_GROUPS: readonly AssessmentGroup[] = ['street', 'department', 'chief'];

export function parseAssessmentQuery(
  input: { month?: string | null; group?: string | null },
  now: Date,
): { month: Month; group: AssessmentGroup; message: string | null } {
  const fallback = defaultAssessmentMonth(now);
  const problems: string[] = [];
  let month = fallback;
  const m = (input.month ?? '').trim();
  if (m) {
    if (!isMonth(m)) problems.push(`月份“${m.slice(0, 20)}”格式不对，应为“2026-03”这样的年-月`);
    else if (m > monthOf(now)) problems.push(`不能考核未来的月份（最晚 ${monthText(monthOf(now))}）`);
    else month = m;
  }
  const g = (input.group ?? '').trim();
  let group: AssessmentGroup = 'street';
  if (g) {
    if ((ASSESSMENT_GROUPS as readonly string[]).includes(g)) group = g as AssessmentGroup;
    else problems.push('考核对象只能是街道、职能部门或路长');
  }
  return { month, group, message: problems.length ? `${problems.join('；')}，已显示 ${monthText(month)}。` : null };
}

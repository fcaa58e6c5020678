/**
 * The inspectors' monthly 门前三包 rating: the duties a merchant signs for (二七区“门前新三包”), the reason
 * codes a black flag cites, months as YYYY-MM, and the checks on one cell (flag + reasons) before it is saved.
 */
import { monthLabel } from './labels';

/** The 门前三包 duties as printed on the 责任牌 (二七区方案: 包自我管理、义务履行、互动参与). */
export const MERCHANT_DUTIES = [
  { title: '包自我管理', text: '门前环境整洁、市容有序、设施完好：不乱堆乱放、不出店经营、不乱贴乱挂。' },
  { title: '包义务履行', text: '劝导、举报责任区内的违规行为；公共设施破损、丢失及时向有关部门报告。' },
  { title: '包互动参与', text: '配合文明城市创建；雨雪冰冻等极端天气和突发应急时协助做好责任区排水、清雪除冰。' },
] as const;

/**
 * Reason codes (stored) and their labels (shown, and accepted in imports): a black flag cites at least one
 * breach of the duties above; a red flag may cite what was done well. The demo seed draws from these lists.
 */
export const BLACK_REASONS = [
  { code: 'dirty_front', label: '门前不洁' },
  { code: 'piling', label: '乱堆乱放' },
  { code: 'outside_business', label: '出店经营' },
  { code: 'posting_hanging', label: '乱贴乱挂' },
  { code: 'facility_unreported', label: '设施破损未报' },
  { code: 'no_snow_clearing', label: '未参与应急除雪' },
  { code: 'illegal_signboard', label: '违规设置广告牌' },
  { code: 'garbage_unsorted', label: '垃圾未分类/未定点投放' },
  { code: 'sewage_dumping', label: '乱倒污水' },
  { code: 'disorderly_parking', label: '车辆乱停' },
  { code: 'refused_rectification', label: '劝导后拒不整改' },
] as const;
export const RED_REASONS = [
  { code: 'tidy_front', label: '门前整洁有序' },
  { code: 'active_persuasion', label: '主动劝导' },
  { code: 'volunteer', label: '积极参与志愿服务' },
  { code: 'timely_report', label: '主动报告设施破损' },
  { code: 'emergency_help', label: '积极参与应急除雪排水' },
  { code: 'garbage_sorted', label: '垃圾分类定点投放' },
  { code: 'orderly_parking', label: '车辆停放有序' },
  { code: 'quick_rectification', label: '整改及时到位' },
] as const;
export type RatingReason = (typeof BLACK_REASONS)[number]['code'] | (typeof RED_REASONS)[number]['code'];
const REASON_LABEL = new Map<string, string>([...BLACK_REASONS, ...RED_REASONS].map((r) => [r.code, r.label]));

/** The label of a reason code; an unknown code (older data) is shown as it is. */
export function reasonLabel(code: string): string {
  return REASON_LABEL.get(code) ?? code;
}

export const FLAGS = ['red', 'black', 'none'] as const;
export type Flag = (typeof FLAGS)[number];
export const FLAG_LABEL: Record<Flag, string> = { red: '红旗', black: '黑旗', none: '无' };
/** What a person may type in an import's flag column. */
export const FLAG_CHOICES: Readonly<Record<string, Flag>> = { 红旗: 'red', 红: 'red', 黑旗: 'black', 黑: 'black', 无: 'none', 无旗: 'none', 不评: 'none' };

/** '2026-10' → '2026-10-01' (the stored month), or null for anything that is not a real month. */
export function monthStart(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 2000 || year > 2100 || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** '2026-10-01' → '2026年10月': the public pages' wording, so staff and public pages agree. */
export { monthLabel };

/** '2026-10-01' → '2026-10' (the URL form). */
export function monthParam(start: string): string {
  return start.slice(0, 7);
}

/** Why a month may not be rated yet (a later month than `currentMonthStart`), or null. */
export function futureMonthMessage(month: string, currentMonthStart: string): string | null {
  return month > currentMonthStart ? `${monthLabel(month)}还没有到，不能评比。` : null;
}

/**
 * Checks one cell: a black flag needs at least one black reason, a red flag may cite red reasons, 无
 * carries none. Reasons may be given by code or by label. Returns the codes (deduplicated, in the list's
 * order) or the Chinese message.
 */
export function checkCell(flag: Flag, reasons: readonly string[]): { ok: true; reasons: RatingReason[] } | { ok: false; message: string } {
  const allowed: readonly { code: string; label: string }[] = flag === 'black' ? BLACK_REASONS : flag === 'red' ? RED_REASONS : [];
  const cleaned = [...new Set(reasons.map((r) => r.normalize('NFKC').trim()).filter((r) => r !== ''))];
  if (flag === 'none' && cleaned.length) return { ok: false, message: '评为「无」时不填原因。' };
  const unknown = cleaned.filter((r) => !allowed.some((a) => a.code === r || a.label === r));
  if (unknown.length) {
    return { ok: false, message: `「${unknown.join('、')}」不是${FLAG_LABEL[flag]}的可选原因，应为：${allowed.map((a) => a.label).join('、')}。` };
  }
  if (flag === 'black' && cleaned.length === 0) return { ok: false, message: '黑旗必须至少选择一个原因。' };
  return { ok: true, reasons: allowed.filter((a) => cleaned.includes(a.code) || cleaned.includes(a.label)).map((a) => a.code as RatingReason) };
}

/** Splits a reasons cell as people type it: 、，,；; or spaces between codes. */
export function splitReasons(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[、,;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Calendar arithmetic in China Standard Time (UTC+8, no daylight saving), where every date in the domain lives. */
export const CST_OFFSET_MS = 8 * 3_600_000;

/** The CST calendar day of an instant, as YYYY-MM-DD. */
export function cstIsoDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first day (YYYY-MM-DD) of the CST month `monthsBack` months before the month of `at`. */
export function cstMonthStartIso(at: Date, monthsBack = 0): string {
  const local = new Date(at.getTime() + CST_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 10);
}

/** The instant the CST month of `at` began. */
export function cstMonthStart(at: Date): Date {
  return new Date(Date.parse(`${cstMonthStartIso(at)}T00:00:00Z`) - CST_OFFSET_MS);
}

/** '2026年11月23日' for an instant, in CST. */
export function cstDateLabel(at: Date): string {
  const [y, m, d] = cstIsoDate(at).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** '2026年11月23日 09:05' for an instant, in CST. */
export function cstDateTimeLabel(at: Date): string {
  const local = new Date(at.getTime() + CST_OFFSET_MS).toISOString();
  return `${cstDateLabel(at)} ${local.slice(11, 16)}`;
}

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

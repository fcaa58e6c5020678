/**
 * Handling time limits are counted in working hours (工作时), as 数字化城管 立案处置结案标准 count them.
 * Working time is Monday–Friday within the office day, in China Standard Time (UTC+8, no DST).
 * Public holidays are not modelled yet; they would come in as a settings list of dates.
 */
import { CST_OFFSET_MS } from './calendar';

export interface WorkingDay {
  /** Office day start and end in hours after local midnight, e.g. 9 and 17. */
  startHour: number;
  endHour: number;
}

export const DEFAULT_WORKING_DAY: WorkingDay = { startHour: 9, endHour: 17 };
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The instant `hours` working hours after `start`. A start outside office hours counts from the next opening. */
export function addWorkingHours(start: Date, hours: number, day: WorkingDay = DEFAULT_WORKING_DAY): Date {
  if (!(hours >= 0) || !Number.isFinite(hours)) throw new RangeError(`hours must be a finite number ≥ 0, got ${hours}`);
  if (!(day.startHour >= 0 && day.endHour <= 24 && day.startHour < day.endHour)) throw new RangeError('invalid working day');
  // Work in "local" milliseconds: UTC arithmetic on a clock shifted by +8 h.
  let t = start.getTime() + CST_OFFSET_MS;
  let remaining = hours * HOUR_MS;
  for (;;) {
    const midnight = Math.floor(t / DAY_MS) * DAY_MS;
    const weekday = new Date(midnight).getUTCDay(); // 0 = Sunday
    const open = midnight + day.startHour * HOUR_MS;
    const close = midnight + day.endHour * HOUR_MS;
    if (weekday === 0 || weekday === 6 || t >= close) {
      t = midnight + DAY_MS + day.startHour * HOUR_MS;
      continue;
    }
    if (t < open) t = open;
    const available = close - t;
    if (remaining <= available) return new Date(t + remaining - CST_OFFSET_MS);
    remaining -= available;
    t = midnight + DAY_MS + day.startHour * HOUR_MS;
  }
}

import { describe, expect, it } from 'vitest';
import { addWorkingHours } from '@/lib/domain/working-hours';

const cst = (s: string) => new Date(`${s}+08:00`);

describe('addWorkingHours (Mon–Fri 9:00–17:00 CST)', () => {
  it.each([
    ['within the same day', '2026-11-18T10:00:00', 2, '2026-11-18T12:00:00'],
    ['exactly to closing time', '2026-11-18T09:00:00', 8, '2026-11-18T17:00:00'],
    ['across the evening into the next morning', '2026-11-18T16:00:00', 2, '2026-11-19T10:00:00'],
    ['from before opening counts from 9:00', '2026-11-18T06:30:00', 1, '2026-11-18T10:00:00'],
    ['from after closing counts from the next 9:00', '2026-11-18T20:00:00', 0.5, '2026-11-19T09:30:00'],
    ['Friday afternoon rolls over the weekend', '2026-11-20T16:00:00', 4, '2026-11-23T12:00:00'],
    ['a report on Saturday starts Monday', '2026-11-21T11:00:00', 8, '2026-11-23T17:00:00'],
    ['five working days (40 h) from Monday 9:00 end Friday 17:00', '2026-11-16T09:00:00', 40, '2026-11-20T17:00:00'],
    ['120 h (15 working days) spans three weekends', '2026-11-16T09:00:00', 120, '2026-12-04T17:00:00'],
    ['zero hours inside office time is now', '2026-11-18T11:15:00', 0, '2026-11-18T11:15:00'],
  ])('%s', (_name, start, hours, expected) => {
    expect(addWorkingHours(cst(start), hours).toISOString()).toBe(cst(expected).toISOString());
  });

  it('honours a different office day', () => {
    expect(addWorkingHours(cst('2026-11-18T17:00:00'), 1, { startHour: 8, endHour: 18 }).toISOString()).toBe(
      cst('2026-11-18T18:00:00').toISOString(),
    );
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s hours', (hours) => {
    expect(() => addWorkingHours(cst('2026-11-18T10:00:00'), hours)).toThrow(RangeError);
  });

  it('refuses an office day that ends before it starts', () => {
    expect(() => addWorkingHours(new Date(), 1, { startHour: 17, endHour: 9 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { cstIsoDate, cstMonthStart, cstMonthStartIso } from '@/lib/domain/calendar';

describe('China-time calendar', () => {
  it('puts 16:30 UTC on the last of the month into the next month', () => {
    const at = new Date('2026-10-31T16:30:00Z'); // 00:30 on 1 November in China
    expect(cstIsoDate(at)).toBe('2026-11-01');
    expect(cstMonthStartIso(at)).toBe('2026-11-01');
    expect(cstMonthStart(at).toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it.each([
    [0, '2026-11-01'],
    [1, '2026-10-01'],
    [11, '2025-12-01'],
    [12, '2025-11-01'],
  ])('goes back %i months across years', (back, expected) => {
    expect(cstMonthStartIso(new Date('2026-11-22T04:00:00Z'), back)).toBe(expected);
  });
});

describe('date labels', () => {
  it('writes CST dates and times the way people read them', async () => {
    const { cstDateLabel, cstDateTimeLabel } = await import('@/lib/domain/calendar');
    expect(cstDateLabel(new Date('2026-11-22T16:05:00Z'))).toBe('2026年11月23日');
    expect(cstDateTimeLabel(new Date('2026-11-22T16:05:00Z'))).toBe('2026年11月23日 00:05');
    expect(cstDateTimeLabel(new Date('2026-01-01T01:09:00Z'))).toBe('2026年1月1日 09:09');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeStanding,
  computeStandings,
  countingYearStart,
  monthFromIndex,
  monthIndex,
  STATUS_RANK,
  type FlagValue,
  type MonthFlag,
  type RatingRules,
} from '@/lib/domain/flags';

// The seed's rule (二七区方案): 连续 3 次或累计 4 次黑旗问责；黑旗次月红旗抵消 1 面。
const SEED: RatingRules = { consecutiveBlackLimit: 3, yearlyBlackLimit: 4, redOffsetsPrecedingBlack: true, yearStartMonth: 1 };

/** 'BR.B' from January 2026: B black, R red, . none. */
function months(pattern: string, start = '2026-01'): MonthFlag[] {
  const s = monthIndex(start);
  const flags: Record<string, FlagValue> = { B: 'black', R: 'red', '.': 'none' };
  return [...pattern].map((ch, i) => ({ month: monthFromIndex(s + i), flag: flags[ch]! }));
}

describe('red/black standing, month by month (seed wording)', () => {
  it('a year without black flags is good and says how many red flags it won', () => {
    const s = computeStanding(months('RR.R'), '2026-04', SEED);
    expect(s).toMatchObject({ status: 'good', blackCount: 0, redCount: 3, countedBlack: 0, accountable: null });
    expect(s.explanation).toBe('本年度未被评为黑旗，获红旗 3 面。');
  });

  it('one black flag is a warning with three to go', () => {
    const s = computeStanding(months('.B'), '2026-02', SEED);
    expect(s).toMatchObject({ status: 'warning', countedBlack: 1, consecutiveBlack: 1, remainingYearly: 3, remainingConsecutive: 2 });
    expect(s.explanation).toBe('本年度黑旗 1 面；再累计 3 面将被问责；已连续 1 个月被评为黑旗，再连续 2 个月将被问责。');
    expect(s.advice).toContain('下个月被评为红旗，可抵消 1 面黑旗');
  });

  it('the issue example: 3 black, September red cancels one, counts 2, two more to accountability', () => {
    // Black in Feb, Aug, Oct; red in Sep right after August's black.
    const s = computeStanding(months('.B.....BRB..'), '2026-12', SEED);
    expect(s.offsets).toEqual([{ black: '2026-08', red: '2026-09' }]);
    expect(s).toMatchObject({ status: 'warning', blackCount: 3, countedBlack: 2, remainingYearly: 2 });
    expect(s.explanation).toBe('本年度黑旗 3 面，9 月红旗抵消 1 面，计 2 面；再累计 2 面将被问责。');
  });

  it('black months in a row: two is a warning, the third is accountability', () => {
    expect(computeStanding(months('BB'), '2026-02', SEED).explanation).toContain('下个月再评黑旗将被问责');
    const s = computeStanding(months('BBB'), '2026-03', SEED);
    expect(s.status).toBe('accountable');
    expect(s.accountable).toEqual({ since: '2026-03', reason: 'consecutive', runStart: '2026-01' });
    expect(s.explanation).toBe('本年度黑旗 3 面；1 月至 3 月连续 3 个月被评为黑旗，已被问责。');
  });

  it('four black flags in the year, none in a row, make it accountable in the fourth month', () => {
    const s = computeStanding(months('B.B.B.B'), '2026-07', SEED);
    expect(s.accountable).toEqual({ since: '2026-07', reason: 'yearly' });
    expect(s.explanation).toBe('本年度黑旗 4 面；7 月累计达到 4 面，已被问责。');
  });

  it('a red right after a black cancels it, so four blacks with one offset are not accountable', () => {
    const s = computeStanding(months('BRB.B.B'), '2026-07', SEED);
    expect(s).toMatchObject({ status: 'warning', blackCount: 4, countedBlack: 3, remainingYearly: 1 });
    expect(s.offsets).toEqual([{ black: '2026-01', red: '2026-02' }]);
  });

  it('a red two months after a black cancels nothing', () => {
    const s = computeStanding(months('B.R'), '2026-03', SEED);
    expect(s.offsets).toEqual([]);
    expect(s.countedBlack).toBe(1);
  });

  it('one red cancels one black, not a run of blacks', () => {
    const s = computeStanding(months('BBR'), '2026-03', SEED);
    expect(s.offsets).toHaveLength(1);
    expect(s.countedBlack).toBe(1);
  });

  it('without the offset rule, a red cancels nothing', () => {
    const s = computeStanding(months('BRB.B.B'), '2026-07', { ...SEED, redOffsetsPrecedingBlack: false });
    expect(s.status).toBe('accountable');
    expect(s.offsets).toEqual([]);
  });

  it('accountability stays for the rest of the counting year, even after red months', () => {
    const s = computeStanding(months('BBBRRRRRR'), '2026-09', SEED);
    expect(s.status).toBe('accountable');
    expect(s.accountable?.since).toBe('2026-03');
  });

  it('a new counting year starts from zero', () => {
    const s = computeStanding(months('B.B.B.B......'), '2027-01', SEED);
    expect(s).toMatchObject({ status: 'good', blackCount: 0, yearStart: '2027-01' });
  });

  it('a run that starts in December still counts in January and February', () => {
    const s = computeStanding(months('BBB', '2025-12'), '2026-02', SEED);
    expect(s.accountable).toEqual({ since: '2026-02', reason: 'consecutive', runStart: '2025-12' });
    expect(s.blackCount).toBe(2);
    expect(s.explanation).toContain('2025 年 12 月至 2 月连续 3 个月');
  });

  it('a December black is not cancelled by a January red of the next year (it was never counted there)', () => {
    const s = computeStanding(months('BR', '2025-12'), '2026-01', SEED);
    expect(s).toMatchObject({ offsets: [], blackCount: 0, redCount: 1, status: 'good' });
  });

  it('a counting year from July puts June in the previous year', () => {
    const rules = { ...SEED, yearStartMonth: 7 };
    expect(countingYearStart('2026-06', 7)).toBe('2025-07');
    expect(countingYearStart('2026-07', 7)).toBe('2026-07');
    const s = computeStanding(months('B.B.B.B', '2026-01'), '2026-07', rules);
    expect(s).toMatchObject({ yearStart: '2026-07', blackCount: 1, status: 'warning' });
    expect(s.explanation.startsWith('本考评年度（2026 年 7 月起）黑旗 1 面')).toBe(true);
  });

  it('other thresholds from the settings apply', () => {
    const s = computeStanding(months('B.B'), '2026-03', { ...SEED, yearlyBlackLimit: 2 });
    expect(s.accountable).toEqual({ since: '2026-03', reason: 'yearly' });
  });

  it('months after asOf are ignored, unrated months count as none, database dates are accepted', () => {
    const s = computeStanding([{ month: '2026-01-01', flag: 'black' }, { month: '2026-05-01', flag: 'black' }], '2026-03', SEED);
    expect(s).toMatchObject({ blackCount: 1, flag: 'none', consecutiveBlack: 0 });
  });

  it('refuses malformed months and thresholds', () => {
    expect(() => computeStanding([], '2026-13', SEED)).toThrow(RangeError);
    expect(() => computeStanding([{ month: 'May', flag: 'red' }], '2026-03', SEED)).toThrow(RangeError);
    expect(() => computeStanding([{ month: '2026-05-1x', flag: 'red' }], '2026-03', SEED)).toThrow(RangeError);
    expect(() => computeStanding([{ month: '2026/05', flag: 'red' }], '2026-03', SEED)).toThrow(RangeError);
    expect(() => computeStanding([{ month: '2026-00', flag: 'red' }], '2026-03', SEED)).toThrow(RangeError);
    expect(() => computeStanding([], '2026-03', { ...SEED, yearStartMonth: 0 })).toThrow(RangeError);
    expect(() => computeStanding([], '2026-03', { ...SEED, yearlyBlackLimit: 0 })).toThrow(RangeError);
  });

  it('computeStandings gives the same standing per subject as computeStanding', () => {
    const a = months('BRB.B.B');
    const b = months('BBB');
    const m = computeStandings([...a.map((r) => ({ key: 'a', ...r })), ...b.map((r) => ({ key: 'b', ...r }))], '2026-07', SEED);
    expect(m.get('a')).toEqual(computeStanding(a, '2026-07', SEED));
    expect(m.get('b')).toEqual(computeStanding(b, '2026-07', SEED));
  });
});

const flagArb = fc.constantFrom<FlagValue>('red', 'black', 'none');
const rulesArb = fc.record({
  consecutiveBlackLimit: fc.integer({ min: 1, max: 6 }),
  yearlyBlackLimit: fc.integer({ min: 1, max: 12 }),
  redOffsetsPrecedingBlack: fc.boolean(),
  yearStartMonth: fc.integer({ min: 1, max: 12 }),
});
const START = monthIndex('2024-01');
const historyArb = fc.array(flagArb, { minLength: 1, maxLength: 36 });
const toHistory = (flags: FlagValue[]) => flags.map((flag, i) => ({ month: monthFromIndex(START + i), flag }));

describe('red/black standing properties', () => {
  it('an offset never makes a count negative, and counts add up', () => {
    fc.assert(
      fc.property(historyArb, rulesArb, fc.nat(), (flags, rules, at) => {
        const asOf = monthFromIndex(START + (at % flags.length));
        const s = computeStanding(toHistory(flags), asOf, rules);
        expect(s.countedBlack).toBeGreaterThanOrEqual(0);
        expect(s.countedBlack).toBe(s.blackCount - s.offsets.length);
        expect(new Set(s.offsets.map((o) => o.black)).size).toBe(s.offsets.length);
        expect(s.status === 'accountable').toBe(s.accountable !== null);
        if (s.status === 'good') expect(s.countedBlack).toBe(0);
      }),
    );
  });

  it('adding a red month never worsens a standing', () => {
    fc.assert(
      fc.property(historyArb, rulesArb, fc.nat(), fc.nat(), (flags, rules, at, where) => {
        const asOf = monthFromIndex(START + (at % flags.length));
        const better = [...flags];
        better[where % flags.length] = 'red';
        const before = computeStanding(toHistory(flags), asOf, rules);
        const after = computeStanding(toHistory(better), asOf, rules);
        expect(STATUS_RANK[after.status]).toBeLessThanOrEqual(STATUS_RANK[before.status]);
        expect(after.countedBlack).toBeLessThanOrEqual(before.countedBlack);
        expect(after.consecutiveBlack).toBeLessThanOrEqual(before.consecutiveBlack);
      }),
    );
  });

  it('adding a black month never improves a standing', () => {
    fc.assert(
      fc.property(historyArb, rulesArb, fc.nat(), fc.nat(), (flags, rules, at, where) => {
        const asOf = monthFromIndex(START + (at % flags.length));
        const worse = [...flags];
        worse[where % flags.length] = 'black';
        const before = computeStanding(toHistory(flags), asOf, rules);
        const after = computeStanding(toHistory(worse), asOf, rules);
        expect(STATUS_RANK[after.status]).toBeGreaterThanOrEqual(STATUS_RANK[before.status]);
      }),
    );
  });

  it('the explanation always names the black count and, unless accountable, what is left', () => {
    fc.assert(
      fc.property(historyArb, rulesArb, (flags, rules) => {
        const asOf = monthFromIndex(START + flags.length - 1);
        const s = computeStanding(toHistory(flags), asOf, rules);
        if (s.blackCount > 0) expect(s.explanation).toContain(`黑旗 ${s.blackCount} 面`);
        if (s.status === 'warning') expect(s.explanation).toContain(`再累计 ${s.remainingYearly} 面将被问责`);
        if (s.status === 'accountable') expect(s.explanation).toContain('已被问责');
      }),
    );
  });
});

/** The arithmetic of /stats, the 考核 table and the open data: rates, medians, the filter, chart geometry, CSV. */
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  assessmentRates,
  barWidths,
  csvField,
  filterQuery,
  formatDuration,
  formatPercent,
  groupedBars,
  labelStep,
  linePath,
  median,
  monthOf,
  monthRange,
  monthsBetween,
  niceMax,
  openDataMonths,
  parseOpenDataFile,
  parseStatsFilter,
  showLabel,
  ratio,
  roundCoordinate,
  ticks,
  toCsv,
  yOf,
  DEFAULT_BOX,
} from '@/lib/domain/stats';

const NOW = new Date('2026-11-23T02:00:00Z'); // 10:00 CST, November 2026

describe('rates and medians', () => {
  it('has no rate without cases, rather than 0 %', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 4)).toBe(0.75);
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(0.8734)).toBe('87.3%');
    expect(formatPercent(1)).toBe('100.0%');
  });

  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 1, 1000], 10],
  ])('median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('leaves its input unsorted', () => {
    const v = [3, 1, 2];
    median(v);
    expect(v).toEqual([3, 1, 2]);
  });

  it('shows hours under two days and days above', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(18.46)).toBe('18.5 小时');
    expect(formatDuration(72)).toBe('3.0 天');
  });

  it('derives the 考核 rates and overdue count from the month cohort', () => {
    const r = assessmentRates({ due: 8, onTime: 6, closed: 7, returned: 2, ratedCount: 4, ratedSum: 18, red: 1, black: 0 });
    expect(r).toEqual({ onTimeRate: 0.75, closureRate: 0.875, returnRate: 0.25, overdue: 2, satisfaction: 4.5 });
    expect(assessmentRates({ due: 0, onTime: 0, closed: 0, returned: 0, ratedCount: 0, ratedSum: 0, red: 0, black: 0 })).toEqual({
      onTimeRate: null,
      closureRate: null,
      returnRate: null,
      overdue: 0,
      satisfaction: null,
    });
  });
});

describe('months in China Standard Time', () => {
  it('puts an instant in its CST month, not its UTC one', () => {
    expect(monthOf(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11'); // 00:30 on 1 November in CST
    expect(monthOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
  });

  it('adds months across year ends both ways', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
  });

  it('gives the CST instants a period starts and ends', () => {
    const { start, end } = monthRange('2026-10', '2026-11');
    expect(start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });
});

describe('the /stats filter', () => {
  it('defaults to the last 12 months of the whole district', () => {
    expect(parseStatsFilter({}, NOW, [7])).toEqual({ ok: true, filter: { from: '2025-12', to: '2026-11', streetId: null } });
  });

  it('takes a valid period and street', () => {
    expect(parseStatsFilter({ from: '2026-01', to: '2026-06', street: '7' }, NOW, [7, 8])).toEqual({
      ok: true,
      filter: { from: '2026-01', to: '2026-06', streetId: 7 },
    });
  });

  it('counts 12 months back from a given end month when no start is given', () => {
    expect(parseStatsFilter({ to: '2026-06' }, NOW, []).filter).toMatchObject({ from: '2025-07', to: '2026-06' });
  });

  it.each([
    [{ from: '2026-13' }, '起始月份“2026-13”格式不对'],
    [{ to: 'abc' }, '结束月份“abc”格式不对'],
    [{ to: '2027-01' }, '结束月份不能晚于本月（2026年11月）'],
    [{ from: '2026-10', to: '2026-05' }, '起始月份晚于结束月份'],
    [{ from: '2020-01' }, '一次最多统计 36 个月'],
    [{ street: '99' }, '没有这个街道'],
    [{ street: '7 or 1=1' }, '没有这个街道'],
  ])('explains a bad value %j in Chinese and falls back', (input, message) => {
    const result = parseStatsFilter(input, NOW, [7]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
    expect(monthsBetween(result.filter.from, result.filter.to).length).toBeGreaterThan(0);
    expect(monthsBetween(result.filter.from, result.filter.to).length).toBeLessThanOrEqual(36);
  });

  it('writes the filter back as a query string for export links', () => {
    expect(filterQuery({ from: '2026-01', to: '2026-06', streetId: null })).toBe('from=2026-01&to=2026-06');
    expect(filterQuery({ from: '2026-01', to: '2026-06', streetId: 7 })).toBe('from=2026-01&to=2026-06&street=7');
  });
});

describe('chart scales and geometry', () => {
  it.each([
    [0, 1],
    [-3, 1],
    [1, 1],
    [7, 10],
    [13, 20],
    [21, 25],
    [26, 50],
    [100, 100],
    [101, 200],
    [0.87, 1],
    [0.3, 0.5],
  ])('rounds a maximum of %s up to %s', (max, top) => {
    expect(niceMax(max)).toBeCloseTo(top, 9);
  });

  it('spaces ticks evenly from zero to the top, on round numbers', () => {
    expect(ticks(20, 4)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(500)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(25)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(ticks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('gives a chart of tiny counts an axis of whole numbers', () => {
    expect(groupedBars([[1, 0]]).top).toBe(5);
  });

  it('draws the largest bar to the top of the plot and a zero bar with no height', () => {
    const { bars, top } = groupedBars([
      [10, 0, 5],
      [8, 0, 20],
    ]);
    expect(top).toBe(20);
    const plotTop = DEFAULT_BOX.top;
    const plotBottom = DEFAULT_BOX.height - DEFAULT_BOX.bottom;
    const biggest = bars.find((b) => b.value === 20)!;
    expect(biggest.y).toBe(plotTop);
    expect(biggest.y + biggest.height).toBeCloseTo(plotBottom, 5);
    expect(bars.filter((b) => b.value === 0).every((b) => b.height === 0 && b.y === plotBottom)).toBe(true);
    // Bars stay inside the plot and do not overlap within a group.
    for (const b of bars) {
      expect(b.x).toBeGreaterThanOrEqual(DEFAULT_BOX.left);
      expect(b.x + b.width).toBeLessThanOrEqual(DEFAULT_BOX.width - DEFAULT_BOX.right + 0.01);
    }
    const [a, c] = bars.filter((b) => b.index === 0);
    expect(a!.x + a!.width).toBeLessThanOrEqual(c!.x + 0.01);
  });

  it('breaks a line where a month has no value', () => {
    const d = linePath([0.5, null, 1, 1], 1);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
    expect(d.startsWith(`M`)).toBe(true);
    expect(linePath([null, null], 1)).toBe('');
    expect(yOf(1, 1)).toBe(DEFAULT_BOX.top);
    expect(yOf(0, 1)).toBe(DEFAULT_BOX.height - DEFAULT_BOX.bottom);
  });

  it('scales horizontal bars to the nice maximum', () => {
    expect(barWidths([50, 25, 0], 200)).toEqual({ widths: [200, 100, 0], top: 50 });
  });

  it('thins month labels on a narrow chart', () => {
    expect(labelStep(12, 12)).toBe(1);
    expect(labelStep(36, 12)).toBe(3);
    expect(labelStep(13, 6)).toBe(3);
    // 12 months, every second label, counted back from the latest month.
    const shown = Array.from({ length: 12 }, (_, i) => i).filter((i) => showLabel(i, 12, 2));
    expect(shown).toEqual([1, 3, 5, 7, 9, 11]);
  });
});

describe('CSV and open data', () => {
  it('quotes fields with commas, quotes and line breaks, and disarms formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });

  it('writes a BOM, a header row and CRLF line ends', () => {
    expect(toCsv(['月份', '件数'], [['2026-10', 3]])).toBe('\uFEFF月份,件数\r\n2026-10,3\r\n');
  });

  it('rounds coordinates to three decimals (~100 m)', () => {
    expect(roundCoordinate(30.593456)).toBe(30.593);
    expect(roundCoordinate(114.30551)).toBe(114.306);
    expect(roundCoordinate(null)).toBeNull();
    expect(roundCoordinate(Number.NaN)).toBeNull();
  });

  it('knows the open-data file names and nothing else', () => {
    expect(parseOpenDataFile('cases-2026-10.csv')).toEqual({ month: '2026-10', format: 'csv' });
    expect(parseOpenDataFile('cases-2026-10.json')).toEqual({ month: '2026-10', format: 'json' });
    expect(parseOpenDataFile('cases-2026-13.csv')).toBeNull();
    expect(parseOpenDataFile('cases-2026-10.xml')).toBeNull();
    expect(parseOpenDataFile('../cases-2026-10.csv')).toBeNull();
  });

  it('publishes complete months only, newest first', () => {
    expect(openDataMonths(NOW, 3)).toEqual(['2026-10', '2026-09', '2026-08']);
  });
});

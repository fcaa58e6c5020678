/**
 * The arithmetic behind /stats, the 考核 reports and the open data: rates, medians, the period and
 * street filter, chart scales and SVG geometry, CSV text and the anonymising of exported cases.
 * Plain TypeScript: the SQL lives in lib/stats/queries.ts, the pages only draw what this returns.
 */
import { CST_OFFSET_MS, cstMonthStartIso } from './calendar';
import { escapeFormula } from './spreadsheet';

/** 'YYYY-MM' */
export type Month = string;

/** part / whole, or null when there is nothing to divide (a rate of "no cases" is not 0 %). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** 0.8734 → '87.3%'; null → '—'. */
export function formatPercent(r: number | null, digits = 1): string {
  return r === null ? '—' : `${(r * 100).toFixed(digits)}%`;
}

/** The median of a list (the mean of the middle two for an even count), null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Hours as the public reads them: '18.5 小时' under two days, '3.2 天' above; '—' for null. */
export function formatDuration(hours: number | null): string {
  if (hours === null) return '—';
  return hours < 48 ? `${hours.toFixed(1)} 小时` : `${(hours / 24).toFixed(1)} 天`;
}

/** Mean satisfaction (1..5) to one decimal, '—' when nobody rated. */
export function formatScore(avg: number | null): string {
  return avg === null ? '—' : avg.toFixed(1);
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  const m = MONTH_RE.exec(text);
  return !!m && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

/** '2026-03' plus n months (n may be negative). */
export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** Every month from `from` to `to`, both included ([] when from > to). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to && out.length < 1200; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The CST month an instant falls in. */
export function monthOf(at: Date): Month {
  return cstMonthStartIso(at).slice(0, 7);
}

/** The instants [start, end) of CST months from..to. */
export function monthRange(from: Month, to: Month): { start: Date; end: Date } {
  const start = new Date(Date.parse(`${from}-01T00:00:00Z`) - CST_OFFSET_MS);
  const end = new Date(Date.parse(`${addMonths(to, 1)}-01T00:00:00Z`) - CST_OFFSET_MS);
  return { start, end };
}

/** '2026-03' → '2026年3月'; '26年3月' style is too easy to misread. */
export function monthText(month: Month): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** Longest period one /stats view covers: three years of months. */
export const STATS_MAX_MONTHS = 36;
/** Default period: the last 12 months including the current one. */
export const STATS_DEFAULT_MONTHS = 12;

export interface StatsFilter {
  from: Month;
  to: Month;
  streetId: number | null;
}

export type StatsFilterResult = { ok: true; filter: StatsFilter } | { ok: false; filter: StatsFilter; message: string };

/**
 * The /stats GET form's values as a filter. Empty fields take the defaults (the last 12 months, the
 * whole district); a bad value falls back to the default and says why in Chinese, so the page still
 * shows numbers next to the message.
 */
export function parseStatsFilter(
  input: { from?: string | null; to?: string | null; street?: string | null },
  now: Date,
  streetIds: readonly number[],
): StatsFilterResult {
  const current = monthOf(now);
  const defaults: StatsFilter = { from: addMonths(current, -(STATS_DEFAULT_MONTHS - 1)), to: current, streetId: null };
  const problems: string[] = [];
  const from = (input.from ?? '').trim();
  const to = (input.to ?? '').trim();
  const street = (input.street ?? '').trim();
  const filter: StatsFilter = { ...defaults };

  if (to) {
    if (!isMonth(to)) problems.push(`结束月份“${to.slice(0, 20)}”格式不对，应为“2026-03”这样的年-月`);
    else if (to > current) problems.push(`结束月份不能晚于本月（${monthText(current)}）`);
    else filter.to = to;
  }
  if (from) {
    if (!isMonth(from)) problems.push(`起始月份“${from.slice(0, 20)}”格式不对，应为“2026-03”这样的年-月`);
    else filter.from = from;
  } else if (to && filter.to !== defaults.to) {
    filter.from = addMonths(filter.to, -(STATS_DEFAULT_MONTHS - 1));
  }
  if (filter.from > filter.to) {
    problems.push('起始月份晚于结束月份');
    filter.from = addMonths(filter.to, -(STATS_DEFAULT_MONTHS - 1));
  }
  if (monthsBetween(filter.from, filter.to).length > STATS_MAX_MONTHS) {
    problems.push(`一次最多统计 ${STATS_MAX_MONTHS} 个月`);
    filter.from = addMonths(filter.to, -(STATS_MAX_MONTHS - 1));
  }
  if (street) {
    const id = /^\d{1,9}$/.test(street) ? Number(street) : NaN;
    if (!streetIds.includes(id)) problems.push('没有这个街道，已显示全区数据');
    else filter.streetId = id;
  }
  return problems.length ? { ok: false, filter, message: `${problems.join('；')}。` } : { ok: true, filter };
}

/** The query string of a filter (for export links), leaving out defaults that are empty. */
export function filterQuery(filter: StatsFilter): string {
  const p = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.streetId !== null) p.set('street', String(filter.streetId));
  return p.toString();
}

// ---- Chart scales and geometry (server-rendered SVG, no chart library) ----

/** The smallest 1, 2, 2.5, 5 × 10^k at or above `max` (at least 1), so axis ticks land on round numbers. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const exp = Math.floor(Math.log10(max));
  const base = 10 ** exp;
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * base >= max - 1e-9) return step * base;
  }
  return 10 * base;
}

/** Evenly spaced ticks 0..top (count + 1 values); by default 4 or 5 steps so each lands on a round number. */
export function ticks(top: number, count = defaultTickCount(top)): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

/** 2 × 10^k splits in 4 (0.5 steps), 1, 2.5, 5 × 10^k in 5. */
function defaultTickCount(top: number): number {
  const lead = top / 10 ** Math.floor(Math.log10(top));
  return Math.abs(lead - 2) < 1e-9 ? 4 : 5;
}

/** A tick's label: integers stay integers, fractions get one decimal. */
export function tickLabel(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export interface ChartBox {
  width: number;
  height: number;
  /** Space for the y-axis labels on the left and the x labels below. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export const DEFAULT_BOX: ChartBox = { width: 360, height: 220, left: 40, bottom: 28, top: 12, right: 8 };

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
  series: number;
  index: number;
}

/**
 * Grouped vertical bars: one group per label, one bar per series inside it. Heights scale to
 * niceMax of the largest value; a zero value gets no height (but keeps its place).
 */
export function groupedBars(series: readonly (readonly number[])[], box: ChartBox = DEFAULT_BOX): { bars: Bar[]; top: number; groupWidth: number } {
  const n = Math.max(0, ...series.map((s) => s.length));
  // Counts: at least 0..5, so a month with one case does not get axis ticks at 0.2.
  const top = niceMax(Math.max(5, ...series.flat()));
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const groupWidth = n ? plotW / n : plotW;
  const gap = groupWidth * 0.2;
  const barW = series.length ? (groupWidth - gap) / series.length : 0;
  const bars: Bar[] = [];
  series.forEach((values, s) => {
    values.forEach((value, i) => {
      const h = (Math.max(0, value) / top) * plotH;
      bars.push({
        x: round2(box.left + i * groupWidth + gap / 2 + s * barW),
        y: round2(box.top + plotH - h),
        width: round2(barW),
        height: round2(h),
        value,
        series: s,
        index: i,
      });
    });
  });
  return { bars, top, groupWidth };
}

/** The y pixel of a value on a chart whose axis runs 0..top. */
export function yOf(value: number, top: number, box: ChartBox = DEFAULT_BOX): number {
  const plotH = box.height - box.top - box.bottom;
  return round2(box.top + plotH - (Math.max(0, Math.min(value, top)) / top) * plotH);
}

/**
 * An SVG path through the points of a series (x at the middle of each slot). Null values break the
 * line (a month without cases has no rate), so the path holds one `M` per unbroken run.
 */
export function linePath(values: readonly (number | null)[], top: number, box: ChartBox = DEFAULT_BOX): string {
  const plotW = box.width - box.left - box.right;
  const slot = values.length ? plotW / values.length : plotW;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = round2(box.left + slot * (i + 0.5));
    d += `${pen ? 'L' : 'M'}${x} ${yOf(v, top, box)}`;
    pen = true;
  });
  return d;
}

/** Horizontal bars for a ranked list: widths in px out of `width`, scaled to niceMax of the largest. */
export function barWidths(values: readonly number[], width: number): { widths: number[]; top: number } {
  const top = niceMax(Math.max(0, ...values));
  return { widths: values.map((v) => round2((Math.max(0, v) / top) * width)), top };
}

/** Which x labels to print when there are too many for the width: every k-th. */
export function labelStep(count: number, maxLabels: number): number {
  return count <= maxLabels ? 1 : Math.ceil(count / maxLabels);
}

/** Whether label i of count is printed: every step-th counted back from the last, so the latest month is always labelled. */
export function showLabel(i: number, count: number, step: number): boolean {
  return (count - 1 - i) % step === 0;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

// ---- CSV and open data ----

/** One CSV field: quoted when needed (RFC 4180), text escaped against formula injection. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : escapeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: UTF-8 BOM (so Excel reads the Chinese), CRLF line ends, header row first. */
export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const lines = [headers, ...rows].map((r) => r.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Coordinates in open data: 3 decimals, about 110 m north–south and under 100 m east–west here. */
export function roundCoordinate(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000;
}

/** `cases-2026-10.csv` → { month, format }; null for any other name. */
export function parseOpenDataFile(name: string): { month: Month; format: 'csv' | 'json' } | null {
  const m = /^cases-(\d{4}-\d{2})\.(csv|json)$/.exec(name);
  if (!m || !isMonth(m[1]!)) return null;
  return { month: m[1]!, format: m[2] as 'csv' | 'json' };
}

/** Months with a published export: complete CST months before the current one, back `count` months. */
export function openDataMonths(now: Date, count = 12): Month[] {
  const current = monthOf(now);
  return Array.from({ length: count }, (_, i) => addMonths(current, -(i + 1)));
}

// ---- 考核 (assessment) ----

/** Per-entity counts for one month, as lib/stats/queries.ts counts them (see docs/decisions.md). */
export interface AssessmentCounts {
  /** Non-rejected cases whose deadline fell in the month (应办件). */
  due: number;
  /** Of those, finished (handled or closed) by the deadline. */
  onTime: number;
  /** Of those, closed (结案) by the time the report is made. */
  closed: number;
  /** Of those, returned (退单) or sent back by the verifier (核查不通过) at least once. */
  returned: number;
  /** Satisfaction ratings on cases closed in the month. */
  ratedCount: number;
  ratedSum: number;
  red: number;
  black: number;
}

export interface AssessmentRates {
  onTimeRate: number | null;
  closureRate: number | null;
  returnRate: number | null;
  overdue: number;
  satisfaction: number | null;
}

export function assessmentRates(c: AssessmentCounts): AssessmentRates {
  return {
    onTimeRate: ratio(c.onTime, c.due),
    closureRate: ratio(c.closed, c.due),
    returnRate: ratio(c.returned, c.due),
    overdue: c.due - c.onTime,
    satisfaction: c.ratedCount > 0 ? c.ratedSum / c.ratedCount : null,
  };
}

/** The previous complete month is what an assessment is normally made for. */
export function defaultAssessmentMonth(now: Date): Month {
  return addMonths(monthOf(now), -1);
}

/**
 * The tables of /stats and the 考核 report as header + rows, one shape for the page, the CSV and the
 * xlsx download, so the three never disagree. xlsx goes through the 台账 writer (formula-escaped cells).
 */
import { streamWorkbook, toBuffer } from '../ledger/xlsx';
import { assessmentRates, formatScore, monthText, ratio, toCsv } from '../domain/stats';
import type { AssessmentGroup, AssessmentRow, DistrictStats } from './queries';

export type Cell = string | number | null;

export interface Table {
  key: string;
  title: string;
  headers: string[];
  rows: Cell[][];
}

export const STATS_TABLE_KEYS = ['monthly', 'categories', 'streets', 'satisfaction', 'flags'] as const;
export type StatsTableKey = (typeof STATS_TABLE_KEYS)[number];

/** A ratio as a percentage number with one decimal (a spreadsheet can sum and sort it), null when undefined. */
function percent(r: number | null): number | null {
  return r === null ? null : Math.round(r * 1000) / 10;
}

/** part / whole as a percentage (see percent). */
function pct(part: number, whole: number): number | null {
  return percent(ratio(part, whole));
}

function hours(h: number | null): number | null {
  return h === null ? null : Math.round(h * 10) / 10;
}

export function statsTable(stats: DistrictStats, key: StatsTableKey): Table {
  switch (key) {
    case 'monthly':
      return {
        key,
        title: '每月收件与办结',
        headers: ['月份', '收到反映（件）', '办结（件）', '到期应办（件）', '按期办结（件）', '按期办结率（%）', '办结用时中位数（小时）'],
        rows: stats.months.map((m) => [monthText(m.month), m.received, m.closed, m.due, m.onTime, pct(m.onTime, m.due), hours(m.medianHours)]),
      };
    case 'categories':
      return {
        key,
        title: '问题类别前十',
        headers: ['排名', '类别', '所属大类', '编码', '收到反映（件）'],
        rows: stats.categories.map((c, i) => [i + 1, c.name, c.parentName, c.code, c.received]),
      };
    case 'streets':
      return {
        key,
        title: '各街道情况',
        headers: ['街道', '收到反映（件）', '办结（件）', '到期应办（件）', '按期办结（件）', '按期办结率（%）'],
        rows: stats.streets.map((s) => [s.name, s.received, s.closed, s.due, s.onTime, pct(s.onTime, s.due)]),
      };
    case 'satisfaction':
      return {
        key,
        title: '满意度评价',
        headers: ['评价', '件数'],
        rows: [5, 4, 3, 2, 1].map((score) => [`${score} 星`, stats.ratings[score - 1] ?? 0]),
      };
    case 'flags':
      return {
        key,
        title: '每月红旗与黑旗',
        headers: ['月份', '红旗（面）', '黑旗（面）'],
        rows: stats.months.map((m) => [monthText(m.month), m.red, m.black]),
      };
  }
}

export const ASSESSMENT_GROUP_LABEL: Record<AssessmentGroup, string> = { street: '街道', department: '职能部门', chief: '路长' };

export function assessmentTable(rows: AssessmentRow[], group: AssessmentGroup, month: string): Table {
  return {
    key: `assessment-${group}`,
    title: `${monthText(month)}考核（按${ASSESSMENT_GROUP_LABEL[group]}）`,
    headers: [ASSESSMENT_GROUP_LABEL[group], '到期应办（件）', '按期办结（件）', '按期办结率（%）', '结案率（%）', '返工退单率（%）', '超期（件）', '满意度评价数', '平均满意度', '红旗', '黑旗'],
    rows: rows.map((r) => {
      const rates = assessmentRates(r);
      return [
        r.name,
        r.due,
        r.onTime,
        percent(rates.onTimeRate),
        percent(rates.closureRate),
        percent(rates.returnRate),
        rates.overdue,
        r.ratedCount,
        rates.satisfaction === null ? null : Number(formatScore(rates.satisfaction)),
        r.red,
        r.black,
      ];
    }),
  };
}

export function tableCsv(table: Table): string {
  return toCsv(table.headers, table.rows);
}

/** One or more tables as an xlsx workbook, one sheet each (sheet names cut to Excel's 31 characters). */
export async function tablesXlsx(tables: Table[]): Promise<Buffer> {
  return toBuffer(
    streamWorkbook(
      tables.map((t) => ({
        spec: { name: t.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), headers: t.headers, widths: t.headers.map((h, i) => (i === 0 ? 24 : Math.max(12, h.length * 2 + 2))) },
        rows: t.rows,
      })),
    ),
  );
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition with a Chinese file name (RFC 6266) and a plain ASCII fallback. */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

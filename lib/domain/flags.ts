/**
 * The 门前三包 red/black flag rule (二七区“路长制”方案 红黑旗评比, DESIGN §3): from a merchant's or a
 * segment's monthly flags, its standing in the counting year and an explanation a shopkeeper can read.
 *
 * - Black flags are counted per counting year (from `rating.yearStartMonth`).
 * - A black month directly followed by a red month cancels one black flag from the count
 *   (`rating.redOffsetsPrecedingBlack`); each black can be cancelled once, the count never goes negative.
 * - Accountable (问责) when the counted black flags reach `rating.yearlyBlackLimit`, or a run of
 *   `rating.consecutiveBlackLimit` black months ends in the counting year. Runs are consecutive monthly
 *   ratings, so one may start in the previous year; an offset does not break or shorten a run.
 * - Once accountable in a counting year, the entity stays accountable for the rest of it (问责 is an event).
 * - A month without a flag (or with an appeal upheld against it) counts as 无旗: it breaks a run and
 *   offsets nothing.
 */

export type FlagValue = 'red' | 'black' | 'none';
export type StandingStatus = 'good' | 'warning' | 'accountable';

/** One month's flag; `month` is 'YYYY-MM' or a date in that month ('YYYY-MM-01' as the database stores it). */
export interface MonthFlag {
  month: string;
  flag: FlagValue;
}

export interface RatingRules {
  consecutiveBlackLimit: number;
  yearlyBlackLimit: number;
  redOffsetsPrecedingBlack: boolean;
  /** 1 = the counting year starts in January. */
  yearStartMonth: number;
}

export interface Standing {
  /** The month the standing is computed at ('YYYY-MM'). */
  asOf: string;
  /** First month of the counting year that contains `asOf` ('YYYY-MM'). */
  yearStart: string;
  status: StandingStatus;
  /** This month's flag (none when not rated). */
  flag: FlagValue;
  /** Black and red flags given in the counting year up to `asOf`. */
  blackCount: number;
  redCount: number;
  /** Each offset: the black month and the red month right after it that cancels it. */
  offsets: { black: string; red: string }[];
  /** Black flags that count: blackCount − offsets.length (never negative). */
  countedBlack: number;
  /** Black months in a row ending at `asOf` (0 when `asOf` is not black). */
  consecutiveBlack: number;
  /** How many more counted black flags, and how many more black months in a row, make it accountable (null once accountable). */
  remainingYearly: number | null;
  remainingConsecutive: number | null;
  /** When and why it became accountable in this counting year. */
  accountable: null | {
    since: string;
    reason: 'consecutive' | 'yearly';
    /** For 'consecutive': the first month of the run that reached the limit. */
    runStart?: string;
  };
  /** Plain Chinese: the counts and what they mean, e.g. 本年度黑旗 3 面，9 月红旗抵消 1 面，计 2 面；再累计 2 面将被问责。 */
  explanation: string;
  /** Plain Chinese: what to do next. */
  advice: string;
}

/** The rules as the settings name them (lib/domain/settings.ts). */
export function ratingRulesFromSettings(s: {
  'rating.consecutiveBlackLimit': number;
  'rating.yearlyBlackLimit': number;
  'rating.redOffsetsPrecedingBlack': boolean;
  'rating.yearStartMonth': number;
}): RatingRules {
  return {
    consecutiveBlackLimit: s['rating.consecutiveBlackLimit'],
    yearlyBlackLimit: s['rating.yearlyBlackLimit'],
    redOffsetsPrecedingBlack: s['rating.redOffsetsPrecedingBlack'],
    yearStartMonth: s['rating.yearStartMonth'],
  };
}

export const RATING_SETTING_KEYS = [
  'rating.consecutiveBlackLimit',
  'rating.yearlyBlackLimit',
  'rating.redOffsetsPrecedingBlack',
  'rating.yearStartMonth',
] as const;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])(?:-\d{2})?$/;

/** 'YYYY-MM' or 'YYYY-MM-DD' → months since year 0 (y·12 + m − 1). Throws RangeError on anything else. */
export function monthIndex(month: string): number {
  // Fast path for the two shapes the database and the pages use (the engine parses ~1M of these at city scale).
  if ((month.length === 7 || (month.length === 10 && month.charCodeAt(7) === 45)) && month.charCodeAt(4) === 45) {
    const y = digits(month, 0, 4);
    const mo = digits(month, 5, 7);
    const dayOk = month.length === 7 || digits(month, 8, 10) >= 0;
    if (y >= 0 && mo >= 1 && mo <= 12 && dayOk) return y * 12 + mo - 1;
  }
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** The decimal number in s[from, to), or -1 if any character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Months since year 0 → 'YYYY-MM'. */
export function monthFromIndex(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}`;
}

/** 'YYYY-MM' → 'YYYY-MM-01' (how the database stores a month). */
export function monthDate(month: string): string {
  return `${month.slice(0, 7)}-01`;
}

/** First month ('YYYY-MM') of the counting year containing `month`. */
export function countingYearStart(month: string, yearStartMonth: number): string {
  return monthFromIndex(yearStartIndex(monthIndex(month), yearStartMonth));
}

function yearStartIndex(asOf: number, yearStartMonth: number): number {
  const offset = yearStartMonth - 1;
  return Math.floor((asOf - offset) / 12) * 12 + offset;
}

function validRules(r: RatingRules): void {
  if (!Number.isInteger(r.consecutiveBlackLimit) || r.consecutiveBlackLimit < 1) throw new RangeError('consecutiveBlackLimit must be ≥ 1');
  if (!Number.isInteger(r.yearlyBlackLimit) || r.yearlyBlackLimit < 1) throw new RangeError('yearlyBlackLimit must be ≥ 1');
  if (!Number.isInteger(r.yearStartMonth) || r.yearStartMonth < 1 || r.yearStartMonth > 12) throw new RangeError('yearStartMonth must be 1–12');
}

const NONE = 0;
const RED = 1;
const BLACK = 2;
const CODE: Record<FlagValue, number> = { none: NONE, red: RED, black: BLACK };
const FLAG_OF: FlagValue[] = ['none', 'red', 'black'];

/**
 * The standing at month `asOf` from the monthly history (any order; months after `asOf` are ignored;
 * two entries for one month: the last wins).
 */
export function computeStanding(history: readonly MonthFlag[], asOf: string, rules: RatingRules): Standing {
  validRules(rules);
  const end = monthIndex(asOf);
  const yStart = yearStartIndex(end, rules.yearStartMonth);
  // A run reaching the limit in the first month of the year may start limit − 1 months earlier.
  const from = yStart - (rules.consecutiveBlackLimit - 1);
  const codes = new Uint8Array(end - from + 1);
  for (const h of history) {
    const i = monthIndex(h.month);
    if (i >= from && i <= end) codes[i - from] = CODE[h.flag];
  }
  return standingFromCodes(codes, from, yStart, end, rules);
}

function standingFromCodes(codes: Uint8Array, from: number, yStart: number, end: number, rules: RatingRules): Standing {
  let run = 0;
  let blackCount = 0;
  let redCount = 0;
  const offsets: { black: number; red: number }[] = [];
  let accountable: Standing['accountable'] = null;
  for (let i = from; i <= end; i++) {
    const c = codes[i - from]!;
    run = c === BLACK ? run + 1 : 0;
    if (i < yStart) continue;
    if (c === BLACK) blackCount++;
    else if (c === RED) {
      redCount++;
      if (rules.redOffsetsPrecedingBlack && i - 1 >= yStart && codes[i - 1 - from] === BLACK) offsets.push({ black: i - 1, red: i });
    }
    if (accountable === null) {
      if (run >= rules.consecutiveBlackLimit) {
        accountable = { since: monthFromIndex(i), reason: 'consecutive', runStart: monthFromIndex(i - run + 1) };
      } else if (blackCount - offsets.length >= rules.yearlyBlackLimit) {
        accountable = { since: monthFromIndex(i), reason: 'yearly' };
      }
    }
  }
  const countedBlack = blackCount - offsets.length;
  const status: StandingStatus = accountable ? 'accountable' : countedBlack > 0 ? 'warning' : 'good';
  const standing: Standing = {
    asOf: monthFromIndex(end),
    yearStart: monthFromIndex(yStart),
    status,
    flag: FLAG_OF[codes[end - from]!]!,
    blackCount,
    redCount,
    offsets: offsets.map((o) => ({ black: monthFromIndex(o.black), red: monthFromIndex(o.red) })),
    countedBlack,
    consecutiveBlack: run,
    remainingYearly: accountable ? null : rules.yearlyBlackLimit - countedBlack,
    remainingConsecutive: accountable ? null : rules.consecutiveBlackLimit - run,
    accountable,
    explanation: '',
    advice: '',
  };
  standing.explanation = explainStanding(standing, rules);
  standing.advice = adviseStanding(standing, rules);
  return standing;
}

/**
 * Standings of many subjects at once (the lists, the grid, the benchmark): `rows` are (subject, month, flag)
 * in any order. Subjects without rows are not in the result.
 */
export function computeStandings<K>(
  rows: readonly { key: K; month: string; flag: FlagValue }[],
  asOf: string,
  rules: RatingRules,
): Map<K, Standing> {
  validRules(rules);
  const end = monthIndex(asOf);
  const yStart = yearStartIndex(end, rules.yearStartMonth);
  const from = yStart - (rules.consecutiveBlackLimit - 1);
  const width = end - from + 1;
  const byKey = new Map<K, Uint8Array>();
  const parsed = new Map<string, number>(); // a few distinct months across many rows
  for (const r of rows) {
    let i = parsed.get(r.month);
    if (i === undefined) parsed.set(r.month, (i = monthIndex(r.month)));
    let codes = byKey.get(r.key);
    if (!codes) byKey.set(r.key, (codes = new Uint8Array(width)));
    if (i >= from && i <= end) codes[i - from] = CODE[r.flag];
  }
  const out = new Map<K, Standing>();
  for (const [key, codes] of byKey) out.set(key, standingFromCodes(codes, from, yStart, end, rules));
  return out;
}

/** How bad a standing is, for ordering and comparing: accountable > warning > good. */
export const STATUS_RANK: Record<StandingStatus, number> = { good: 0, warning: 1, accountable: 2 };

export const STATUS_LABEL: Record<StandingStatus, string> = { good: '良好', warning: '警示', accountable: '问责' };

/** '2026-09' → '9 月' inside the year of `asOf`, else '2025 年 12 月'. */
function monthWords(month: string, asOf: string): string {
  const m = Number(month.slice(5, 7));
  return month.slice(0, 4) === asOf.slice(0, 4) ? `${m} 月` : `${Number(month.slice(0, 4))} 年 ${m} 月`;
}

function yearWords(s: Standing, rules: RatingRules): string {
  return rules.yearStartMonth === 1 ? '本年度' : `本考评年度（${monthWords(s.yearStart, '')}起）`;
}

/** The counts and what they mean in one or two sentences. */
export function explainStanding(s: Standing, rules: RatingRules): string {
  const year = yearWords(s, rules);
  let counts: string;
  if (s.blackCount === 0) {
    counts = `${year}未被评为黑旗` + (s.redCount > 0 ? `，获红旗 ${s.redCount} 面` : '');
  } else {
    counts = `${year}黑旗 ${s.blackCount} 面`;
    if (s.offsets.length > 0) {
      const reds = s.offsets.map((o) => monthWords(o.red, s.asOf)).join('、');
      counts += `，${reds}红旗抵消 ${s.offsets.length} 面，计 ${s.countedBlack} 面`;
    }
  }
  const a = s.accountable;
  if (a?.reason === 'consecutive') {
    return `${counts}；${monthWords(a.runStart!, s.asOf)}至 ${monthWords(a.since, s.asOf)}连续 ${rules.consecutiveBlackLimit} 个月被评为黑旗，已被问责。`;
  }
  if (a?.reason === 'yearly') {
    return `${counts}；${monthWords(a.since, s.asOf)}累计达到 ${rules.yearlyBlackLimit} 面，已被问责。`;
  }
  if (s.countedBlack === 0) return `${counts}。`;
  let warn = `；再累计 ${s.remainingYearly} 面将被问责`;
  if (s.consecutiveBlack > 0 && rules.consecutiveBlackLimit > 1) {
    warn +=
      s.remainingConsecutive === 1
        ? `；已连续 ${s.consecutiveBlack} 个月被评为黑旗，下个月再评黑旗将被问责`
        : `；已连续 ${s.consecutiveBlack} 个月被评为黑旗，再连续 ${s.remainingConsecutive} 个月将被问责`;
  }
  return `${counts}${warn}。`;
}

/** What to do next, in the words of the 责任书. */
export function adviseStanding(s: Standing, rules: RatingRules): string {
  const duties = '保持门前整洁、秩序良好、设施完好，不乱堆乱放、不出店经营、不乱贴乱挂';
  if (s.status === 'accountable') {
    return `已列入黑旗问责名单。请立即按《市容环境卫生责任书》整改：${duties}。对某月评比有异议，可在申诉期内提出申诉。`;
  }
  if (s.status === 'warning') {
    const offset =
      rules.redOffsetsPrecedingBlack && s.flag === 'black' ? '本月被评为黑旗：下个月被评为红旗，可抵消 1 面黑旗。' : '';
    return `${offset}请${duties}。对某月评比有异议，可在申诉期内提出申诉。`;
  }
  return `请继续${duties}。`;
}

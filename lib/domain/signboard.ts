/**
 * The 路长公示牌 as data: what a board says (from the seeds: district, segment code and range, each
 * chief's level, name, 职务 and contact, duties, patrol frequency, team, 监督电话, QR), how its text is
 * cleaned and fitted into fixed physical boxes, and the fingerprint that tells when a printed board
 * is out of date. Pure: rendering lives in lib/signboards.
 */
import { CHIEF_LEVELS, CHIEF_LEVEL_LABEL, PATROL_LABEL, VACANT, type ChiefLevelCode } from './labels';

export const BOARD_TEMPLATES = ['landscape', 'portrait'] as const;
export type BoardTemplate = (typeof BOARD_TEMPLATES)[number];
export const BOARD_FORMATS = ['png', 'svg', 'pdf'] as const;
export type BoardFormat = (typeof BOARD_FORMATS)[number];

/** Minimum printed width of the QR code (issue 4: ≥ 3 cm); the layouts give far more. */
export const QR_MIN_WIDTH_MM = 30;
/** Bump when the drawing changes, so caches and "printed" marks see a new board. */
export const BOARD_RENDER_VERSION = 1;

export interface BoardChiefInput {
  level: ChiefLevelCode;
  name: string;
  title: string;
  phone: string | null;
  duties: string;
  patrolFrequency: keyof typeof PATROL_LABEL;
}

/** The district logo as a board shows it: its bytes as a data: URI (what the SVG embeds) and its hash (what the fingerprint holds). */
export interface BoardLogo {
  sha256: string;
  width: number;
  height: number;
  href: string;
}

export interface BoardInput {
  districtName: string;
  segmentCode: string;
  segmentName: string;
  fromCross: string;
  toCross: string;
  streetName: string;
  communityName: string | null;
  chiefs: BoardChiefInput[];
  team: { role: string; name: string; phone: string | null }[];
  hotline: string;
  qrUrl: string;
  primaryColor: string;
  accentColor: string;
  logo?: BoardLogo | null;
}

export interface BoardChiefRow {
  levelLabel: string;
  name: string;
  title: string;
  phone: string;
  patrol: string;
  vacant: boolean;
}

export interface BoardContent {
  title: string;
  districtName: string;
  segmentCode: string;
  segmentName: string;
  range: string;
  area: string;
  chiefRows: BoardChiefRow[];
  /** 工作职责, one paragraph per level that has a chief, prefixed with the level. */
  duties: { levelLabel: string; text: string }[];
  team: { role: string; names: string }[];
  hotline: string;
  qrUrl: string;
  qrCaption: string;
  primaryColor: string;
  accentColor: string;
  /** Left of the title in the header; null: the header is as it was before logos existed. */
  logo: BoardLogo | null;
}

const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}]/gu;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029]/g;

/** Text as it can be printed: no emoji (the CJK font has none), no control characters, single spaces. */
export function cleanBoardText(text: string): string {
  return text.normalize('NFC').replace(EMOJI, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Turns a segment's data into the board's content: vacant levels read 待任命, text is cleaned, colours are checked. */
export function buildBoardContent(input: BoardInput): BoardContent {
  const chiefRows: BoardChiefRow[] = [];
  const duties: BoardContent['duties'] = [];
  for (const level of CHIEF_LEVELS) {
    const chiefs = input.chiefs.filter((c) => c.level === level);
    const levelLabel = CHIEF_LEVEL_LABEL[level];
    if (chiefs.length === 0) {
      chiefRows.push({ levelLabel, name: VACANT, title: '', phone: '', patrol: '', vacant: true });
      continue;
    }
    for (const c of chiefs) {
      chiefRows.push({
        levelLabel,
        name: cleanBoardText(c.name) || VACANT,
        title: cleanBoardText(c.title),
        phone: cleanBoardText(c.phone ?? ''),
        patrol: PATROL_LABEL[c.patrolFrequency],
        vacant: false,
      });
    }
    const text = cleanBoardText(chiefs[0]!.duties);
    if (text) duties.push({ levelLabel, text });
  }
  const roles = new Map<string, string[]>();
  for (const m of input.team) {
    const role = cleanBoardText(m.role);
    const name = cleanBoardText(m.name);
    if (!role || !name) continue;
    roles.set(role, [...(roles.get(role) ?? []), name]);
  }
  return {
    title: '路长公示牌',
    districtName: cleanBoardText(input.districtName),
    segmentCode: input.segmentCode,
    segmentName: cleanBoardText(input.segmentName),
    range: `${cleanBoardText(input.fromCross)} — ${cleanBoardText(input.toCross)}`,
    area: [input.streetName, input.communityName].filter(Boolean).map((s) => cleanBoardText(s!)).join(' · '),
    chiefRows,
    duties,
    team: [...roles].map(([role, names]) => ({ role, names: names.join('、') })),
    hotline: cleanBoardText(input.hotline),
    qrUrl: input.qrUrl,
    qrCaption: '扫码随手拍 · 查看路长信息',
    primaryColor: HEX.test(input.primaryColor) ? input.primaryColor : '#0b5cab',
    accentColor: HEX.test(input.accentColor) ? input.accentColor : '#c62828',
    logo: input.logo && input.logo.width > 0 && input.logo.height > 0 ? input.logo : null,
  };
}

/**
 * Everything printed on a board, in a stable order: equal strings mean an identical board. The logo
 * counts by its sha256 (not its megabyte of bytes); a board without one keeps the fingerprint it had
 * before logos existed, so setting none leaves every printed board current.
 */
export function boardFingerprint(content: BoardContent, template: BoardTemplate, sizeCm: readonly [number, number]): string {
  const { logo, ...rest } = content;
  return JSON.stringify([BOARD_RENDER_VERSION, template, sizeCm, logo ? { ...rest, logo: logo.sha256 } : rest]);
}

/** The largest size with the logo's aspect ratio that fits in `box`. */
export function fitLogo(logo: { width: number; height: number }, box: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(box.width / logo.width, box.height / logo.height);
  // Rounded down to a tenth: never a hair larger than the box.
  const tenth = (n: number) => Math.floor(n * 10 + 1e-9) / 10;
  return { width: tenth(logo.width * scale), height: tenth(logo.height * scale) };
}

/** Width of a string in em: CJK and full-width forms are square, Latin letters and digits about half. */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) em += ch === ' ' ? 0.3 : /[A-Z0-9@#%&MW]/.test(ch) ? 0.62 : 0.52;
    else if (cp >= 0x2000 && cp < 0x2070) em += ch === '—' || ch === '…' ? 1 : 0.5;
    else em += 1;
  }
  return em;
}

export interface FitResult {
  size: number;
  lines: number;
  fits: boolean;
}

/**
 * The largest font size (in the box's units) at which `text` wraps into `box` without overflowing,
 * between `max` and `min`. Below `min` it reports fits: false and the smallest size tried, so callers
 * can shrink further or reject the text; it never silently cuts.
 */
export function fitText(
  text: string,
  box: { width: number; height: number },
  { max, min, lineHeight = 1.3, maxLines = Infinity }: { max: number; min: number; lineHeight?: number; maxLines?: number },
): FitResult {
  const width = textWidthEm(text);
  let size = max;
  for (;;) {
    // Wrapping wastes part of a line; budget 8% slack per line beyond the first.
    const perLine = box.width / size;
    const lines = Math.max(1, Math.ceil((width * 1.08) / perLine));
    if (lines <= maxLines && lines * size * lineHeight <= box.height) return { size, lines, fits: true };
    const next = Math.floor(size * 0.92 * 10) / 10;
    if (next < min) return { size, lines, fits: false };
    size = next;
  }
}

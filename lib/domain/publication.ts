/**
 * 曝光台 / 点赞榜 rules: the safe rich-text body (a small markdown subset kept as a JSON document and
 * rendered by React, never as HTML), the draft → review → published → withdrawn workflow, input checks
 * (no script, no personal phone numbers) and the privacy-mask rectangles.
 */
import { containsPhoneNumber } from './personal-data';

export const PUBLICATION_KINDS = ['exposure', 'praise'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];
export const PUBLICATION_STATUSES = ['draft', 'review', 'published', 'withdrawn'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** Where a new entry starts from (the staff 新建 form's 来源). */
export const PUBLICATION_SOURCES = ['case', 'merchant', 'chief', 'segment', 'scratch'] as const;
export type PublicationSourceType = (typeof PUBLICATION_SOURCES)[number];

export const KIND_LABEL: Record<PublicationKind, string> = { exposure: '曝光台', praise: '点赞榜' };
export const KIND_PATH: Record<PublicationKind, string> = { exposure: '/exposure', praise: '/praise' };
/**
 * What a 点赞 answers, by outcome. The script-free page gets the code back in its address (`?like=done`)
 * and shows the text; the enhanced button shows it in place.
 */
export const LIKE_OUTCOMES = ['done', 'again', 'limited', 'gone', 'bad'] as const;
export type LikeOutcome = (typeof LIKE_OUTCOMES)[number];
export const LIKE_MESSAGE: Record<LikeOutcome, string> = {
  done: '已点赞，谢谢！',
  again: '这台设备已经点过赞了。',
  limited: '点赞太频繁，请过一会儿再试。',
  gone: '这条内容已撤下或不存在。',
  bad: '参数有误，请刷新页面后重试。',
};
export function likeOutcome(raw: unknown): LikeOutcome | null {
  return typeof raw === 'string' && (LIKE_OUTCOMES as readonly string[]).includes(raw) ? (raw as LikeOutcome) : null;
}
export const STATUS_LABEL: Record<PublicationStatus, string> = { draft: '草稿', review: '待审核', published: '已发布', withdrawn: '已撤下' };

// ── Rich text ──────────────────────────────────────────────────────────────

/** Inline text is a list of runs; only bold is marked. */
export type Run = { text: string; bold?: boolean };
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'quote'; text: string }
  | { type: 'list'; items: string[] };
export interface RichDoc {
  type: 'doc';
  content: Block[];
}

export const TITLE_MAX = 60;
export const BODY_MAX = 5000;
export const REASON_MAX = 200;
export const TAG_MAX = 10;

/**
 * Parses the markdown subset the editor accepts: `## 小标题`, `> 引用`, `- 列表项`, blank-line separated
 * paragraphs, and `**加粗**` inside any text (kept as written, split into runs at render time).
 * Anything else, HTML included, stays literal text.
 */
export function parseBody(source: string): RichDoc {
  const content: Block[] = [];
  let para: string[] = [];
  let list: string[] = [];
  const flushPara = () => {
    if (para.length) content.push({ type: 'paragraph', text: para.join('\n') });
    para = [];
  };
  const flushList = () => {
    if (list.length) content.push({ type: 'list', items: list });
    list = [];
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flushPara();
      flushList();
      continue;
    }
    const heading = /^#{1,3}\s+(.+)$/.exec(line);
    const quote = /^>\s?(.*)$/.exec(line);
    const item = /^[-*]\s+(.+)$/.exec(line);
    if (item) {
      flushPara();
      list.push(item[1]!);
    } else if (heading) {
      flushPara();
      flushList();
      content.push({ type: 'heading', text: heading[1]! });
    } else if (quote) {
      flushPara();
      flushList();
      if (quote[1]) content.push({ type: 'quote', text: quote[1] });
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return { type: 'doc', content };
}

/** The editor's text for a stored document (parseBody(bodySource(d)) gives d back). */
export function bodySource(doc: unknown): string {
  return docBlocks(doc)
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return b.text;
        case 'heading':
          return `## ${b.text}`;
        case 'quote':
          return `> ${b.text}`;
        case 'list':
          return b.items.map((i) => `- ${i}`).join('\n');
      }
    })
    .join('\n\n');
}

/** The blocks of a stored document, dropping anything that is not one of ours (the column is jsonb). */
export function docBlocks(doc: unknown): Block[] {
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as RichDoc).content)) return [];
  const out: Block[] = [];
  for (const b of (doc as RichDoc).content as unknown[]) {
    if (!b || typeof b !== 'object') continue;
    const { type, text, items } = b as { type?: unknown; text?: unknown; items?: unknown };
    if ((type === 'paragraph' || type === 'heading' || type === 'quote') && typeof text === 'string') out.push({ type, text });
    if (type === 'list' && Array.isArray(items)) out.push({ type, items: items.filter((i): i is string => typeof i === 'string') });
  }
  return out;
}

/** `a **b** c` → runs; an unclosed `**` stays literal. */
export function inlineRuns(text: string): Run[] {
  const runs: Run[] = [];
  const re = /\*\*(.+?)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index) });
    runs.push({ text: m[1]!, bold: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}

/** A block's text as plain words: bold marks dropped, line breaks and runs of spaces as one space. */
function flatText(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Punctuation that already closes a sentence or clause: what follows needs no separator (Chinese) or a space (Latin). */
const CJK_STOP = /[。！？；：…，、」』）》]$/;
const LATIN_STOP = /[.!?;:,)]$/;

/** Joins pieces of text so they read as sentences: `filler` (。 or ；) between two pieces unless the first already ends in punctuation. */
function joinSentences(pieces: string[], filler: string): string {
  let out = '';
  for (const piece of pieces) {
    if (!piece) continue;
    if (out) out += CJK_STOP.test(out) ? '' : LATIN_STOP.test(out) ? ' ' : filler;
    out += piece;
  }
  return out;
}

function blockText(b: Block): string {
  return b.type === 'list' ? joinSentences(b.items.map(flatText), '；') : flatText(b.text);
}

/**
 * Plain text of a document, for feeds, meta descriptions and cards. A subheading ends with 「：」 so it does
 * not run into its section (「问题：新华路……」); one with no text of its own after it is dropped. With
 * `headings: false` subheadings are left out entirely, for summaries.
 */
export function plainText(doc: unknown, { headings = true }: { headings?: boolean } = {}): string {
  const blocks = docBlocks(doc);
  const pieces = blocks.map((b, i) => {
    if (b.type !== 'heading') return blockText(b);
    const next = blocks[i + 1];
    if (!headings || !next || next.type === 'heading' || !blockText(next)) return '';
    const t = blockText(b).replace(/[：:]$/, '');
    return t ? `${t}：` : '';
  });
  return joinSentences(pieces, '。');
}

/**
 * A summary for list cards and feed items: the text without its subheadings, so it reads as sentences
 * (「新华路存在占道经营。已整改到位。」, not 「问题 新华路…… 处置结果 已于……」), cut at `max` characters.
 * A document of headings only falls back to the headings.
 */
export function excerpt(doc: unknown, max = 90): string {
  const t = plainText(doc, { headings: false }) || joinSentences(docBlocks(doc).map(blockText), '。');
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

// ── Input checks ───────────────────────────────────────────────────────────

const MARKUP = /<\s*\/?\s*[a-z!][^>]*>|javascript:|on[a-z]+\s*=/i;

export type FieldErrors = Partial<Record<'title' | 'body' | 'tags' | 'reason', string>>;

export interface DraftInput {
  title: string;
  body: string;
  tags: string[];
}

/** Title, body and tags of a draft, or the Chinese message for each field that is wrong. */
export function checkDraft(input: DraftInput): { ok: true; title: string; body: RichDoc; tags: string[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = input.title.replace(/\s+/g, ' ').trim();
  const body = input.body.trim();
  if (!title) errors.title = '请填写标题。';
  else if (title.length > TITLE_MAX) errors.title = `标题最多 ${TITLE_MAX} 个字，现在有 ${title.length} 个。`;
  else if (MARKUP.test(title)) errors.title = '标题里不能有网页代码（如 <script>、<a> 等尖括号标签），请只写文字。';
  else if (containsPhoneNumber(title)) errors.title = '标题里有电话号码，请删除：曝光台和点赞榜不公开个人联系方式。';
  if (!body) errors.body = '请填写正文。';
  else if (body.length > BODY_MAX) errors.body = `正文最多 ${BODY_MAX} 个字，现在有 ${body.length} 个。`;
  else if (MARKUP.test(body)) errors.body = '正文里不能有网页代码（尖括号标签、javascript: 链接等）。加粗请用 **文字**，小标题用 ## 开头。';
  else if (containsPhoneNumber(body)) errors.body = '正文里有电话号码，请删除：曝光台和点赞榜不公开个人联系方式。';
  const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  if (tags.length > TAG_MAX) errors.tags = `标签最多 ${TAG_MAX} 个。`;
  else if (tags.some((t) => t.length > 12 || MARKUP.test(t) || /[<>]/.test(t))) errors.tags = '每个标签最多 12 个字，且不能有尖括号。';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, title, body: parseBody(body), tags };
}

/** Tags typed as 「中山街道，占道经营 出店」: split on commas, 、 and spaces. */
export function parseTags(text: string): string[] {
  return text.split(/[,，、\s]+/).filter(Boolean);
}

// ── Workflow ───────────────────────────────────────────────────────────────

export const PUBLICATION_ACTIONS = ['submit', 'return', 'publish', 'withdraw'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];
export const ACTION_LABEL: Record<PublicationAction, string> = { submit: '提交审核', return: '退回修改', publish: '发布', withdraw: '撤下' };

export type WorkflowRefusal = 'wrong_status' | 'same_person' | 'reason_required' | 'return_reason_required' | 'photos_unchecked';

export const WORKFLOW_MESSAGE: Record<WorkflowRefusal, string> = {
  wrong_status: '这条内容当前的状态不能做这一步，请刷新页面查看最新状态。',
  same_person: '按本区设置，发布须由编辑以外的第二个人审核：请另一位宣传人员审核发布。',
  reason_required: '撤下须填写原因（最多 200 字），原因会留痕。',
  return_reason_required: '退回须写明原因（最多 200 字），编辑会在这条内容上看到。',
  photos_unchecked: '还有照片没有做隐私处理：请在每张照片上框出人脸、车牌、电话和门牌号并保存（无需遮挡也请确认一次）。',
};

/**
 * The next status for an action, or why not. Publishing straight from a draft is allowed only when the
 * district does not ask for a second reviewer; with one, the reviewer must not be the editor.
 */
export function nextStatus(args: {
  status: PublicationStatus;
  action: PublicationAction;
  actorUserId: number;
  editorUserId: number | null;
  requireSecondReviewer: boolean;
  photosChecked: boolean;
  reason?: string;
}): { ok: true; status: PublicationStatus } | { ok: false; error: WorkflowRefusal } {
  const { status, action } = args;
  const refuse = (error: WorkflowRefusal) => ({ ok: false as const, error });
  // 退回 and 撤下 both need a reason someone reads: present, and at most REASON_MAX characters.
  const reasonLength = args.reason?.trim().length ?? 0;
  const hasReason = reasonLength > 0 && reasonLength <= REASON_MAX;
  switch (action) {
    case 'submit':
      if (status !== 'draft') return refuse('wrong_status');
      // Refused here, not only at publishing: in review the tool is closed and the reviewer cannot fix a photo.
      if (!args.photosChecked) return refuse('photos_unchecked');
      return { ok: true, status: 'review' };
    case 'return':
      if (status !== 'review') return refuse('wrong_status');
      // The editor must learn what to change.
      return hasReason ? { ok: true, status: 'draft' } : refuse('return_reason_required');
    case 'publish':
      if (status !== 'review' && !(status === 'draft' && !args.requireSecondReviewer)) return refuse('wrong_status');
      if (args.requireSecondReviewer && args.editorUserId === args.actorUserId) return refuse('same_person');
      if (!args.photosChecked) return refuse('photos_unchecked');
      return { ok: true, status: 'published' };
    case 'withdraw':
      if (status !== 'published') return refuse('wrong_status');
      return hasReason ? { ok: true, status: 'withdrawn' } : refuse('reason_required');
  }
}

/** Only drafts are edited; an entry in review is returned first, a published one withdrawn. */
export function editable(status: PublicationStatus): boolean {
  return status === 'draft';
}

// ── Privacy masks ──────────────────────────────────────────────────────────

export interface MaskRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MAX_MASKS = 20;

/**
 * The mask rows as typed (x, y, w, h; strings), carried in the address when a save is refused so the form
 * comes back with them: rows joined by `;`, cells by `,`, only digits and a leading minus kept.
 */
export type MaskRowText = [string, string, string, string];
export function maskRowsParam(rows: MaskRowText[]): string {
  const clean = (c: string) => (/^-?\d{1,7}$/.test(c.trim()) ? c.trim() : '');
  const out = rows.slice(0, MAX_MASKS).map((r) => r.map(clean).join(','));
  while (out.length && out[out.length - 1] === ',,,') out.pop();
  return out.join(';');
}
export function parseMaskRowsParam(raw: unknown): MaskRowText[] | null {
  if (typeof raw !== 'string' || raw.length > MAX_MASKS * 36 || !/^[-\d,;]*$/.test(raw)) return null;
  const rows = raw === '' ? [] : raw.split(';').slice(0, MAX_MASKS).map((r) => r.split(','));
  if (!rows.every((r) => r.length === 4 && r.every((c) => c === '' || /^-?\d{1,7}$/.test(c)))) return null;
  return rows as MaskRowText[];
}

/** Rectangles in image pixels, each whole, non-empty and inside the image; or the Chinese message. */
export function checkMasks(rects: MaskRect[], image: { width: number; height: number }): { ok: true } | { ok: false; message: string } {
  if (rects.length > MAX_MASKS) return { ok: false, message: `一张照片最多遮挡 ${MAX_MASKS} 处。` };
  for (const [i, r] of rects.entries()) {
    const n = `第 ${i + 1} 个框`;
    if (![r.x, r.y, r.width, r.height].every((v) => Number.isInteger(v))) return { ok: false, message: `${n}的坐标须是整数像素。` };
    if (r.width <= 0 || r.height <= 0) return { ok: false, message: `${n}的宽或高为 0，请重新框选。` };
    if (r.x < 0 || r.y < 0 || r.x + r.width > image.width || r.y + r.height > image.height) {
      return { ok: false, message: `${n}超出了照片范围（照片 ${image.width}×${image.height} 像素），请框在照片以内。` };
    }
  }
  return { ok: true };
}

/** Pixel block size for a rectangle: coarse enough that a face or a plate cannot be read back. */
export function maskBlockSize(r: MaskRect): number {
  return Math.max(8, Math.ceil(Math.max(r.width, r.height) / 8));
}

/** '2026-11-01' → '2026年11月'. */
export function monthTitle(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

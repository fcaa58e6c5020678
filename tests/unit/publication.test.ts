import { describe, expect, it } from 'vitest';
import {
  PUBLICATION_ACTIONS,
  PUBLICATION_STATUSES,
  bodySource,
  checkDraft,
  checkMasks,
  docBlocks,
  excerpt,
  inlineRuns,
  LIKE_MESSAGE,
  LIKE_OUTCOMES,
  likeOutcome,
  maskBlockSize,
  maskRowsParam,
  parseMaskRowsParam,
  nextStatus,
  parseBody,
  parseTags,
  plainText,
  type PublicationAction,
  type PublicationStatus,
} from '@/lib/domain/publication';
import { publicationStatus } from '@/lib/db/schema/enums';

describe('rich-text body', () => {
  it('parses headings, quotes, lists and paragraphs, and gives the same text back', () => {
    const src = '## 问题\n\n中山路**某餐饮店**出店经营。\n第二行\n\n- 第一条\n- 第二条\n\n> 市民反映';
    const doc = parseBody(src);
    expect(doc.content).toEqual([
      { type: 'heading', text: '问题' },
      { type: 'paragraph', text: '中山路**某餐饮店**出店经营。\n第二行' },
      { type: 'list', items: ['第一条', '第二条'] },
      { type: 'quote', text: '市民反映' },
    ]);
    expect(parseBody(bodySource(doc))).toEqual(doc);
  });

  it('keeps HTML as literal text: there is no block or run that could carry markup', () => {
    const doc = parseBody('<img src=x onerror=alert(1)>');
    expect(doc.content).toEqual([{ type: 'paragraph', text: '<img src=x onerror=alert(1)>' }]);
  });

  it('splits bold runs and leaves an unclosed ** literal', () => {
    expect(inlineRuns('a **b** c')).toEqual([{ text: 'a ' }, { text: 'b', bold: true }, { text: ' c' }]);
    expect(inlineRuns('a **b')).toEqual([{ text: 'a **b' }]);
  });

  it('reads the seed documents and drops blocks it does not know', () => {
    const stored = { type: 'doc', content: [{ type: 'paragraph', text: '正文' }, { type: 'html', text: '<b>x</b>' }, { type: 'list', items: ['a', 3] }] };
    expect(docBlocks(stored)).toEqual([
      { type: 'paragraph', text: '正文' },
      { type: 'list', items: ['a'] },
    ]);
    expect(docBlocks(null)).toEqual([]);
    expect(docBlocks('text')).toEqual([]);
  });

  it('gives plain text and a cut excerpt for feeds and cards', () => {
    const doc = parseBody('## 标题\n\n**加粗**内容');
    expect(plainText(doc)).toBe('标题：加粗内容');
    expect(excerpt(parseBody('字'.repeat(100)), 10)).toBe(`${'字'.repeat(9)}…`);
  });
});

describe('summaries read as sentences', () => {
  // [what, body source, plainText, excerpt]
  it.each([
    ['a draft from a case: subheadings are left out of the summary', '## 问题\n\n新华路存在占道经营。\n\n## 整改情况\n\n已整改到位。', '问题：新华路存在占道经营。整改情况：已整改到位。', '新华路存在占道经营。已整改到位。'],
    ['an older draft whose 处置结果 heading ran into the text', '## 问题\n\n新华路存在占道经营。\n\n## 处置结果\n\n已于 2026-11-10 办结。', '问题：新华路存在占道经营。处置结果：已于 2026-11-10 办结。', '新华路存在占道经营。已于 2026-11-10 办结。'],
    ['paragraphs without a full stop get one between them', '新华路存在占道经营\n\n已整改到位', '新华路存在占道经营。已整改到位', '新华路存在占道经营。已整改到位'],
    ['a heading that already ends in a colon is not given a second one', '## 问题：\n\n占道经营。', '问题：占道经营。', '占道经营。'],
    ['a trailing heading with nothing under it is dropped', '某店近一年被评为黑旗 2 次。\n\n## 整改要求', '某店近一年被评为黑旗 2 次。', '某店近一年被评为黑旗 2 次。'],
    ['a heading straight before another heading is dropped', '## 一\n\n## 二\n\n正文', '二：正文', '正文'],
    ['list items are joined with ；', '- 清理占道\n- 恢复路面。\n\n**完成**', '清理占道；恢复路面。完成', '清理占道；恢复路面。完成'],
    ['soft line breaks and bold marks stay plain', '第一行\n**第二行**', '第一行 第二行', '第一行 第二行'],
    ['a Latin sentence end is followed by a space', 'Done.\n\n下一段', 'Done. 下一段', 'Done. 下一段'],
    ['a document of headings only keeps them in the summary', '## 十佳路长', '', '十佳路长'],
    ['an empty document', '', '', ''],
  ])('%s', (_what, source, text, summary) => {
    const doc = parseBody(source);
    expect(plainText(doc)).toBe(text);
    expect(excerpt(doc)).toBe(summary);
  });
});

describe('checkDraft', () => {
  const ok = { title: '某餐饮店出店经营', body: '正文', tags: [] };
  it('accepts a plain draft and collapses spaces in the title', () => {
    const r = checkDraft({ ...ok, title: '  某餐饮店   出店经营 ', tags: ['中山街道', '中山街道', ' '] });
    expect(r).toMatchObject({ ok: true, title: '某餐饮店 出店经营', tags: ['中山街道'] });
  });
  it.each([
    ['title', { ...ok, title: '<script>alert(1)</script>' }, '网页代码'],
    ['title', { ...ok, title: '' }, '请填写标题'],
    ['title', { ...ok, title: '长'.repeat(61) }, '最多 60 个字'],
    ['title', { ...ok, title: '联系 138 1234 5678' }, '电话号码'],
    ['body', { ...ok, body: '<a href="javascript:alert(1)">点我</a>' }, '网页代码'],
    ['body', { ...ok, body: '<img src=x onerror=alert(1)>' }, '网页代码'],
    ['body', { ...ok, body: '举报人电话13812345678' }, '电话号码'],
    ['body', { ...ok, body: '座机 027-88886666' }, '电话号码'],
    ['body', { ...ok, body: '   ' }, '请填写正文'],
    ['tags', { ...ok, tags: ['<b>'] }, '尖括号'],
    ['tags', { ...ok, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, '最多 10 个'],
  ] as const)('refuses a bad %s with a Chinese message (%#)', (field, input, message) => {
    const r = checkDraft({ ...input, tags: [...input.tags] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[field]).toContain(message);
  });
  it('does not mistake a case number or a year for a phone number', () => {
    expect(checkDraft({ ...ok, body: '案件 20261122-0042，2026年共整改120处。' }).ok).toBe(true);
  });
  it('splits tags on Chinese and ASCII commas, 、 and spaces', () => {
    expect(parseTags('中山街道，占道经营、出店 夜市,a')).toEqual(['中山街道', '占道经营', '出店', '夜市', 'a']);
  });
});

describe('workflow', () => {
  const base = { actorUserId: 2, editorUserId: 1, photosChecked: true, reason: '已整改' };
  // Every transition that exists, with and without a second reviewer; everything else is refused.
  const ALLOWED: [PublicationStatus, PublicationAction, boolean, PublicationStatus][] = [
    ['draft', 'submit', true, 'review'],
    ['draft', 'submit', false, 'review'],
    ['review', 'return', true, 'draft'],
    ['review', 'return', false, 'draft'],
    ['review', 'publish', true, 'published'],
    ['review', 'publish', false, 'published'],
    ['draft', 'publish', false, 'published'],
    ['published', 'withdraw', true, 'withdrawn'],
    ['published', 'withdraw', false, 'withdrawn'],
  ];
  it('covers the statuses the database knows', () => {
    expect([...PUBLICATION_STATUSES]).toEqual(publicationStatus.enumValues);
  });
  for (const status of PUBLICATION_STATUSES) {
    for (const action of PUBLICATION_ACTIONS) {
      for (const second of [true, false]) {
        const hit = ALLOWED.find(([s, a, r]) => s === status && a === action && r === second);
        it(`${status} × ${action} (second reviewer ${second ? 'on' : 'off'}) → ${hit ? hit[3] : 'refused'}`, () => {
          const r = nextStatus({ ...base, status, action, requireSecondReviewer: second });
          expect(r).toEqual(hit ? { ok: true, status: hit[3] } : { ok: false, error: 'wrong_status' });
        });
      }
    }
  }
  it('refuses the editor publishing their own entry when a second reviewer is required, and allows it when not', () => {
    expect(nextStatus({ ...base, actorUserId: 1, status: 'review', action: 'publish', requireSecondReviewer: true })).toEqual({ ok: false, error: 'same_person' });
    expect(nextStatus({ ...base, actorUserId: 1, status: 'review', action: 'publish', requireSecondReviewer: false })).toEqual({ ok: true, status: 'published' });
  });
  it.each([
    ['review', 'publish', true],
    ['draft', 'publish', false],
    ['draft', 'submit', true],
    ['draft', 'submit', false],
  ] as const)('refuses %s × %s (second reviewer %s) while a photo has not been through the privacy tool', (status, action, second) => {
    expect(nextStatus({ ...base, photosChecked: false, status, action, requireSecondReviewer: second })).toEqual({ ok: false, error: 'photos_unchecked' });
  });
  it('still returns an entry in review whose photos are unchecked (so the editor can fix them)', () => {
    expect(nextStatus({ ...base, photosChecked: false, status: 'review', action: 'return', requireSecondReviewer: true })).toEqual({ ok: true, status: 'draft' });
  });
  it('refuses a return to the editor without a reason or with one that is too long', () => {
    for (const reason of [undefined, '  ', '长'.repeat(201)]) {
      expect(nextStatus({ ...base, reason, status: 'review', action: 'return', requireSecondReviewer: true })).toEqual({ ok: false, error: 'return_reason_required' });
    }
  });
  it('refuses a withdrawal without a reason or with one that is too long', () => {
    for (const reason of [undefined, '  ', '长'.repeat(201)]) {
      expect(nextStatus({ ...base, reason, status: 'published', action: 'withdraw', requireSecondReviewer: true })).toEqual({ ok: false, error: 'reason_required' });
    }
  });
});

describe('checkMasks', () => {
  const image = { width: 800, height: 600 };
  it('accepts rectangles inside the image, up to its edges', () => {
    expect(checkMasks([{ x: 0, y: 0, width: 800, height: 600 }, { x: 10, y: 20, width: 30, height: 40 }], image)).toEqual({ ok: true });
    expect(checkMasks([], image)).toEqual({ ok: true });
  });
  it.each([
    [{ x: 0, y: 0, width: 0, height: 10 }, '为 0'],
    [{ x: 0, y: 0, width: 10, height: -5 }, '为 0'],
    [{ x: 795, y: 0, width: 10, height: 10 }, '超出了照片范围'],
    [{ x: -1, y: 0, width: 10, height: 10 }, '超出了照片范围'],
    [{ x: 0, y: 590, width: 10, height: 11 }, '超出了照片范围'],
    [{ x: 0.5, y: 0, width: 10, height: 10 }, '整数'],
    [{ x: Number.NaN, y: 0, width: 10, height: 10 }, '整数'],
  ])('refuses %o', (rect, message) => {
    const r = checkMasks([{ x: 1, y: 1, width: 5, height: 5 }, rect], image);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(new RegExp(`第 2 个框.*${message}`));
  });
  it('refuses more than 20 rectangles', () => {
    expect(checkMasks(Array.from({ length: 21 }, () => ({ x: 0, y: 0, width: 1, height: 1 })), image).ok).toBe(false);
  });
  it('uses blocks of at least 8 px and about an eighth of the longer side', () => {
    expect(maskBlockSize({ x: 0, y: 0, width: 10, height: 10 })).toBe(8);
    expect(maskBlockSize({ x: 0, y: 0, width: 400, height: 100 })).toBe(50);
  });
});

describe('likeOutcome (the ?like= of a script-free 点赞)', () => {
  it.each(LIKE_OUTCOMES.map((o) => [o]))('takes %s and has a Chinese message for it', (o) => {
    expect(likeOutcome(o)).toBe(o);
    expect(LIKE_MESSAGE[o]).toMatch(/[\u4e00-\u9fff]/);
  });
  it.each([[undefined], [''], ['DONE'], ['done '], [['done']], ['<script>'], ['toString'], ['__proto__']])('ignores %o', (raw) => {
    expect(likeOutcome(raw)).toBeNull();
  });
});

describe('maskRowsParam / parseMaskRowsParam (a refused 保存遮挡 keeps the rows as typed)', () => {
  it.each([
    [[['10', '20', '30', '40']], '10,20,30,40'],
    [[['10', '20', '', ''], ['', '', '', ''], ['1', '2', '3', '4'], ['', '', '', '']], '10,20,,;,,,;1,2,3,4'],
    [[['-5', ' 7 ', '1e3', 'abc']], '-5,7,,'],
    [[['', '', '', '']], ''],
    [[], ''],
  ] as [[string, string, string, string][], string][])('%j → %s, and back', (rows, param) => {
    expect(maskRowsParam(rows)).toBe(param);
    const back = parseMaskRowsParam(param)!;
    expect(maskRowsParam(back)).toBe(param);
  });
  it('keeps at most MAX_MASKS rows', () => {
    expect(maskRowsParam(Array.from({ length: 30 }, () => ['1', '1', '1', '1'] as [string, string, string, string])).split(';')).toHaveLength(20);
  });
  it.each([[undefined], [null], [3], ['1,2,3'], ['1,2,3,4,5'], ['<b>,1,2,3'], ['1,2,3,4;x'], ['12345678,1,1,1'], ['1,1,1,1;'.repeat(200)]])('refuses %j', (raw) => {
    expect(parseMaskRowsParam(raw)).toBeNull();
  });
});

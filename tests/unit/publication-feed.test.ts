import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { parseBody } from '@/lib/domain/publication';
import { renderCard } from '@/lib/publications/card';
import { buildFeed } from '@/lib/publications/feed';
import type { PublicCard } from '@/lib/publications/queries';

const entry = (id: number, title: string, cover = true): PublicCard => ({
  id,
  kind: 'exposure',
  title,
  body: parseBody(`**正文** ${title}`),
  month: '2026-11-01',
  streetName: '青石桥街道',
  segmentName: '书院路',
  publishedAt: `2026-11-${String(10 + id).padStart(2, '0')}T02:00:00.000Z`,
  likeCount: 3,
  tags: ['占道经营'],
  cover: cover ? { id: 100 + id, role: 'before', caption: null, width: 800, height: 600 } : null,
});

describe('buildFeed', () => {
  const entries = [entry(2, '<script>alert(1)</script>某店出店经营'), entry(1, '渣土偷倒', false)];
  const feed = buildFeed({ kind: 'exposure', entries, baseUrl: 'https://lz.example.cn/', districtName: '清河区' });

  it('lists each entry in RSS with its link, excerpt and cover, titles as escaped text', () => {
    const xml = feed.rss2();
    // Text, never markup: outside CDATA sections there is no tag of ours.
    expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toContain('<script>');
    const rss = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(rss.rss.channel.title).toBe('清河区曝光台');
    const items = rss.rss.channel.item as { title: string; link: string; description: string }[];
    expect(items.map((i) => i.link)).toEqual(['https://lz.example.cn/exposure/2', 'https://lz.example.cn/exposure/1']);
    expect(items[0]!.title).toContain('<script>alert(1)</script>'); // as text, after XML unescaping
    expect(items[1]!.description).toBe('正文 渣土偷倒');
    expect(xml).toContain('https://lz.example.cn/media/102?w=800');
  });

  it('gives the cover as an RSS enclosure of type image/jpeg with the length attribute RSS 2.0 requires', () => {
    const rss = new XMLParser({ ignoreAttributes: false }).parse(feed.rss2());
    const items = rss.rss.channel.item as { enclosure?: Record<string, string> }[];
    expect(items[0]!.enclosure).toEqual({ '@_url': 'https://lz.example.cn/media/102?w=800', '@_type': 'image/jpeg', '@_length': '0' });
    expect(items[1]!.enclosure).toBeUndefined(); // no cover, no enclosure
  });

  it('gives the same entries in Atom, the cover linked as image/jpeg', () => {
    const atom = new XMLParser({ ignoreAttributes: false }).parse(feed.atom1());
    const entries = atom.feed.entry as { id: string; link: Record<string, string> | Record<string, string>[] }[];
    expect(entries.map((e) => e.id)).toEqual(['https://lz.example.cn/exposure/2', 'https://lz.example.cn/exposure/1']);
    const enclosure = [entries[0]!.link].flat().find((l) => l['@_rel'] === 'enclosure');
    expect(enclosure).toEqual({ '@_rel': 'enclosure', '@_href': 'https://lz.example.cn/media/102?w=800', '@_type': 'image/jpeg' });
  });

  it('summarises a body with subheadings as sentences, without the subheadings', () => {
    const body = parseBody('## 问题\n\n新华路存在占道经营。\n\n## 整改情况\n\n已整改到位。');
    const one = buildFeed({ kind: 'exposure', entries: [{ ...entry(3, '新华路占道经营'), body }], baseUrl: 'https://lz.example.cn', districtName: '清河区' });
    const rss = new XMLParser().parse(one.rss2());
    expect(rss.rss.channel.item.description).toBe('新华路存在占道经营。已整改到位。');
  });
});

describe('renderCard', () => {
  it('renders a 1200×630 PNG with the title drawn in CJK glyphs', async () => {
    const render = async (title: string) => Buffer.from(await (await renderCard({ kind: 'exposure', title, subtitle: '青石桥街道 · 已办结', districtName: '清河区' })).arrayBuffer());
    const png = await render('某餐饮店长期出店经营 屡教不改');
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
    // A different title changes the pixels: the text is really drawn (no tofu boxes for both).
    const other = await render('雪夜清扫 商户自发守护门前路');
    const [a, b] = await Promise.all([sharp(png).raw().toBuffer(), sharp(other).raw().toBuffer()]);
    expect(a.equals(b)).toBe(false);
  }, 30_000);
});

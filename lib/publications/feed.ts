/** RSS and Atom for 曝光台 / 点赞榜 with the `feed` package: published entries only, titles and excerpts as text. */
import { Feed } from 'feed';
import { excerpt, KIND_LABEL, KIND_PATH, type PublicationKind } from '../domain/publication';
import type { PublicCard } from './queries';

/** What /media serves without `f=webp`. */
const COVER_TYPE = 'image/jpeg';

/**
 * The `feed` package guesses an enclosure's type from the URL's file extension, and /media/{id} has none
 * (it wrote type="image//media/69"). RSS takes the type we give; Atom ignores it, so its link is
 * rewritten here. The size is not known without rendering the photo: RSS gets length="0", the usual
 * value then (RSS 2.0 requires the attribute); Atom, where length is optional, gets none.
 */
class PublicationFeed extends Feed {
  override atom1(): string {
    return super.atom1().replace(/(<link rel="enclosure" href="[^"]*")[^>]*?\/>/g, `$1 type="${COVER_TYPE}"/>`);
  }
}

export function buildFeed({ kind, entries, baseUrl, districtName }: { kind: PublicationKind; entries: PublicCard[]; baseUrl: string; districtName: string }): Feed {
  const base = baseUrl.replace(/\/$/, '');
  const list = `${base}${KIND_PATH[kind]}`;
  const feed = new PublicationFeed({
    title: `${districtName}${KIND_LABEL[kind]}`,
    description: kind === 'exposure' ? `${districtName}路长制曝光台：曝光屡教不改的问题` : `${districtName}路长制点赞榜：表扬好路长、好商户`,
    id: list,
    link: list,
    language: 'zh-CN',
    copyright: districtName,
    updated: entries[0] ? new Date(entries[0].publishedAt) : new Date(0),
    feedLinks: { rss: `${list}/feed.xml`, atom: `${list}/atom.xml` },
  });
  for (const e of entries) {
    const link = `${list}/${e.id}`;
    feed.addItem({
      title: e.title,
      id: link,
      link,
      description: excerpt(e.body, 200),
      date: new Date(e.publishedAt),
      category: e.tags.map((name) => ({ name })),
      image: e.cover ? { url: `${base}/media/${e.cover.id}?w=800`, type: COVER_TYPE, length: 0 } : undefined,
    });
  }
  return feed;
}

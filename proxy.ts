/**
 * Answers 410 Gone for a withdrawn 曝光台 / 点赞榜 entry with a short notice, before the page renders
 * (a page cannot set that status). Any other request, or any failure here, goes on to the app.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/lib/db';
import { publicationGone } from '@/lib/publications/queries';

export const config = { matcher: ['/exposure/:id', '/praise/:id'] };

const NOTICE = (label: string, path: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>已撤下 · ${label}</title></head>` +
  `<body style="font-family:system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6">` +
  `<h1>这条内容已撤下</h1><p>该${label}内容已由发布单位撤下，不再公开。</p><p><a href="${path}">查看${label}其他内容</a></p></body></html>`;

export async function proxy(request: NextRequest) {
  const m = /^\/(exposure|praise)\/([1-9]\d{0,8})$/.exec(request.nextUrl.pathname);
  if (!m || (request.method !== 'GET' && request.method !== 'HEAD')) return NextResponse.next();
  try {
    const kind = m[1] as 'exposure' | 'praise';
    if (await publicationGone(await getDb(), { kind, id: Number(m[2]) })) {
      return new NextResponse(NOTICE(kind === 'exposure' ? '曝光台' : '点赞榜', `/${kind}`), {
        status: 410,
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=60' },
      });
    }
  } catch {
    // The page itself shows the withdrawn notice; never fail a request here.
  }
  return NextResponse.next();
}

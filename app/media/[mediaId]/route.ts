/**
 * /media/{id}?w=400|800|1600&f=webp: a public photo of a published 曝光台 / 点赞榜 entry — only masked
 * derivatives staff confirmed, only while their entry is published — resized and re-encoded with sharp.
 */
import type { NextRequest } from 'next/server';
import sharp from 'sharp';
import { getDb } from '@/lib/db';
import { getPublicPhoto } from '@/lib/publications/queries';

const WIDTHS = new Set([400, 800, 1600]);

export async function GET(request: NextRequest, { params }: { params: Promise<{ mediaId: string }> }) {
  const raw = (await params).mediaId;
  const missing = () => new Response('照片不存在或已撤下。', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  if (!/^[1-9]\d{0,8}$/.test(raw)) return missing();
  const photo = await getPublicPhoto(await getDb(), { mediaId: Number(raw) });
  if (!photo) return missing();
  const q = request.nextUrl.searchParams;
  const w = Number(q.get('w') ?? 1600);
  const width = WIDTHS.has(w) ? w : 1600;
  const webp = q.get('f') === 'webp';
  const etag = `"${photo.sha256.slice(0, 16)}-${width}${webp ? 'w' : 'j'}"`;
  // Short shared caching: a withdrawn entry's photos must go away soon after, not be kept for days.
  const headers = { 'Content-Type': webp ? 'image/webp' : 'image/jpeg', 'Cache-Control': 'public, max-age=600', ETag: etag, 'X-Content-Type-Options': 'nosniff' };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const img = sharp(photo.data!).resize({ width, withoutEnlargement: true });
  const out = await (webp ? img.webp({ quality: 75 }) : img.jpeg({ quality: 80, progressive: true })).toBuffer();
  return new Response(new Uint8Array(out), { headers });
}

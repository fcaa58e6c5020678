/**
 * POST /api/publications/{id}/like: the 点赞 button of a 曝光台 / 点赞榜 entry. The script-free form gets a
 * 303 back to the entry with the outcome in its address; the enhanced button (Accept: application/json)
 * gets the outcome, the message and the new count.
 */
import { revalidateTag } from 'next/cache';
import { getDb } from '@/lib/db';
import { KIND_PATH, PUBLICATION_KINDS } from '@/lib/domain/publication';
import { likeFromRequest } from '@/lib/publications/like';
import { publicationTag } from '@/lib/publications/queries';
import { sameOrigin } from '@/lib/public/request';

const STATUS = { done: 200, again: 200, limited: 429, gone: 404, bad: 400 } as const;

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const json = (request.headers.get('accept') ?? '').includes('application/json');
  // Another site's form must not spend this visitor's 点赞 (server actions check the same).
  if (!sameOrigin(request)) {
    return Response.json({ outcome: 'bad', message: '请从本站页面点赞。' }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
  }
  const answer = await likeFromRequest(await getDb(), { rawId: (await params).id });
  // The entry's cached page shows the new count on its next view.
  if (answer.outcome === 'done' && answer.id) revalidateTag(publicationTag(answer.id), { expire: 0 });
  if (json) return Response.json(answer, { status: STATUS[answer.outcome], headers: { 'Cache-Control': 'no-store' } });
  // The form says which column it came from, for outcomes that do not (too many taps, a bad id).
  // The form is two short fields: a bigger body is not read.
  const small = Number(request.headers.get('content-length') ?? Infinity) <= 1024;
  const sent = small ? await request.formData().then((f) => f.get('kind'), () => null) : null;
  const kind = answer.kind ?? PUBLICATION_KINDS.find((k) => k === sent) ?? 'exposure';
  const back = answer.id ? `${KIND_PATH[kind]}/${answer.id}` : KIND_PATH[kind];
  return new Response(null, { status: 303, headers: { Location: `${back}?like=${answer.outcome}#like`, 'Cache-Control': 'no-store' } });
}

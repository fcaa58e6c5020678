/** /open311/discovery.{json,xml}, /open311/services.{json,xml}, /open311/requests.{json,xml} (GET and POST). */
import { clientIp } from '@/lib/abuse/client';
import { getDb } from '@/lib/db';
import { formatOf, refusal, splitFormat } from '@/lib/domain/open311';
import { errorAnswer, toResponse } from '@/lib/open311/format';
import { discovery, getRequests, getServices, postRequest } from '@/lib/open311/handlers';
import { open311Context, readPost } from '@/lib/open311/http';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ resource: string }> };

function notFound(resource: string) {
  const r = refusal(404, `没有这个接口：/open311/${resource.slice(0, 60)}。可用的有 discovery、services、requests，后缀 .json 或 .xml。`);
  return toResponse(errorAnswer(formatOf(resource), r.status, r.errors));
}

export async function GET(request: Request, { params }: Ctx) {
  const { resource } = await params;
  const file = splitFormat(resource);
  if (!file) return notFound(resource);
  const query = new URL(request.url).searchParams;
  const ctx = open311Context();
  if (file.name === 'discovery') return toResponse(discovery(file.format, ctx));
  if (file.name === 'services') return toResponse(await getServices(await getDb(), file.format, query, ctx));
  if (file.name === 'requests') return toResponse(await getRequests(await getDb(), file.format, query, ctx));
  return notFound(resource);
}

export async function POST(request: Request, { params }: Ctx) {
  const { resource } = await params;
  const file = splitFormat(resource);
  if (!file || file.name !== 'requests') return notFound(resource);
  const db = await getDb();
  const body = await readPost(db, request);
  if (!body.ok) return toResponse(errorAnswer(file.format, 400, refusal(400, body.message).errors));
  const answer = await postRequest(
    db,
    file.format,
    { params: body.params, media: body.media, idempotencyHeader: request.headers.get('idempotency-key'), ip: clientIp(request.headers) },
    open311Context(),
  );
  return toResponse(answer);
}

/** CORS preflight for browser clients (a multipart POST with an Idempotency-Key header). */
export function OPTIONS() {
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
      'Access-Control-Max-Age': '86400',
    },
  });
}

/** /open311/requests/{service_request_id}.{json,xml}: one service request. */
import { getDb } from '@/lib/db';
import { formatOf, refusal, splitFormat } from '@/lib/domain/open311';
import { errorAnswer, toResponse } from '@/lib/open311/format';
import { getRequest } from '@/lib/open311/handlers';
import { open311Context } from '@/lib/open311/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file: raw } = await params;
  const file = splitFormat(decodeURIComponent(raw));
  if (!file) return toResponse(errorAnswer(formatOf(raw), 404, refusal(404, '地址应为 /open311/requests/{service_request_id}.json 或 .xml。').errors));
  return toResponse(await getRequest(await getDb(), file.format, file.name, new URL(request.url).searchParams, open311Context()));
}

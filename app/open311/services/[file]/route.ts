/** /open311/services/{service_code}.{json,xml}: a service definition. */
import { getDb } from '@/lib/db';
import { formatOf, refusal, splitFormat } from '@/lib/domain/open311';
import { errorAnswer, toResponse } from '@/lib/open311/format';
import { getServiceDefinition } from '@/lib/open311/handlers';
import { open311Context } from '@/lib/open311/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file: raw } = await params;
  const file = splitFormat(decodeURIComponent(raw));
  if (!file) return toResponse(errorAnswer(formatOf(raw), 404, refusal(404, '地址应为 /open311/services/{service_code}.json 或 .xml。').errors));
  return toResponse(await getServiceDefinition(await getDb(), file.format, file.name, new URL(request.url).searchParams, open311Context()));
}

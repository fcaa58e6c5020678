/**
 * The upload endpoint of the enhanced 随手拍 form (XMLHttpRequest, so the page can show upload progress).
 * Same fields and same rules as the no-JS server action; answers JSON, never a 500 for bad input.
 */
import { revalidateTag } from 'next/cache';
import { getDb } from '@/lib/db';
import { requestIdentity } from '@/lib/public/request';
import { submissionFromForm } from '@/lib/reports/form';
import { receiptPath } from '@/lib/reports/receipt';
import { submitReport } from '@/lib/reports/submit';
import { segmentPageTag } from '@/lib/segments/queries';
import { getSettings } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

function json(status: number, body: unknown) {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

export async function POST(request: Request) {
  const db = await getDb();
  const s = await getSettings(db, ['report.maxPhotos', 'report.maxPhotoBytes']);
  // The whole post may hold every photo at the limit plus the text; refuse bigger bodies before reading them.
  const maxBody = s['report.maxPhotos'] * s['report.maxPhotoBytes'] + 1024 * 1024;
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > maxBody) {
    return json(413, { ok: false, message: `照片总大小超过 ${Math.floor(maxBody / 1024 / 1024)} MB，请少选几张或换小一点的照片。`, errors: {} });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return json(400, { ok: false, message: '提交的内容格式不正确，请刷新页面后重试。', errors: {} });
  }
  const { submission } = await submissionFromForm(form, await requestIdentity(db));
  const result = await submitReport(db, submission);
  if (!result.ok) return json(result.status, { ok: false, message: result.message, errors: result.errors });
  if (result.receipt.segmentCode) revalidateTag(segmentPageTag(result.receipt.segmentCode), 'max');
  return json(result.replayed ? 200 : 201, { ok: true, receiptUrl: receiptPath(result.receipt), number: result.receipt.number });
}

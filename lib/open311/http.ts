/** What the Open311 route handlers share: the site's origin, and a POST body read into params and media. */
import 'server-only';
import type { Db } from '../db/client';
import { env } from '../env';
import type { ReportPhotoInput } from '../reports/submit';
import { getSettings } from '../settings/queries';

export function open311Context() {
  return { baseUrl: env().PUBLIC_BASE_URL.replace(/\/+$/, '') };
}

/**
 * The form fields (urlencoded or multipart) with the query string as a fallback, and the `media` files.
 * A body bigger than every photo at the limit plus the text is refused before it is read.
 */
export async function readPost(db: Db, request: Request): Promise<{ ok: true; params: URLSearchParams; media: ReportPhotoInput[] } | { ok: false; message: string }> {
  const s = await getSettings(db, ['report.maxPhotos', 'report.maxPhotoBytes']);
  const maxBody = s['report.maxPhotos'] * s['report.maxPhotoBytes'] + 1024 * 1024;
  if (Number(request.headers.get('content-length') ?? 0) > maxBody) {
    return { ok: false, message: `请求体超过 ${Math.floor(maxBody / 1024 / 1024)} MB：media 最多 ${s['report.maxPhotos']} 张、每张不超过 ${Math.floor(s['report.maxPhotoBytes'] / 1024 / 1024)} MB。` };
  }
  const params = new URL(request.url).searchParams;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, message: '请求体无法解析：请用 application/x-www-form-urlencoded，或带照片时用 multipart/form-data（照片字段名 media）。' };
  }
  const media: ReportPhotoInput[] = [];
  const merged = new URLSearchParams(params);
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') merged.set(name, value);
    else if (name === 'media' && value.size > 0) media.push({ name: value.name, data: Buffer.from(await value.arrayBuffer()) });
  }
  return { ok: true, params: merged, media };
}

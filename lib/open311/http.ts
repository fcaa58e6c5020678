/** What the Open311 route handlers share: the site's origin, and a POST body read into params and media. */
import 'server-only';
import { env } from '../env';
import type { ReportPhotoInput } from '../reports/submit';

export function open311Context() {
  return { baseUrl: env().PUBLIC_BASE_URL.replace(/\/+$/, '') };
}

/** The form fields (urlencoded or multipart) with the query string as a fallback, and the `media` files. */
export async function readPost(request: Request): Promise<{ ok: true; params: URLSearchParams; media: ReportPhotoInput[] } | { ok: false }> {
  const params = new URL(request.url).searchParams;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false };
  }
  const media: ReportPhotoInput[] = [];
  const merged = new URLSearchParams(params);
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') merged.set(name, value);
    else if (name === 'media' && value.size > 0) media.push({ name: value.name, data: Buffer.from(await value.arrayBuffer()) });
  }
  return { ok: true, params: merged, media };
}

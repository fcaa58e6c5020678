'use server';
/** The appeal form's server action: parse → rate-limited, checked appeal → fresh merchant page. */
import { updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db';
import { requestIdentity } from '@/lib/public/request';
import { fileAppeal } from '@/lib/ratings/appeals';
import { merchantPageTag, revalidateAfterAppeal } from '@/lib/ratings/public';
import type { AppealFormState } from './appeal-state';

const MAX_PHOTO_FIELDS = 8;

export async function appealAction(previous: AppealFormState, form: FormData): Promise<AppealFormState> {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const values = { ratingId: text('ratingId'), identity: text('identity').slice(0, 40), statement: text('statement').slice(0, 1000), contactName: text('contactName').slice(0, 30), contactPhone: text('contactPhone').slice(0, 20) };
  const photos: { data: Buffer; name: string }[] = [];
  for (const entry of form.getAll('photos').slice(0, MAX_PHOTO_FIELDS)) {
    if (typeof entry === 'string' || entry.size === 0) continue; // an empty file input sends one empty part
    photos.push({ name: entry.name || `照片${photos.length + 1}`, data: Buffer.from(await entry.arrayBuffer()) });
  }
  const db = await getDb();
  const { ip } = await requestIdentity(db);
  const result = await fileAppeal(db, { merchantCode: previous.merchantCode, fields: values, photos, ip });
  if (!result.ok) return { merchantCode: previous.merchantCode, values, message: result.message, errors: result.fields ?? {} };
  // Stale-while-revalidate for the lists and segment page first, then expire this merchant's page now: the
  // later call decides a tag's entry, so the other order would leave the page it redirects to stale.
  revalidateAfterAppeal(result);
  updateTag(merchantPageTag(result.merchantCode));
  redirect(`/m/${encodeURIComponent(result.merchantCode)}?appeal=filed#appeals`);
}

/**
 * The posted 随手拍 form → a ReportSubmission. The no-JS server action and the upload API the enhanced
 * form calls both read the same multipart fields through here.
 */
import { PHOTO_HEAD_BYTES, REPORT_FIELDS as F, type ReportFormValues } from '../domain/report-form';
import type { ReportPhotoInput, ReportSubmission } from './submit';

/** More heads than photos a report may have are ignored. */
const MAX_PHOTO_HEADS = 8;

/** Caps what a single text field may carry before validation even looks at it. */
const MAX_FIELD_CHARS = 4000;

function text(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v.slice(0, MAX_FIELD_CHARS) : '';
}

export function formValues(form: FormData): ReportFormValues {
  return {
    segment: text(form, F.segmentPick) || text(form, F.segment),
    category: text(form, F.categoryMore) || text(form, F.category),
    description: text(form, F.description),
    address: text(form, F.address),
    lat: text(form, F.lat),
    lng: text(form, F.lng),
    name: text(form, F.name),
    phone: text(form, F.phone),
    consent: text(form, F.consent) !== '',
    photoLocation: text(form, F.photoLocation) !== '',
  };
}

export async function submissionFromForm(form: FormData, who: { ip: string; deviceHash: string | null }): Promise<{ submission: ReportSubmission; values: ReportFormValues }> {
  const values = formValues(form);
  const photos: ReportPhotoInput[] = [];
  for (const entry of form.getAll(F.photos)) {
    // A file input left empty posts one nameless, empty part; that is not a photo.
    if (typeof entry === 'string' || (entry.size === 0 && entry.name === '')) continue;
    photos.push({ name: entry.name || `照片${photos.length + 1}`, data: Buffer.from(await entry.arrayBuffer()) });
  }
  const photoHeads: Buffer[] = [];
  for (const entry of form.getAll(F.photoHeads).slice(0, MAX_PHOTO_HEADS)) {
    if (typeof entry !== 'string') photoHeads.push(Buffer.from(await entry.slice(0, PHOTO_HEAD_BYTES).arrayBuffer()));
  }
  return {
    values,
    submission: {
      fields: {
        segment: values.segment,
        category: values.category,
        description: values.description,
        address: values.address,
        lat: values.lat,
        lng: values.lng,
        name: values.name,
        phone: values.phone,
        consent: values.consent ? 'on' : '',
      },
      photos,
      photoLocation: values.photoLocation,
      photoHeads,
      honeypot: text(form, F.honeypot),
      idempotencyKey: text(form, F.idempotencyKey) || null,
      pow: text(form, F.pow) || null,
      js: text(form, F.js) === '1',
      ip: who.ip,
      deviceHash: who.deviceHash,
    },
  };
}

'use server';
/** The lookup form's server action: parse → rate-limited lookup → cookie → the case page. */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { clientIp } from '@/lib/abuse/client';
import { lookupTrackedCase } from '@/lib/cases/track';
import { grantTrackAccess, trackSecret } from '@/lib/cases/track-session';
import { getDb } from '@/lib/db';
import { parseTrackLookup, TRACK_FIELDS } from '@/lib/domain/track-input';
import type { LookupState } from './lookup-state';

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

export async function lookupAction(_previous: LookupState, form: FormData): Promise<LookupState> {
  // What was typed comes back into the form on any refusal (cut short: it is only for display).
  const values = {
    number: field(form, TRACK_FIELDS.number).slice(0, 40),
    code: field(form, TRACK_FIELDS.code).slice(0, 20),
    phone4: field(form, TRACK_FIELDS.phone4).slice(0, 20),
  };
  const parsed = parseTrackLookup({ number: field(form, TRACK_FIELDS.number), code: field(form, TRACK_FIELDS.code), phone4: field(form, TRACK_FIELDS.phone4) });
  if (!parsed.ok) return { values, errors: parsed.errors };
  const db = await getDb();
  const result = await lookupTrackedCase(db, { lookup: parsed.value, ip: clientIp(await headers()), secret: await trackSecret(db) });
  if (!result.ok) return { values, message: result.message };
  await grantTrackAccess(result.number, result.token);
  redirect(`/track/${result.number}`);
}

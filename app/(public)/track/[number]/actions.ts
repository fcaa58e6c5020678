'use server';
/** The reporter's two writes on their case page: rate once, and 问题未解决. Access is the case-scoped cookie. */
import { revalidatePath, revalidateTag } from 'next/cache';
import { rateClosedCase, reopenClosedCase } from '@/lib/cases/citizen';
import { authorizedCase, getCitizenCaseView } from '@/lib/cases/track';
import { readTrackToken, trackSecret } from '@/lib/cases/track-session';
import { getDb } from '@/lib/db';
import { CITIZEN_WRITE_MESSAGE, parseRating, parseReopen, TRACK_FIELDS, TRACK_MESSAGE, windowPassedMessage } from '@/lib/domain/track-input';
import { getSettings } from '@/lib/settings/queries';
import { segmentPageTag } from '@/lib/segments/queries';
import type { CitizenFormState } from './form-state';

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

async function access(number: string) {
  const db = await getDb();
  const granted = await authorizedCase(db, { number, token: await readTrackToken(), secret: await trackSecret(db) });
  return { db, granted };
}

export async function rateAction(number: string, _previous: CitizenFormState, form: FormData): Promise<CitizenFormState> {
  const values = { stars: field(form, TRACK_FIELDS.stars).slice(0, 2), comment: field(form, TRACK_FIELDS.comment).slice(0, 1000) };
  const { db, granted } = await access(number);
  if (!granted) return { values, message: TRACK_MESSAGE.accessMissing };
  const parsed = parseRating({ stars: values.stars, comment: values.comment, version: field(form, TRACK_FIELDS.version) });
  if (!parsed.ok) return { values, errors: parsed.errors };
  const result = await rateClosedCase(db, { caseId: granted.caseId, expectedVersion: parsed.value.version, stars: parsed.value.stars, comment: parsed.value.comment });
  revalidatePath(`/track/${granted.number}`);
  if (!result.ok) return { values, message: CITIZEN_WRITE_MESSAGE[result.error] };
  return { ok: true, message: '感谢您的评价！' };
}

export async function reopenAction(number: string, _previous: CitizenFormState, form: FormData): Promise<CitizenFormState> {
  const values = { reason: field(form, TRACK_FIELDS.reason).slice(0, 2000) };
  const { db, granted } = await access(number);
  if (!granted) return { values, message: TRACK_MESSAGE.accessMissing };
  const parsed = parseReopen({ reason: values.reason, version: field(form, TRACK_FIELDS.version) });
  if (!parsed.ok) return { values, errors: parsed.errors };
  const result = await reopenClosedCase(db, { caseId: granted.caseId, expectedVersion: parsed.value.version, reason: parsed.value.reason });
  revalidatePath(`/track/${granted.number}`);
  if (!result.ok) {
    const days = (await getSettings(db, ['track.reopenWindowDays']))['track.reopenWindowDays'];
    return { values, message: result.error === 'window_passed' ? windowPassedMessage(days) : CITIZEN_WRITE_MESSAGE[result.error] };
  }
  // The segment page counts this month's closed cases.
  const segment = (await getCitizenCaseView(db, { caseId: granted.caseId }))?.segment;
  if (segment) revalidateTag(segmentPageTag(segment.code), 'max');
  return { ok: true, message: '已收到您的反馈，案件已重新交给指挥中心处理，请留意办理进度。' };
}

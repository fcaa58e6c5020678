/** What the lookup form shows after a refusal: the values as typed, a message per field, or one for the form. */
import type { TrackLookupField } from '@/lib/domain/track-input';

export interface LookupState {
  values: Record<TrackLookupField, string>;
  errors?: Partial<Record<TrackLookupField, string>>;
  message?: string;
}

export const EMPTY_LOOKUP: LookupState = { values: { number: '', code: '', phone4: '' } };

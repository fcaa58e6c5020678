import type { AppealField } from '@/lib/ratings/appeals';

export interface AppealFormState {
  merchantCode: string;
  values: Record<'ratingId' | 'identity' | 'statement' | 'contactName' | 'contactPhone', string>;
  message: string | null;
  errors: Partial<Record<AppealField, string>>;
}

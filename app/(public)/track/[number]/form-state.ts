/** What the rating and 问题未解决 forms show after a submit: success, or the values as typed with messages. */
export interface CitizenFormState {
  ok?: boolean;
  message?: string;
  values?: { stars?: string; comment?: string; reason?: string };
  errors?: Partial<Record<'stars' | 'comment' | 'reason' | 'version', string>>;
}

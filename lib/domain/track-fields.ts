/** The /track forms' field names and limits, free of zod so the browser forms can import them cheaply. */
export const COMMENT_MAX = 200;
export const REOPEN_REASON_MAX = 300;

/** Field names as they travel in the forms. */
export const TRACK_FIELDS = { number: 'number', code: 'code', phone4: 'phone4', stars: 'stars', comment: 'comment', reason: 'reason', version: 'version' } as const;

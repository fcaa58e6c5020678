/**
 * The 随手拍 form's shape, shared by the browser form and the server: field names, limits and the error
 * map. No imports, so the client bundle carries only these few constants.
 */
export const DESCRIPTION_MAX = 500;
export const ADDRESS_MAX = 100;
export const NAME_MAX = 20;

/** Field names as they travel in the multipart form. */
export const REPORT_FIELDS = {
  segment: 'segment',
  /** The “not here? choose again” select beside a prefilled segment; wins over the prefilled one when set. */
  segmentPick: 'segmentPick',
  category: 'category',
  /** The 更多 select; wins over the common-problem radios when set. */
  categoryMore: 'categoryMore',
  description: 'description',
  address: 'address',
  lat: 'lat',
  lng: 'lng',
  name: 'name',
  phone: 'phone',
  consent: 'consent',
  photos: 'photos',
  /** The first bytes of each original photo, where its EXIF (and GPS) lives, sent by the script that shrinks the photo. */
  photoHeads: 'photoHead',
  photoLocation: 'photoLocation',
  honeypot: 'website',
  idempotencyKey: 'idempotencyKey',
  pow: 'pow',
  js: 'js',
} as const;

/** How much of an original JPEG the browser sends for its EXIF block (APP1 is at most 64 KB). */
export const PHOTO_HEAD_BYTES = 65_536;

export type ReportFieldName = 'segment' | 'category' | 'description' | 'address' | 'location' | 'name' | 'phone' | 'consent' | 'photos';
export type FieldErrors = Partial<Record<ReportFieldName, string>>;

/** What the form echoes back after a refusal so nothing typed is lost (a page cannot refill file inputs). */
export interface ReportFormValues {
  segment: string;
  category: string;
  description: string;
  address: string;
  lat: string;
  lng: string;
  name: string;
  phone: string;
  consent: boolean;
  photoLocation: boolean;
}

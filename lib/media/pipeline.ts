/**
 * The 随手拍 photo pipeline: checks an uploaded file by its bytes, refuses what is not a photo with a
 * precise Chinese message, reads GPS if the citizen allowed it, and re-encodes what is left as a
 * metadata-free sRGB JPEG in two sizes. Originals are never kept (docs/decisions.md).
 */
import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import type { Db, Tx } from '../db/client';
import { photoErrorMessage, sniffImageType, validGps, type AcceptedFormat, type PhotoErrorCode, type PhotoErrorDetails } from '../domain/photo';
import { saveImage } from './queries';

export type { PhotoErrorCode } from '../domain/photo';

/** From settings 'report.maxPhotoBytes' and 'report.maxPhotoPixels'. */
export interface PhotoLimits {
  maxBytes: number;
  maxPixels: number;
}

export interface ProcessedPhoto {
  /** Longest side ≤ 1600 px. */
  large: { data: Buffer; width: number; height: number; contentType: 'image/jpeg' };
  /** Longest side ≤ 400 px. */
  thumb: { data: Buffer; width: number; height: number; contentType: 'image/jpeg' };
  /** Only when readLocation, only when valid (WGS84 ranges, not 0,0). */
  gps: { lat: number; lng: number } | null;
  /** What was uploaded, for logs: format, upright size and byte count. */
  source: { format: AcceptedFormat; width: number; height: number; bytes: number };
}

export type PhotoResult = { ok: true; photo: ProcessedPhoto } | { ok: false; code: PhotoErrorCode; message: string };

export const LARGE_MAX_SIDE = 1600;
export const THUMB_MAX_SIDE = 400;
// Fixed encoder settings: the same upload always gives the same bytes, so content-hash dedup works.
const JPEG_OPTIONS = { quality: 80, progressive: true } as const;

/**
 * Turns one uploaded file into a large and a thumb JPEG, or says in Chinese why not. Never throws for
 * bad input. Call it for one photo at a time: it decodes the upload once (shrunk on load where the
 * format allows), so one call holds at most one decoded full-size image.
 */
export async function processReportPhoto(input: Buffer, opts: { readLocation: boolean; limits: PhotoLimits; name?: string }): Promise<PhotoResult> {
  const fail = (code: PhotoErrorCode, details: Omit<PhotoErrorDetails, 'name'> = {}): PhotoResult => ({
    ok: false,
    code,
    message: photoErrorMessage(code, { ...details, name: opts.name }),
  });
  const { limits } = opts;

  if (input.length === 0) return fail('empty');
  if (input.length > limits.maxBytes) return fail('too_large', { bytes: input.length, maxBytes: limits.maxBytes });

  const type = sniffImageType(input);
  switch (type.kind) {
    case 'accepted':
      break;
    case 'empty':
      return fail('empty');
    case 'heic':
      return fail('heic');
    case 'svg':
      return fail('svg'); // never handed to sharp: untrusted SVG (scripts, entities, references) is an attack surface
    case 'unsupported':
      return fail('unsupported', { format: type.format });
    case 'unknown':
      return fail('not_image');
  }

  // Header only: refuse decompression bombs before a single pixel is decoded.
  let header: Metadata;
  try {
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return fail('truncated');
  }
  if (header.format !== type.format || !header.width || !header.height) return fail('truncated');
  const upright = header.autoOrient ?? { width: header.width, height: header.height };
  if (header.width * header.height > limits.maxPixels) {
    return fail('too_many_pixels', { width: upright.width, height: upright.height, maxPixels: limits.maxPixels });
  }

  // GPS comes from the original bytes: everything below strips it.
  const gps = opts.readLocation ? await readPhotoGps(input) : null;

  try {
    // One decode: upright, shrunk to the large size, flattened onto white, sRGB, 8 bits.
    const { data, info } = await sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error' })
      .autoOrient()
      .resize({ width: LARGE_MAX_SIDE, height: LARGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const raw = { width: info.width, height: info.height, channels: info.channels };

    // Both sizes come from those pixels; no metadata is written (sharp drops EXIF, XMP and ICC by default).
    const large = await sharp(data, { raw }).jpeg(JPEG_OPTIONS).toBuffer({ resolveWithObject: true });
    const thumb = await sharp(data, { raw })
      .resize({ width: THUMB_MAX_SIDE, height: THUMB_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg(JPEG_OPTIONS)
      .toBuffer({ resolveWithObject: true });

    return {
      ok: true,
      photo: {
        large: { data: large.data, width: large.info.width, height: large.info.height, contentType: 'image/jpeg' },
        thumb: { data: thumb.data, width: thumb.info.width, height: thumb.info.height, contentType: 'image/jpeg' },
        gps,
        source: { format: type.format, width: upright.width, height: upright.height, bytes: input.length },
      },
    };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      return fail('too_many_pixels', { width: upright.width, height: upright.height, maxPixels: limits.maxPixels });
    }
    // A truncated or corrupt file of an accepted type (sharp failOn 'error').
    return fail('truncated');
  }
}

/** The GPS position in a photo's EXIF (also from just the first 64 KB of a JPEG, where EXIF lives), or null. */
export async function readPhotoGps(input: Buffer): Promise<{ lat: number; lng: number } | null> {
  try {
    const gps = await exifr.gps(input);
    return gps ? validGps(gps.latitude, gps.longitude) : null;
  } catch {
    return null; // unreadable EXIF only costs the location, never the photo
  }
}

/**
 * Stores a processed photo inside the caller's transaction: the large (variant 'large') and its thumb
 * ('thumb', sourceId = the large), neither public. Same photo twice → same ids.
 */
export async function storeReportPhoto(tx: Db | Tx, photo: ProcessedPhoto): Promise<{ largeId: number; thumbId: number }> {
  const { large, thumb } = photo;
  const largeId = await saveImage(tx, { data: large.data, contentType: large.contentType, width: large.width, height: large.height, variant: 'large', isPublic: false });
  const thumbId = await saveImage(tx, {
    data: thumb.data,
    contentType: thumb.contentType,
    width: thumb.width,
    height: thumb.height,
    variant: 'thumb',
    sourceId: largeId,
    isPublic: false,
  });
  return { largeId, thumbId };
}

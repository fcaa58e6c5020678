/**
 * What a citizen's uploaded file is, told from its bytes alone (never its name or declared MIME type),
 * and the Chinese sentence that explains a refusal. Pure: lib/media/pipeline.ts does the decoding.
 */

export type PhotoErrorCode = 'empty' | 'too_large' | 'heic' | 'svg' | 'not_image' | 'unsupported' | 'truncated' | 'too_many_pixels';

/** The formats the pipeline decodes: what phones and the WeChat browser hand us. */
export type AcceptedFormat = 'jpeg' | 'png' | 'webp';
/** Real image formats we recognise and refuse by name. */
export type UnsupportedFormat = 'gif' | 'tiff' | 'bmp' | 'avif' | 'jxl' | 'psd';

export type SniffResult =
  | { kind: 'accepted'; format: AcceptedFormat }
  | { kind: 'heic' }
  | { kind: 'svg' }
  | { kind: 'unsupported'; format: UnsupportedFormat }
  | { kind: 'empty' }
  | { kind: 'unknown' };

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

// ISO base media (ftyp) brands: HEVC-coded HEIF as phones write it (iPhone: heic + mif1), generic HEIF, AVIF.
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'mif2', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const BMP_DIB_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

/** Identifies a file by its magic numbers. */
export function sniffImageType(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'accepted', format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'accepted', format: 'png' };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { kind: 'accepted', format: 'webp' };

  const ftyp = isoBrands(bytes);
  if (ftyp) {
    const { major, compatible } = ftyp;
    if (HEVC_BRANDS.has(major)) return { kind: 'heic' };
    if (AVIF_BRANDS.has(major)) return { kind: 'unsupported', format: 'avif' };
    // A generic HEIF major brand (mif1, msf1): the compatible brands name the codec.
    if (compatible.some((b) => HEVC_BRANDS.has(b))) return { kind: 'heic' };
    if (compatible.some((b) => AVIF_BRANDS.has(b))) return { kind: 'unsupported', format: 'avif' };
    if (GENERIC_HEIF_BRANDS.has(major)) return { kind: 'heic' };
    return { kind: 'unknown' }; // a video (mp4, mov) or another ISO media file
  }

  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { kind: 'unsupported', format: 'gif' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'unsupported', format: 'tiff' };
  if (isBmp(bytes)) return { kind: 'unsupported', format: 'bmp' };
  if (startsWith(bytes, [0xff, 0x0a]) || startsWith(bytes, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a])) return { kind: 'unsupported', format: 'jxl' };
  if (ascii(bytes, 0, 4) === '8BPS') return { kind: 'unsupported', format: 'psd' };
  if (looksLikeSvgOrXml(bytes)) return { kind: 'svg' };
  return { kind: 'unknown' };
}

function isoBrands(bytes: Uint8Array): { major: string; compatible: string[] } | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return null;
  const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(size >= 16 ? size : 16, bytes.length, 256);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= end; at += 4) compatible.push(ascii(bytes, at, at + 4));
  return { major: ascii(bytes, 8, 12), compatible };
}

function isBmp(bytes: Uint8Array): boolean {
  if (bytes.length < 18 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) return false;
  const dib = bytes[14]! | (bytes[15]! << 8) | (bytes[16]! << 16) | (bytes[17]! << 24);
  return BMP_DIB_HEADER_SIZES.has(dib);
}

/** SVG (and any XML, which is where SVG hides) must never reach an image decoder. */
function looksLikeSvgOrXml(bytes: Uint8Array): boolean {
  let head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) head = new TextDecoder('utf-16le').decode(bytes.subarray(0, 4096));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) head = new TextDecoder('utf-16be').decode(bytes.subarray(0, 4096));
  head = head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('<')) return false;
  return /^<\?xml/i.test(head) || /<svg[\s>/]/i.test(head) || /^<!DOCTYPE\s+svg/i.test(head);
}

/** EXIF GPS is WGS84; (0, 0) is what broken phones write when they had no fix. */
export function validGps(lat: unknown, lng: unknown): { lat: number; lng: number } | null {
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (lat < -90 || lat > 90 || lng < -180 || lng > 180) return null;
  if (lat === 0 && lng === 0) return null;
  return { lat, lng };
}

const FORMAT_LABELS: Record<UnsupportedFormat, string> = {
  gif: 'GIF',
  tiff: 'TIFF',
  bmp: 'BMP',
  avif: 'AVIF',
  jxl: 'JPEG XL',
  psd: 'PSD',
};

export const ACCEPTED_FORMATS_TEXT = 'JPEG、PNG 或 WebP';

export interface PhotoErrorDetails {
  /** The file's name as the phone gave it, if known. */
  name?: string;
  format?: UnsupportedFormat;
  bytes?: number;
  maxBytes?: number;
  width?: number;
  height?: number;
  maxPixels?: number;
}

/** A file name fit to quote back: no path, no control characters, not endless. */
export function displayName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  let clean = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!clean) return undefined;
  const chars = [...clean];
  if (chars.length > 40) clean = `${chars.slice(0, 20).join('')}…${chars.slice(-15).join('')}`;
  return clean;
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** 60000000 → "6000 万", 100000000 → "1 亿". */
export function formatPixels(pixels: number): string {
  if (pixels >= 1e8) return `${Number((pixels / 1e8).toFixed(1))} 亿`;
  return `${Number((pixels / 1e4).toFixed(pixels >= 1e6 ? 0 : 1))} 万`;
}

/** The precise zh-CN sentence for a refused photo. */
export function photoErrorMessage(code: PhotoErrorCode, details: PhotoErrorDetails = {}): string {
  const name = displayName(details.name);
  const photo = name ? `照片“${name}”` : '这张照片';
  const file = name ? `文件“${name}”` : '这个文件';
  switch (code) {
    case 'empty':
      return `${file}是空的（0 字节），可能没有传完整。请重新选择照片。`;
    case 'too_large': {
      const size = details.bytes !== undefined ? `有 ${formatMegabytes(details.bytes)}，` : '';
      const limit = details.maxBytes !== undefined ? formatMegabytes(details.maxBytes) : '上限';
      return `${photo}${size}超过了单张 ${limit} 的上限。请压缩或截图后再上传。`;
    }
    case 'heic':
      return `${photo}是 HEIC 格式，暂不支持。请在相机设置里选择“兼容性最佳”，或截图后再上传。`;
    case 'svg':
      return `${file}是 SVG 矢量图，不能作为现场照片上传。请上传 ${ACCEPTED_FORMATS_TEXT} 格式的照片。`;
    case 'not_image':
      return `${file}不是图片。请选择用手机拍摄的照片（${ACCEPTED_FORMATS_TEXT} 格式）。`;
    case 'unsupported': {
      const label = details.format ? `${FORMAT_LABELS[details.format]} 格式` : '这种格式';
      return `${photo}是 ${label}，暂不支持。请上传 ${ACCEPTED_FORMATS_TEXT} 格式的照片。`;
    }
    case 'truncated':
      return `${photo}已损坏或没有传完整，无法读取。请重新选择或重新拍摄后再上传。`;
    case 'too_many_pixels': {
      const size = details.width && details.height ? `（${details.width}×${details.height}，约 ${formatPixels(details.width * details.height)}像素）` : '';
      const limit = details.maxPixels !== undefined ? `${formatPixels(details.maxPixels)}像素` : '上限';
      return `${photo}的尺寸过大${size}，超过了 ${limit}的上限。请缩小或截图后再上传。`;
    }
  }
}

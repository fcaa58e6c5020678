/**
 * The district logo (区徽) as an upload: which files are accepted, judged from their bytes and never
 * from their name, and the Chinese message for each refusal. Pure: decoding and re-encoding live in
 * lib/signboards/logo.ts.
 */

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_MAX_PIXELS = 25_000_000;
/** The stored logo fits within this many pixels a side: ~325 dpi at the ~8 cm it is printed on a board. */
export const LOGO_MAX_EDGE = 1024;

export const LOGO_FORMATS = ['png', 'jpeg', 'webp'] as const;
export type LogoFormat = (typeof LOGO_FORMATS)[number];

/** What a file's first bytes say it is: an accepted format, another image format we name, SVG, or nothing known. */
export type SniffedFormat = LogoFormat | 'svg' | 'gif' | 'bmp' | 'tiff' | 'heif' | 'avif' | 'ico' | 'pdf' | null;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

export function sniffImageFormat(bytes: Uint8Array): SniffedFormat {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
  if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return 'ico';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (/^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(brand)) return 'heif';
  }
  // SVG is text: look past a byte-order mark, white space, an XML declaration, comments and a doctype.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const rest = head.replace(/^(?:\s+|<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, '');
  if (/^<svg[\s>]/i.test(rest)) return 'svg';
  return null;
}

export type LogoError = 'no_file' | 'empty' | 'too_large' | 'svg' | 'unsupported_image' | 'not_image' | 'too_many_pixels' | 'corrupt';

const FORMAT_NAME: Record<Exclude<SniffedFormat, null>, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  svg: 'SVG',
  gif: 'GIF',
  bmp: 'BMP',
  tiff: 'TIFF',
  heif: 'HEIC/HEIF',
  avif: 'AVIF',
  ico: 'ICO',
  pdf: 'PDF',
};

const ACCEPTED = '请上传 PNG（可带透明背景）、JPEG 或 WebP 格式的区徽图片';
const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export interface LogoRefusal {
  ok: false;
  error: LogoError;
  message: string;
}
export type LogoCheck = { ok: true; format: LogoFormat } | LogoRefusal;

const refuse = (error: LogoError, message: string): LogoRefusal => ({ ok: false, error, message });

/** Judges an uploaded file by its size and its first bytes. `name` only tells "no file chosen" from an empty file. */
export function checkLogoFile({ name, bytes }: { name: string; bytes: Uint8Array }): LogoCheck {
  if (bytes.length === 0) return name ? refuse('empty', `文件“${name}”是空的（0 字节），${ACCEPTED}。`) : refuse('no_file', `请先选择文件：${ACCEPTED}。`);
  if (bytes.length > LOGO_MAX_BYTES) return refuse('too_large', `文件太大（${megabytes(bytes.length)}），区徽图片不能超过 2 MB。`);
  const format = sniffImageFormat(bytes);
  if (format === 'svg') return refuse('svg', `不接受 SVG 矢量图（它可以带脚本和外部引用，各处显示也不一致）：请导出为 PNG 后上传。`);
  if (format === 'png' || format === 'jpeg' || format === 'webp') return { ok: true, format };
  if (format) return refuse('unsupported_image', `不支持 ${FORMAT_NAME[format]} 格式：${ACCEPTED}。`);
  return refuse('not_image', `这不是图片文件：${ACCEPTED}。`);
}

/** The pixel limit, checked from the image header before anything is decoded. */
export function checkLogoPixels(width: number, height: number): LogoRefusal | null {
  if (width * height <= LOGO_MAX_PIXELS) return null;
  const mp = Math.round((width * height) / 1e6);
  return refuse('too_many_pixels', `图片尺寸过大（${width}×${height}，约 ${mp} 百万像素），区徽图片不能超过 2500 万像素。`);
}

/** For bytes that start like an image but do not decode. */
export const LOGO_CORRUPT: LogoRefusal = { ok: false, error: 'corrupt', message: '图片文件已损坏或不完整，无法读取：请重新导出后上传。' };

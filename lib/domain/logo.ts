/**
 * The district logo (区徽) as an upload: which files are accepted, judged from their bytes and never
 * from their name, and the Chinese message for each refusal. Pure: decoding and re-encoding live in
 * lib/signboards/logo.ts.
 */
import { sniffImageType, type UnsupportedFormat } from './photo';

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_MAX_PIXELS = 25_000_000;
/** The stored logo fits within this many pixels a side: ~325 dpi at the ~8 cm it is printed on a board. */
export const LOGO_MAX_EDGE = 1024;

export const LOGO_FORMATS = ['png', 'jpeg', 'webp'] as const;
export type LogoFormat = (typeof LOGO_FORMATS)[number];

export type LogoError = 'no_file' | 'empty' | 'too_large' | 'svg' | 'unsupported_image' | 'not_image' | 'too_many_pixels' | 'corrupt';

const FORMAT_NAME: Record<UnsupportedFormat | 'heic', string> = {
  gif: 'GIF',
  bmp: 'BMP',
  tiff: 'TIFF',
  heic: 'HEIC/HEIF',
  avif: 'AVIF',
  jxl: 'JPEG XL',
  psd: 'PSD',
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
  // The same sniffer as 随手拍 photos: one idea of what a file is, from its bytes.
  const type = sniffImageType(bytes);
  if (type.kind === 'svg') return refuse('svg', `不接受 SVG 矢量图（它可以带脚本和外部引用，各处显示也不一致）：请导出为 PNG 后上传。`);
  if (type.kind === 'accepted') return { ok: true, format: type.format };
  if (type.kind === 'heic' || type.kind === 'unsupported') return refuse('unsupported_image', `不支持 ${FORMAT_NAME[type.kind === 'heic' ? 'heic' : type.format]} 格式：${ACCEPTED}。`);
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

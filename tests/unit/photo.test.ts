/** lib/domain/photo: file types from magic numbers, GPS validity, and the Chinese refusal messages. */
import { describe, expect, it } from 'vitest';
import { displayName, formatMegabytes, formatPixels, photoErrorMessage, sniffImageType, validGps, type PhotoErrorCode } from '@/lib/domain/photo';

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
/** An ISO base media ftyp box with the given major and compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], compatible.join(''), new Array(32).fill(0));
};
const bmpHeader = (dib: number) => {
  const b = Buffer.alloc(54);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(dib, 14);
  return b;
};

describe('sniffImageType', () => {
  it.each([
    ['JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), { kind: 'accepted', format: 'jpeg' }],
    ['JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'), { kind: 'accepted', format: 'jpeg' }],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), { kind: 'accepted', format: 'png' }],
    ['WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), { kind: 'accepted', format: 'webp' }],
    ['RIFF that is not WebP (WAV)', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), { kind: 'unknown' }],
    ['iPhone HEIC', ftyp('heic', 'mif1', 'heic'), { kind: 'heic' }],
    ['HEIC with 10-bit brand', ftyp('heix', 'mif1', 'heix'), { kind: 'heic' }],
    ['HEIF generic major brand mif1', ftyp('mif1', 'mif1', 'heic'), { kind: 'heic' }],
    ['HEIF image sequence msf1', ftyp('msf1', 'msf1', 'hevc'), { kind: 'heic' }],
    ['bare mif1', ftyp('mif1'), { kind: 'heic' }],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), { kind: 'unsupported', format: 'avif' }],
    ['AVIF under a mif1 major brand', ftyp('mif1', 'avif', 'miaf'), { kind: 'unsupported', format: 'avif' }],
    ['MP4 video', ftyp('isom', 'iso2', 'mp41'), { kind: 'unknown' }],
    ['QuickTime video', ftyp('qt  ', 'qt  '), { kind: 'unknown' }],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), { kind: 'unsupported', format: 'gif' }],
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), { kind: 'unsupported', format: 'gif' }],
    ['TIFF little-endian', bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), { kind: 'unsupported', format: 'tiff' }],
    ['TIFF big-endian', bytes([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]), { kind: 'unsupported', format: 'tiff' }],
    ['BMP (BITMAPINFOHEADER)', bmpHeader(40), { kind: 'unsupported', format: 'bmp' }],
    ['BMP (V5 header)', bmpHeader(124), { kind: 'unsupported', format: 'bmp' }],
    ['text starting with BM', Buffer.from('BMW 停在人行道上，占道很久了。'), { kind: 'unknown' }],
    ['JPEG XL codestream', bytes([0xff, 0x0a, 0, 0]), { kind: 'unsupported', format: 'jxl' }],
    ['Photoshop', bytes('8BPS', [0, 1]), { kind: 'unsupported', format: 'psd' }],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), { kind: 'svg' }],
    ['SVG after whitespace and a BOM', Buffer.from('\uFEFF\n  <svg width="1"></svg>'), { kind: 'svg' }],
    ['SVG after a comment', Buffer.from('<!-- made by hand -->\n<svg></svg>'), { kind: 'svg' }],
    ['XML prolog', Buffer.from('<?xml version="1.0" encoding="UTF-8"?><root/>'), { kind: 'svg' }],
    ['SVG DOCTYPE', Buffer.from('<!DOCTYPE svg><svg/>'), { kind: 'svg' }],
    ['UTF-16 SVG', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<svg></svg>', 'utf16le')]), { kind: 'svg' }],
    ['HTML page', Buffer.from('<!doctype html><html><body>hi</body></html>'), { kind: 'unknown' }],
    ['plain text', Buffer.from('这不是图片'), { kind: 'unknown' }],
    ['PDF', Buffer.from('%PDF-1.7\n'), { kind: 'unknown' }],
    ['ZIP', bytes([0x50, 0x4b, 0x03, 0x04]), { kind: 'unknown' }],
    ['one byte', bytes([0xff]), { kind: 'unknown' }],
    ['zero bytes', Buffer.alloc(0), { kind: 'empty' }],
  ])('%s', (_label, input, expected) => {
    expect(sniffImageType(input)).toEqual(expected);
  });
});

describe('validGps', () => {
  it.each([
    [30.5868, 114.2972, { lat: 30.5868, lng: 114.2972 }],
    [-33.8568, 151.2153, { lat: -33.8568, lng: 151.2153 }],
    [90, 180, { lat: 90, lng: 180 }],
    [-90, -180, { lat: -90, lng: -180 }],
    [0, 114.3, { lat: 0, lng: 114.3 }],
    [0, 0, null],
    [90.0001, 114, null],
    [30, -180.5, null],
    [Number.NaN, 114, null],
    [30, Number.POSITIVE_INFINITY, null],
    ['30', 114, null],
    [undefined, undefined, null],
  ])('(%s, %s) → %j', (lat, lng, expected) => {
    expect(validGps(lat, lng)).toEqual(expected);
  });
});

describe('displayName', () => {
  it('keeps an ordinary name', () => expect(displayName('IMG_1234.HEIC')).toBe('IMG_1234.HEIC'));
  it('drops a path', () => expect(displayName('C:\\fakepath\\微信图片_2026.jpg')).toBe('微信图片_2026.jpg'));
  it('drops control and bidi characters', () => expect(displayName('a\u0000b\u202e.jpg\n')).toBe('ab.jpg'));
  it('shortens an endless name, keeping its ending', () => {
    const shown = displayName(`${'很长的名字'.repeat(20)}.jpg`)!;
    expect([...shown].length).toBeLessThanOrEqual(36);
    expect(shown.endsWith('.jpg')).toBe(true);
    expect(shown).toContain('…');
  });
  it('gives nothing for an empty or blank name', () => {
    expect(displayName('')).toBeUndefined();
    expect(displayName(' \u200b ')).toBeUndefined();
    expect(displayName(undefined)).toBeUndefined();
  });
});

describe('formatting', () => {
  it.each([
    [10 * 1024 * 1024, '10 MB'],
    [30 * 1024 * 1024, '30 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
    [12.4 * 1024 * 1024, '12 MB'],
  ])('%d bytes → %s', (n, text) => expect(formatMegabytes(n)).toBe(text));

  it.each([
    [60_000_000, '6000 万'],
    [100_000_000, '1 亿'],
    [250_000_000, '2.5 亿'],
    [12_192_768, '1219 万'],
    [60_000, '6 万'],
  ])('%d pixels → %s', (n, text) => expect(formatPixels(n)).toBe(text));
});

describe('photoErrorMessage', () => {
  const codes: PhotoErrorCode[] = ['empty', 'too_large', 'heic', 'svg', 'not_image', 'unsupported', 'truncated', 'too_many_pixels'];

  it.each(codes)('%s: a Chinese sentence that names the file', (code) => {
    const message = photoErrorMessage(code, { name: 'IMG_9.jpg' });
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).toContain('“IMG_9.jpg”');
    expect(message).toMatch(/。$/);
  });

  it.each(codes)('%s: reads well without a name', (code) => {
    const message = photoErrorMessage(code);
    expect(message).toMatch(/^(这张照片|这个文件)/);
    expect(message).not.toContain('undefined');
  });

  it('gives the HEIC advice word for word', () => {
    expect(photoErrorMessage('heic', { name: 'IMG_1234.HEIC' })).toBe('照片“IMG_1234.HEIC”是 HEIC 格式，暂不支持。请在相机设置里选择“兼容性最佳”，或截图后再上传。');
  });

  it('says the size and the limit in MB', () => {
    expect(photoErrorMessage('too_large', { name: 'a.jpg', bytes: 30 * 1024 * 1024, maxBytes: 10 * 1024 * 1024 })).toBe(
      '照片“a.jpg”有 30 MB，超过了单张 10 MB 的上限。请压缩或截图后再上传。',
    );
  });

  it('says the pixel size and the limit', () => {
    expect(photoErrorMessage('too_many_pixels', { name: 'b.png', width: 10_000, height: 10_000, maxPixels: 60_000_000 })).toBe(
      '照片“b.png”的尺寸过大（10000×10000，约 1 亿像素），超过了 6000 万像素的上限。请缩小或截图后再上传。',
    );
  });

  it('names an unsupported format and the accepted ones', () => {
    expect(photoErrorMessage('unsupported', { name: 'c.gif', format: 'gif' })).toBe('照片“c.gif”是 GIF 格式，暂不支持。请上传 JPEG、PNG 或 WebP 格式的照片。');
  });
});

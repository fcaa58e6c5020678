import { describe, expect, it } from 'vitest';
import { checkLogoFile, checkLogoPixels, LOGO_MAX_BYTES } from '@/lib/domain/logo';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], '\0\0\0\rIHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], '\0\x10JFIF');
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');

describe('checkLogoFile', () => {
  it('accepts PNG, JPEG and WebP by their bytes, whatever the name says', () => {
    expect(checkLogoFile({ name: 'emblem.txt', bytes: PNG })).toEqual({ ok: true, format: 'png' });
    expect(checkLogoFile({ name: 'emblem.png', bytes: JPEG })).toEqual({ ok: true, format: 'jpeg' });
    expect(checkLogoFile({ name: '', bytes: WEBP })).toEqual({ ok: true, format: 'webp' });
  });

  it('calls a text file named .png “not an image”', () => {
    const r = checkLogoFile({ name: 'logo.png', bytes: bytes('hello, this is text') });
    expect(r).toMatchObject({ ok: false, error: 'not_image' });
    expect(!r.ok && r.message).toContain('这不是图片文件');
  });

  it('refuses SVG with its own message', () => {
    const r = checkLogoFile({ name: 'logo.png', bytes: bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>') });
    expect(r).toMatchObject({ ok: false, error: 'svg' });
    expect(!r.ok && r.message).toContain('不接受 SVG');
  });

  it('names another image format it does not take', () => {
    const r = checkLogoFile({ name: 'a.gif', bytes: bytes('GIF89a') });
    expect(r).toMatchObject({ ok: false, error: 'unsupported_image' });
    expect(!r.ok && r.message).toContain('不支持 GIF 格式');
    const heic = checkLogoFile({ name: 'IMG_1.HEIC', bytes: bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic') });
    expect(!heic.ok && heic.message).toContain('不支持 HEIC/HEIF 格式');
  });

  it('tells an empty file from no file chosen', () => {
    const empty = checkLogoFile({ name: 'logo.png', bytes: new Uint8Array() });
    expect(empty).toMatchObject({ ok: false, error: 'empty' });
    expect(!empty.ok && empty.message).toContain('0 字节');
    expect(!empty.ok && empty.message).toContain('logo.png');
    expect(checkLogoFile({ name: '', bytes: new Uint8Array() })).toMatchObject({ ok: false, error: 'no_file' });
  });

  it('takes exactly 2 MB and refuses one byte more, saying how big it is', () => {
    const atLimit = new Uint8Array(LOGO_MAX_BYTES);
    atLimit.set(PNG);
    expect(checkLogoFile({ name: 'a.png', bytes: atLimit }).ok).toBe(true);
    const over = new Uint8Array(LOGO_MAX_BYTES + 1);
    over.set(PNG);
    const r = checkLogoFile({ name: 'a.png', bytes: over });
    expect(r).toMatchObject({ ok: false, error: 'too_large' });
    expect(!r.ok && r.message).toContain('不能超过 2 MB');
    expect(!r.ok && r.message).toContain('2.0 MB');
  });
});

describe('checkLogoPixels', () => {
  it('allows 25 megapixels and refuses more, with the size in the message', () => {
    expect(checkLogoPixels(5000, 5000)).toBeNull();
    const r = checkLogoPixels(6000, 5000);
    expect(r).toMatchObject({ ok: false, error: 'too_many_pixels' });
    expect(r?.message).toContain('6000×5000');
    expect(r?.message).toContain('2500 万像素');
  });
});

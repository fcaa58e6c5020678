/** The 随手拍 photo pipeline on real sharp: every bad input the issue lists gets its code and a Chinese message; good photos come out upright, stripped, JPEG. */
import { beforeAll, describe, expect, it } from 'vitest';
import exifr from 'exifr';
import sharp from 'sharp';
import { SETTING_DEFAULTS } from '@/lib/domain/settings';
import { processReportPhoto, readPhotoGps, type PhotoLimits, type PhotoResult, type ProcessedPhoto } from '@/lib/media/pipeline';

const limits: PhotoLimits = { maxBytes: SETTING_DEFAULTS['report.maxPhotoBytes'], maxPixels: SETTING_DEFAULTS['report.maxPhotoPixels'] };
const CJK = /[\u4e00-\u9fff]/;

// 30°35'12.34"N 114°17'50"E, written the way a phone's camera writes it (GPS IFD, rationals).
const GPS_IFD = { GPSLatitudeRef: 'N', GPSLatitude: '30/1 35/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '114/1 17/1 5000/100' };
const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>市民</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';

/**
 * A stored-sideways phone photo: 2400×1800 pixels, left half red, right half blue, a green band along the
 * top, with EXIF orientation 6 (rotate 90° clockwise to view), GPS, XMP and a Display P3 ICC profile.
 * Upright it is 1800×2400: red on top, blue below, the green band down the right edge.
 */
async function sidewaysJpeg(gps: Record<string, string> = GPS_IFD): Promise<Buffer> {
  const width = 2400;
  const height = 1800;
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (y < 300) px[i + 1] = 255;
      else if (x < 1200) px[i] = 255;
      else px[i + 2] = 255;
    }
  }
  return sharp(px, { raw: { width, height, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'TestPhone', Model: 'Camera 1' }, IFD3: gps })
    .withXmp(XMP)
    .withIccProfile('p3')
    .jpeg({ quality: 90 })
    .toBuffer();
}

const solid = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } });

async function expectRefused(result: PhotoResult, code: string, name: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  expect(result.message).toMatch(CJK);
  expect(result.message).toContain(`“${name}”`);
}

function accepted(result: PhotoResult): ProcessedPhoto {
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
  return result.photo;
}

async function pixel(jpeg: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

/** Close to a pure primary after JPEG compression. */
function dominant([r, g, b]: [number, number, number]): 'red' | 'green' | 'blue' | 'other' {
  if (r > 200 && g < 70 && b < 70) return 'red';
  if (g > 200 && r < 70 && b < 70) return 'green';
  if (b > 200 && r < 70 && g < 70) return 'blue';
  return 'other';
}

let sideways: Buffer;
beforeAll(async () => {
  sideways = await sidewaysJpeg();
});

describe('a phone photo stored sideways with EXIF, GPS, XMP and ICC', () => {
  it('is sanity-checked: the fixture really carries orientation 6, GPS, XMP and ICC', async () => {
    const meta = await sharp(sideways).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 2400, height: 1800, orientation: 6 });
    expect(meta.xmp).toBeDefined();
    expect(meta.icc).toBeDefined();
    const gps = await exifr.gps(sideways);
    expect(gps.latitude).toBeCloseTo(30.586761, 5);
  });

  it('comes out upright: dimensions swapped and the pixels where the viewer saw them', async () => {
    const photo = accepted(await processReportPhoto(sideways, { readLocation: false, limits, name: 'IMG_0001.JPG' }));
    expect(photo.large).toMatchObject({ width: 1200, height: 1600, contentType: 'image/jpeg' });
    expect(photo.thumb).toMatchObject({ width: 300, height: 400, contentType: 'image/jpeg' });
    expect(photo.source).toEqual({ format: 'jpeg', width: 1800, height: 2400, bytes: sideways.length });
    expect(dominant(await pixel(photo.large.data, 100, 300))).toBe('red');
    expect(dominant(await pixel(photo.large.data, 100, 1300))).toBe('blue');
    expect(dominant(await pixel(photo.large.data, 1150, 800))).toBe('green');
    expect(dominant(await pixel(photo.thumb.data, 25, 75))).toBe('red');
    expect(dominant(await pixel(photo.thumb.data, 25, 325))).toBe('blue');
    expect(dominant(await pixel(photo.thumb.data, 290, 200))).toBe('green');
  });

  it('keeps no EXIF, GPS, XMP or ICC in either output, and both are progressive sRGB JPEG', async () => {
    const photo = accepted(await processReportPhoto(sideways, { readLocation: true, limits, name: 'IMG_0001.JPG' }));
    for (const out of [photo.large.data, photo.thumb.data]) {
      expect([...out.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      const meta = await sharp(out).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.space).toBe('srgb');
      expect(meta.channels).toBe(3);
      expect(meta.isProgressive).toBe(true);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(await exifr.parse(out, { gps: true, xmp: true })).toBeUndefined();
      expect(out.includes(Buffer.from('TestPhone'))).toBe(false);
    }
  });

  it('reads the location when the citizen allows it', async () => {
    const photo = accepted(await processReportPhoto(sideways, { readLocation: true, limits, name: 'IMG_0001.JPG' }));
    expect(photo.gps?.lat).toBeCloseTo(30 + 35 / 60 + 12.34 / 3600, 6);
    expect(photo.gps?.lng).toBeCloseTo(114 + 17 / 60 + 50 / 3600, 6);
  });

  it('does not read the location when the citizen did not allow it', async () => {
    const photo = accepted(await processReportPhoto(sideways, { readLocation: false, limits, name: 'IMG_0001.JPG' }));
    expect(photo.gps).toBeNull();
  });

  it('drops a 0,0 location, which phones write when they had no fix', async () => {
    const zero = await sidewaysJpeg({ GPSLatitudeRef: 'N', GPSLatitude: '0/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '0/1 0/1 0/1' });
    const photo = accepted(await processReportPhoto(zero, { readLocation: true, limits, name: 'IMG_0002.JPG' }));
    expect(photo.gps).toBeNull();
  });

  it('finds the location in just the first bytes of the original, as a shrinking browser sends them', async () => {
    const head = sideways.subarray(0, 4096);
    expect(sideways.length).toBeGreaterThan(4 * head.length);
    expect((await processReportPhoto(head, { readLocation: true, limits, name: 'head.jpg' })).ok).toBe(false); // not a photo by itself
    const gps = await readPhotoGps(head);
    expect(gps?.lat).toBeCloseTo(30.586761, 5);
    expect(gps?.lng).toBeCloseTo(114.297222, 5);
  });

  it('reads no location from bytes without EXIF, and never throws for junk', async () => {
    expect(await readPhotoGps(await solid(100, 100, '#000000').jpeg().toBuffer())).toBeNull();
    expect(await readPhotoGps(Buffer.from('not a photo at all'))).toBeNull();
    expect(await readPhotoGps(Buffer.alloc(0))).toBeNull();
    expect(await readPhotoGps(sideways.subarray(0, 40))).toBeNull();
  });

  it('gives the same bytes for the same upload, so content-hash dedup finds it', async () => {
    const a = accepted(await processReportPhoto(sideways, { readLocation: true, limits }));
    const b = accepted(await processReportPhoto(Buffer.from(sideways), { readLocation: false, limits, name: 'copy.jpg' }));
    expect(a.large.data.equals(b.large.data)).toBe(true);
    expect(a.thumb.data.equals(b.thumb.data)).toBe(true);
  });
});

describe('accepted formats, told from the bytes', () => {
  it('takes a PNG (even named .jpg) and returns JPEG', async () => {
    const png = await solid(800, 600, '#3366cc').png().toBuffer();
    const photo = accepted(await processReportPhoto(png, { readLocation: true, limits, name: 'screenshot.jpg' }));
    expect((await sharp(photo.large.data).metadata()).format).toBe('jpeg');
    expect(photo.large).toMatchObject({ width: 800, height: 600 });
    expect(photo.thumb).toMatchObject({ width: 400, height: 300 });
    expect(photo.source.format).toBe('png');
    expect(photo.gps).toBeNull();
  });

  it('takes a WebP and returns JPEG', async () => {
    const webp = await solid(2000, 1000, '#cc3333').webp().toBuffer();
    const photo = accepted(await processReportPhoto(webp, { readLocation: false, limits, name: 'wx_camera.webp' }));
    expect((await sharp(photo.thumb.data).metadata()).format).toBe('jpeg');
    expect(photo.large).toMatchObject({ width: 1600, height: 800 });
    expect(photo.thumb).toMatchObject({ width: 400, height: 200 });
    expect(photo.source.format).toBe('webp');
  });

  it('takes a JPEG whose name says HEIC: the name is not the type', async () => {
    const jpeg = await solid(640, 480, '#888888').jpeg().toBuffer();
    const photo = accepted(await processReportPhoto(jpeg, { readLocation: false, limits, name: 'IMG_1234.HEIC' }));
    expect(photo.source.format).toBe('jpeg');
  });

  it('never upscales a small picture', async () => {
    const small = await solid(300, 200, '#00aa00').png().toBuffer();
    const photo = accepted(await processReportPhoto(small, { readLocation: false, limits }));
    expect(photo.large).toMatchObject({ width: 300, height: 200 });
    expect(photo.thumb).toMatchObject({ width: 300, height: 200 });
  });

  it('puts a transparent PNG on white rather than black', async () => {
    const clear = await sharp({ create: { width: 120, height: 80, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const photo = accepted(await processReportPhoto(clear, { readLocation: false, limits }));
    expect(await pixel(photo.large.data, 60, 40)).toEqual([255, 255, 255]);
  });

  it('turns grayscale, 16-bit and CMYK input into 3-channel sRGB', async () => {
    const inputs = [
      await solid(200, 100, '#808080').toColourspace('b-w').png().toBuffer(),
      await solid(200, 100, '#336699').toColourspace('rgb16').png().toBuffer(),
      await solid(200, 100, '#336699').toColourspace('cmyk').jpeg().toBuffer(),
    ];
    for (const input of inputs) {
      const photo = accepted(await processReportPhoto(input, { readLocation: false, limits }));
      const meta = await sharp(photo.large.data).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', space: 'srgb', channels: 3, depth: 'uchar' });
      expect(meta.icc).toBeUndefined();
    }
  });
});

describe('refused inputs: a precise code and a Chinese sentence naming the file', () => {
  it('a text file renamed .jpg is not an image', async () => {
    const text = Buffer.from('这不是照片，只是一段文字。\nhello world\n', 'utf8');
    await expectRefused(await processReportPhoto(text, { readLocation: true, limits, name: 'notes.jpg' }), 'not_image', 'notes.jpg');
  });

  it('a zero-byte file is empty', async () => {
    await expectRefused(await processReportPhoto(Buffer.alloc(0), { readLocation: true, limits, name: 'IMG_0003.JPG' }), 'empty', 'IMG_0003.JPG');
  });

  it('a JPEG cut in half is truncated, not a thrown error', async () => {
    const half = sideways.subarray(0, sideways.length >> 1);
    await expectRefused(await processReportPhoto(half, { readLocation: true, limits, name: 'IMG_0004.JPG' }), 'truncated', 'IMG_0004.JPG');
  });

  it('a PNG or WebP cut short is truncated', async () => {
    const noise = Buffer.alloc(400 * 300 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    const png = await sharp(noise, { raw: { width: 400, height: 300, channels: 3 } }).png().toBuffer();
    const webp = await sharp(noise, { raw: { width: 400, height: 300, channels: 3 } }).webp().toBuffer();
    await expectRefused(await processReportPhoto(png.subarray(0, png.length >> 1), { readLocation: false, limits, name: 'a.png' }), 'truncated', 'a.png');
    await expectRefused(await processReportPhoto(webp.subarray(0, webp.length >> 1), { readLocation: false, limits, name: 'b.webp' }), 'truncated', 'b.webp');
  });

  it('a 100-megapixel PNG is refused by its pixel count and names the limit', async () => {
    const bomb = await solid(10_000, 10_000, '#777777').png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(limits.maxBytes); // small on disk: only the pixel count gives it away
    const result = await processReportPhoto(bomb, { readLocation: false, limits, name: 'bomb.png' });
    await expectRefused(result, 'too_many_pixels', 'bomb.png');
    expect(!result.ok && result.message).toContain('6000 万像素');
    // Cut in half it still says too many pixels, not truncated: the header is judged before any pixel is decoded.
    const half = await processReportPhoto(bomb.subarray(0, bomb.length >> 1), { readLocation: false, limits, name: 'bomb.png' });
    await expectRefused(half, 'too_many_pixels', 'bomb.png');
  });

  it('a JPEG whose header claims 65000×65000 is refused before decoding', async () => {
    const jpeg = Buffer.from(await solid(64, 64, '#123456').jpeg().toBuffer());
    const sof = jpeg.findIndex((b, i) => b === 0xff && (jpeg[i + 1] === 0xc0 || jpeg[i + 1] === 0xc2));
    expect(sof).toBeGreaterThan(0);
    jpeg.writeUInt16BE(65_000, sof + 5); // height
    jpeg.writeUInt16BE(65_000, sof + 7); // width
    await expectRefused(await processReportPhoto(jpeg, { readLocation: false, limits, name: 'big.jpg' }), 'too_many_pixels', 'big.jpg');
  });

  it('the pixel limit is inclusive: exactly the limit passes, one pixel fewer allowed refuses', async () => {
    const png = await solid(300, 200, '#445566').png().toBuffer();
    expect((await processReportPhoto(png, { readLocation: false, limits: { ...limits, maxPixels: 60_000 } })).ok).toBe(true);
    const refused = await processReportPhoto(png, { readLocation: false, limits: { ...limits, maxPixels: 59_999 }, name: 'x.png' });
    await expectRefused(refused, 'too_many_pixels', 'x.png');
  });

  it('a 30 MB file is too large and the message says the 10 MB limit', async () => {
    const huge = Buffer.alloc(30 * 1024 * 1024);
    sideways.copy(huge); // starts like a real JPEG: the size alone refuses it
    const result = await processReportPhoto(huge, { readLocation: true, limits, name: 'VID_0001.jpg' });
    await expectRefused(result, 'too_large', 'VID_0001.jpg');
    expect(!result.ok && result.message).toContain('10 MB');
    expect(!result.ok && result.message).toContain('30 MB');
  });

  it('exactly the byte limit is still accepted', async () => {
    const png = await solid(100, 100, '#abcdef').png().toBuffer();
    expect((await processReportPhoto(png, { readLocation: false, limits: { ...limits, maxBytes: png.length } })).ok).toBe(true);
    expect((await processReportPhoto(png, { readLocation: false, limits: { ...limits, maxBytes: png.length - 1 } })).ok).toBe(false);
  });

  it('an SVG is refused as svg, with or without an XML prolog', async () => {
    const svgs = [
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
      '\uFEFF<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
    ];
    for (const svg of svgs) {
      await expectRefused(await processReportPhoto(Buffer.from(svg), { readLocation: true, limits, name: 'logo.jpg' }), 'svg', 'logo.jpg');
    }
  });

  it('HEIC bytes get the HEIC advice, word for word', async () => {
    // A valid ftyp box as an iPhone writes it: major brand heic, compatible mif1 and heic.
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic'), Buffer.alloc(64)]);
    const result = await processReportPhoto(heic, { readLocation: true, limits, name: 'IMG_1234.HEIC' });
    expect(result).toEqual({
      ok: false,
      code: 'heic',
      message: '照片“IMG_1234.HEIC”是 HEIC 格式，暂不支持。请在相机设置里选择“兼容性最佳”，或截图后再上传。',
    });
    // Renamed to .jpg it is still HEIC.
    await expectRefused(await processReportPhoto(heic, { readLocation: true, limits, name: 'IMG_1234.jpg' }), 'heic', 'IMG_1234.jpg');
  });

  it('GIF, TIFF, AVIF and BMP are unsupported, naming the format and the accepted ones', async () => {
    const bmp = Buffer.alloc(54 + 4);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(bmp.length, 2);
    bmp.writeUInt32LE(54, 10);
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(1, 18);
    bmp.writeInt32LE(1, 22);
    bmp.writeUInt16LE(1, 26);
    bmp.writeUInt16LE(24, 28);
    const inputs: [string, Buffer, string][] = [
      ['anim.gif', await solid(40, 40, '#ff0000').gif().toBuffer(), 'GIF'],
      ['scan.tif', await solid(40, 40, '#ff0000').tiff().toBuffer(), 'TIFF'],
      ['photo.avif', await solid(40, 40, '#ff0000').avif().toBuffer(), 'AVIF'],
      ['paint.bmp', bmp, 'BMP'],
    ];
    for (const [name, bytes, label] of inputs) {
      const result = await processReportPhoto(bytes, { readLocation: false, limits, name });
      await expectRefused(result, 'unsupported', name);
      expect(!result.ok && result.message).toContain(label);
      expect(!result.ok && result.message).toContain('JPEG、PNG 或 WebP');
    }
  });

  it('without a name the message still reads as a sentence', async () => {
    const result = await processReportPhoto(Buffer.alloc(0), { readLocation: false, limits });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^这个文件是空的/);
  });
});

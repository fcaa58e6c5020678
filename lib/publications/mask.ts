/**
 * The privacy tool's server half: renders a pixelated derivative of a stored photo with sharp. Each
 * rectangle is shrunk to a few blocks and blown back up with nearest-neighbour, so what was under it
 * cannot be read back; the rest of the photo is left as it was. The output carries no metadata.
 */
import sharp from 'sharp';
import { maskBlockSize, type MaskRect } from '../domain/publication';

const JPEG_OPTIONS = { quality: 85, progressive: true } as const;

/** The pixelated JPEG of `input` (an already re-encoded, upright photo); rectangles must be checked first (checkMasks). */
export async function renderMasked(input: Buffer, rects: readonly MaskRect[]): Promise<{ data: Buffer; width: number; height: number }> {
  const base = sharp(input, { failOn: 'error' }).flatten({ background: '#ffffff' }).toColourspace('srgb');
  const { data: raw, info } = await base.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const rawOpts = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const overlays = await Promise.all(
    rects.map(async (r) => {
      const block = maskBlockSize(r);
      const small = await sharp(raw, rawOpts)
        .extract({ left: r.x, top: r.y, width: r.width, height: r.height })
        .resize({ width: Math.max(1, Math.ceil(r.width / block)), height: Math.max(1, Math.ceil(r.height / block)), fit: 'fill', kernel: 'cubic' })
        .toBuffer({ resolveWithObject: true });
      const input = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } })
        .resize({ width: r.width, height: r.height, fit: 'fill', kernel: 'nearest' })
        .png()
        .toBuffer();
      return { input, left: r.x, top: r.y };
    }),
  );
  const out = await sharp(raw, rawOpts).composite(overlays).jpeg(JPEG_OPTIONS).toBuffer({ resolveWithObject: true });
  return { data: out.data, width: out.info.width, height: out.info.height };
}

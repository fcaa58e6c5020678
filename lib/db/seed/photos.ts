/** Generated street photos for the demo district: abstract scenes drawn as SVG and encoded by sharp, no text. */
import sharp from 'sharp';
import type { Random } from './random';

export interface GeneratedPhoto {
  large: { data: Buffer; width: number; height: number };
  thumb: { data: Buffer; width: number; height: number };
}

const WIDTH = 1200;
const HEIGHT = 900;

/** A pavement scene with a "problem" in it (a heap, a broken slab, a pole) — enough to look like a photo in a list. */
function sceneSvg(rng: Random, fixed: boolean): string {
  const sky = rng.pick(['#9ec9f0', '#b8d4e8', '#c9d6df', '#e3e9ef']);
  const wall = rng.pick(['#d9cbb3', '#c7b299', '#e6dccb', '#b7a58c', '#cfc6bb']);
  const ground = rng.pick(['#8d8d8d', '#7a7a7a', '#9a948a', '#6f6f6f']);
  const horizon = rng.int(360, 480);
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="${sky}"/>`,
    `<rect y="${horizon - 260}" width="${WIDTH}" height="260" fill="${wall}"/>`,
  ];
  for (let x = rng.int(20, 80); x < WIDTH - 120; x += rng.int(180, 260)) {
    parts.push(`<rect x="${x}" y="${horizon - 210}" width="${rng.int(90, 140)}" height="${rng.int(110, 170)}" fill="#5b6b7a" opacity="0.8"/>`);
  }
  parts.push(`<polygon points="0,${horizon} ${WIDTH},${horizon} ${WIDTH},${HEIGHT} 0,${HEIGHT}" fill="${ground}"/>`);
  for (let i = 0; i < 14; i++) {
    const y = horizon + i * 36;
    parts.push(`<line x1="0" y1="${y}" x2="${WIDTH}" y2="${y + rng.int(-6, 6)}" stroke="#5e5e5e" stroke-width="2" opacity="0.5"/>`);
  }
  if (!fixed) {
    const cx = rng.int(300, 900);
    const cy = rng.int(horizon + 150, HEIGHT - 120);
    for (let i = 0; i < rng.int(8, 18); i++) {
      const color = rng.pick(['#3b7d3b', '#2f4f8f', '#b23a3a', '#e0b020', '#444', '#f2f2f2', '#7b4a2a']);
      parts.push(
        `<ellipse cx="${cx + rng.int(-160, 160)}" cy="${cy + rng.int(-60, 60)}" rx="${rng.int(25, 90)}" ry="${rng.int(20, 60)}" fill="${color}" opacity="0.9"/>`,
      );
    }
  } else {
    parts.push(`<rect x="${rng.int(200, 700)}" y="${horizon + 120}" width="260" height="16" fill="#f5f5f5" opacity="0.7"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${parts.join('')}</svg>`;
}

export async function generatePhoto(rng: Random, { fixed }: { fixed: boolean }): Promise<GeneratedPhoto> {
  const base = sharp(Buffer.from(sceneSvg(rng, fixed))).flatten({ background: '#ffffff' });
  const large = await base.clone().jpeg({ quality: 72, mozjpeg: true }).toBuffer();
  const thumb = await base.clone().resize({ width: 400 }).jpeg({ quality: 70, mozjpeg: true }).toBuffer();
  return { large: { data: large, width: WIDTH, height: HEIGHT }, thumb: { data: thumb, width: 400, height: 300 } };
}

/**
 * The board's SVG as a one-page vector PDF at physical size. satori's output is a small, fixed subset
 * of SVG — filled <rect>s and <path>s of absolute M/L/Q/C/Z commands, <g transform="translate()">,
 * <image>s with a data: URI (the district logo), and <mask>/<clipPath> definitions that on our boards
 * only ever repeat a box's own bounds — so it is translated straight into PDF path operators in a
 * one-page PDF written here (a page, one content stream, image XObjects, an info dictionary — the
 * whole format needed) and deflated on the thread pool, so the next board's layout can run meanwhile.
 * A general SVG engine (svg-to-pdfkit) took 4–6× longer on the same board. Anything outside that
 * subset is an error, caught by the tests, never a silently wrong print.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import sharp from 'sharp';

const deflate = promisify(zlib.deflate);

const POINTS_PER_CM = 72 / 2.54;

const num = (n: number) => (Math.round(n * 100) / 100).toString();

const NUMBER = /-?\d*\.?\d+(?:e[-+]?\d+)?/g;

/**
 * SVG path data (absolute M/L/H/V/Q/C/Z, as satori writes it) → PDF path operators. Coordinates of
 * moves and lines pass through as written; only curves are computed. Relative commands, arcs and
 * anything else throw.
 */
export function pathToPdfOps(d: string): string {
  const out: string[] = [];
  let x = 0;
  let y = 0;
  for (const seg of d.matchAll(/([A-Za-z])([^A-Za-z]*)/g)) {
    const cmd = seg[1]!;
    const args = seg[2]!.match(NUMBER) ?? [];
    switch (cmd) {
      case 'M':
      case 'L':
        for (let i = 0; i + 1 < args.length; i += 2) out.push(`${args[i]} ${args[i + 1]} ${cmd === 'M' && i === 0 ? 'm' : 'l'}`);
        x = Number(args[args.length - 2]);
        y = Number(args[args.length - 1]);
        break;
      case 'H':
        for (const a of args) out.push(`${a} ${y} l`);
        x = Number(args[args.length - 1]);
        break;
      case 'V':
        for (const a of args) out.push(`${x} ${a} l`);
        y = Number(args[args.length - 1]);
        break;
      case 'Q':
        // A quadratic Bézier is the cubic whose control points lie two thirds of the way to the quadratic one.
        for (let i = 0; i + 3 < args.length; i += 4) {
          const cx = Number(args[i]);
          const cy = Number(args[i + 1]);
          const ex = Number(args[i + 2]);
          const ey = Number(args[i + 3]);
          out.push(`${num(x + ((cx - x) * 2) / 3)} ${num(y + ((cy - y) * 2) / 3)} ${num(ex + ((cx - ex) * 2) / 3)} ${num(ey + ((cy - ey) * 2) / 3)} ${args[i + 2]} ${args[i + 3]} c`);
          x = ex;
          y = ey;
        }
        break;
      case 'C':
        for (let i = 0; i + 5 < args.length; i += 6) out.push(`${args.slice(i, i + 6).join(' ')} c`);
        x = Number(args[args.length - 2]);
        y = Number(args[args.length - 1]);
        break;
      case 'Z':
      case 'z':
        out.push('h');
        break;
      default:
        throw new Error(`unsupported SVG path command "${cmd}" in board drawing`);
    }
  }
  return out.join('\n');
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

function rgb(color: string | undefined): [number, number, number] | null {
  if (!color || color === 'none') return null;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (!hex) throw new Error(`unsupported colour "${color}" in board drawing`);
  const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
  return [0, 2, 4].map((k) => parseInt(h.slice(k, k + 2), 16) / 255) as [number, number, number];
}

const colorOp = (c: [number, number, number], op: 'rg' | 'RG') => `${c.map(num).join(' ')} ${op}`;

/** A PDF text string: UTF-16BE with a byte-order mark, hex-encoded (safe for any characters). */
function pdfText(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
}

/**
 * Takes embedded data: URIs out of an SVG: the SVG with `href="#embedded-N"` in their place, and the
 * URIs. A logo is most of a board's SVG by size; the regular expressions that read the rest need not
 * walk through its base64 (a 4 MB logo cost ~40 ms of regex per board).
 */
export function liftDataUris(svg: string): { svg: string; uris: string[] } {
  const uris: string[] = [];
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const start = svg.indexOf('href="data:', from);
    if (start < 0) break;
    const value = start + 'href="'.length;
    const end = svg.indexOf('"', value);
    if (end < 0) break;
    parts.push(svg.slice(from, value), `#embedded-${uris.length}`);
    uris.push(svg.slice(value, end));
    from = end;
  }
  if (uris.length === 0) return { svg, uris };
  parts.push(svg.slice(from));
  return { svg: parts.join(''), uris };
}

/** A raster image as PDF objects: 8-bit RGB, deflated, with its alpha as a soft mask when it has any. */
export interface PdfImage {
  width: number;
  height: number;
  rgb: Buffer;
  alpha: Buffer | null;
}

const DATA_URI = /^data:image\/(?:png|jpeg|webp);base64,([A-Za-z0-9+/=\s]+)$/;

/** Decodes an embedded image into deflated RGB and alpha planes. Only raster data: URIs: a board never links out. */
export async function pdfImage(href: string): Promise<PdfImage> {
  const m = DATA_URI.exec(href);
  if (!m) throw new Error(`unsupported image reference "${href.slice(0, 40)}…" in board drawing`);
  // 8-bit sRGB plus alpha whatever was embedded (grey, palette, 16-bit): four bytes a pixel.
  const { data, info } = await sharp(Buffer.from(m[1]!, 'base64')).toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new Error(`embedded image decoded to ${info.channels} channels, expected 4`);
  const pixels = info.width * info.height;
  const rgb = Buffer.allocUnsafe(pixels * 3);
  const alpha = Buffer.allocUnsafe(pixels);
  let opaque = true;
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    rgb[i * 3] = data[j]!;
    rgb[i * 3 + 1] = data[j + 1]!;
    rgb[i * 3 + 2] = data[j + 2]!;
    alpha[i] = data[j + 3]!;
    if (data[j + 3] !== 255) opaque = false;
  }
  const [rgbZ, alphaZ] = await Promise.all([deflate(rgb, { level: 6 }), opaque ? null : deflate(alpha, { level: 6 })]);
  return { width: info.width, height: info.height, rgb: rgbZ, alpha: alphaZ };
}

// The same logo is on every board: decode and deflate it once per process (keyed by its bytes, a pure cache).
const imageCache = new Map<string, Promise<PdfImage>>();
const IMAGE_CACHE_ENTRIES = 4;

function cachedPdfImage(href: string): Promise<PdfImage> {
  let image = imageCache.get(href);
  if (!image) {
    image = pdfImage(href);
    image.catch(() => imageCache.delete(href));
    imageCache.set(href, image);
    if (imageCache.size > IMAGE_CACHE_ENTRIES) imageCache.delete(imageCache.keys().next().value!);
  }
  return image;
}

export async function svgToPdf(svg: string, size: { widthCm: number; heightCm: number }, meta: { title: string }): Promise<Buffer> {
  const { svg: drawing, uris } = liftDataUris(svg);
  const root = attributes(/<svg\b([^>]*)>/.exec(drawing)?.[1] ?? '');
  const viewWidth = Number(root.width);
  const width = size.widthCm * POINTS_PER_CM;
  const height = size.heightCm * POINTS_PER_CM;
  const scale = width / viewWidth;
  // SVG's origin is top-left with y down; PDF's is bottom-left with y up.
  const ops: string[] = [`${num(scale)} 0 0 ${num(-scale)} 0 ${num(height)} cm`];
  const body = drawing.replace(/<(mask|defs|clipPath)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  const images: string[] = [];
  for (const m of body.matchAll(/<(\/?)([a-zA-Z]+)\b([^>]*?)(\/?)>/g)) {
    const [, closing, tag, rest] = m;
    if (tag === 'svg') continue;
    if (tag === 'g') {
      if (closing) ops.push('Q');
      else {
        ops.push('q');
        const t = /translate\(([-\d.]+)[ ,]+([-\d.]+)\)/.exec(attributes(rest!).transform ?? '');
        if (t) ops.push(`1 0 0 1 ${t[1]} ${t[2]} cm`);
      }
      continue;
    }
    if (closing) continue;
    const a = attributes(rest!);
    if (tag === 'image') {
      const ref = a.href ?? a['xlink:href'] ?? '';
      const href = /^#embedded-\d+$/.test(ref) ? uris[Number(ref.slice('#embedded-'.length))]! : ref;
      let n = images.indexOf(href);
      if (n < 0) n = images.push(href) - 1;
      // The image's unit square, flipped back: its first row is drawn at the box's top.
      const [x, y, w, h] = [a.x, a.y, a.width, a.height].map((v) => Number(v ?? 0)) as [number, number, number, number];
      ops.push('q', `${num(w)} 0 0 ${num(-h)} ${num(x)} ${num(y + h)} cm`, `/Im${n} Do`, 'Q');
      continue;
    }
    const fill = rgb(a.fill ?? '#000000');
    const stroke = rgb(a.stroke);
    let shape: string;
    if (tag === 'rect') shape = `${num(Number(a.x ?? 0))} ${num(Number(a.y ?? 0))} ${num(Number(a.width))} ${num(Number(a.height))} re`;
    else if (tag === 'path') shape = pathToPdfOps(a.d ?? '');
    else throw new Error(`unsupported SVG element <${tag}> in board drawing`);
    if (fill) ops.push(colorOp(fill, 'rg'), shape, 'f');
    if (stroke) ops.push(colorOp(stroke, 'RG'), `${num(Number(a['stroke-width'] ?? 1))} w`, shape, 'S');
  }
  // Level 2: a third faster than the default 6 for ~12 % more bytes; a print shop does not notice either.
  const [content, pictures] = await Promise.all([deflate(Buffer.from(ops.join('\n'), 'latin1'), { level: 2 }), Promise.all(images.map(cachedPdfImage))]);

  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const write = (part: string | Buffer) => {
    const b = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    chunks.push(b);
    length += b.length;
  };
  const object = (n: number, text: string) => {
    offsets[n] = length;
    write(`${n} 0 obj\n${text}\nendobj\n`);
  };
  const stream = (n: number, dict: string, data: Buffer) => {
    offsets[n] = length;
    write(`${n} 0 obj\n<< ${dict ? `${dict} ` : ''}/Length ${data.length} /Filter /FlateDecode >>\nstream\n`);
    write(data);
    write('\nendstream\nendobj\n');
  };
  // Objects 1–5 as before; each image takes the next number, its soft mask the one after.
  const imageObjects: number[] = [];
  let next = 6;
  for (const p of pictures) {
    imageObjects.push(next);
    next += p.alpha ? 2 : 1;
  }
  const xobjects = pictures.length ? ` /XObject << ${imageObjects.map((n, i) => `/Im${i} ${n} 0 R`).join(' ')} >>` : '';
  write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(width)} ${num(height)}] /Contents 4 0 R /Resources <<${xobjects} >> >>`);
  stream(4, '', content);
  object(5, `<< /Title ${pdfText(meta.title)} /Creator ${pdfText('路长通')} /Producer ${pdfText('路长通')} >>`);
  pictures.forEach((p, i) => {
    const n = imageObjects[i]!;
    const image = `/Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /BitsPerComponent 8`;
    stream(n, `${image} /ColorSpace /DeviceRGB${p.alpha ? ` /SMask ${n + 1} 0 R` : ''}`, p.rgb);
    if (p.alpha) stream(n + 1, `${image} /ColorSpace /DeviceGray`, p.alpha);
  });
  const xref = length;
  write(`xref\n0 ${next}\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  write(`trailer\n<< /Size ${next} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}

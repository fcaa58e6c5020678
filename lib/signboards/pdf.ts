/**
 * The board's SVG as a one-page vector PDF at physical size. satori's output is a small, fixed subset
 * of SVG — filled <rect>s and <path>s of absolute M/L/Q/C/Z commands, <g transform="translate()">,
 * and <mask>/<clipPath> definitions it never applies to our boards — so it is translated straight into
 * PDF path operators; a general SVG engine (svg-to-pdfkit) took 4–6× longer on the same board.
 * Anything outside that subset is an error, caught by the tests, never a silently wrong print.
 */
import PDFDocument from 'pdfkit';

const POINTS_PER_CM = 72 / 2.54;

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/** SVG path data (absolute M/L/Q/C/Z, as satori writes it) → PDF path operators. */
export function pathToPdfOps(d: string): string {
  const tokens = d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?|[A-Za-z]/g) ?? [];
  const out: string[] = [];
  let i = 0;
  let x = 0;
  let y = 0;
  let cmd = '';
  const next = () => Number(tokens[i++]);
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (/^[A-Za-z]$/.test(t)) {
      cmd = t;
      i++;
      if (cmd === 'Z' || cmd === 'z') {
        out.push('h');
        continue;
      }
    }
    switch (cmd) {
      case 'M':
        x = next();
        y = next();
        out.push(`${num(x)} ${num(y)} m`);
        cmd = 'L'; // further pairs after M are line-tos
        break;
      case 'L':
        x = next();
        y = next();
        out.push(`${num(x)} ${num(y)} l`);
        break;
      case 'H':
        x = next();
        out.push(`${num(x)} ${num(y)} l`);
        break;
      case 'V':
        y = next();
        out.push(`${num(x)} ${num(y)} l`);
        break;
      case 'Q': {
        // A quadratic Bézier is the cubic with control points two thirds of the way to the quadratic one.
        const cx = next();
        const cy = next();
        const ex = next();
        const ey = next();
        out.push(
          `${num(x + ((cx - x) * 2) / 3)} ${num(y + ((cy - y) * 2) / 3)} ${num(ex + ((cx - ex) * 2) / 3)} ${num(ey + ((cy - ey) * 2) / 3)} ${num(ex)} ${num(ey)} c`,
        );
        x = ex;
        y = ey;
        break;
      }
      case 'C': {
        const c = [next(), next(), next(), next(), next(), next()];
        out.push(`${c.map(num).join(' ')} c`);
        x = c[4]!;
        y = c[5]!;
        break;
      }
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

export function svgToPdf(svg: string, size: { widthCm: number; heightCm: number }, meta: { title: string }): Promise<Buffer> {
  const root = attributes(/<svg\b([^>]*)>/.exec(svg)?.[1] ?? '');
  const viewWidth = Number(root.width);
  const width = size.widthCm * POINTS_PER_CM;
  const height = size.heightCm * POINTS_PER_CM;
  const doc = new PDFDocument({ size: [width, height], margin: 0, compress: true, info: { Title: meta.title, Creator: '路长通' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.scale(width / viewWidth);
  const body = svg.replace(/<(mask|defs|clipPath)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  const ops: string[] = [];
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
    const fill = rgb(a.fill ?? '#000000');
    const stroke = rgb(a.stroke);
    let shape: string;
    if (tag === 'rect') shape = `${num(Number(a.x ?? 0))} ${num(Number(a.y ?? 0))} ${num(Number(a.width))} ${num(Number(a.height))} re`;
    else if (tag === 'path') shape = pathToPdfOps(a.d ?? '');
    else throw new Error(`unsupported SVG element <${tag}> in board drawing`);
    if (fill) ops.push(colorOp(fill, 'rg'), shape, 'f');
    if (stroke) ops.push(colorOp(stroke, 'RG'), `${num(Number(a['stroke-width'] ?? 1))} w`, shape, 'S');
  }
  doc.addContent(ops.join('\n'));
  doc.end();
  return done;
}

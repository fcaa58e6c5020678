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

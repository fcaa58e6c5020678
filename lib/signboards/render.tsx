/**
 * Draws a 路长公示牌 with satori (the engine behind next/og): JSX → SVG with every glyph as a vector
 * path from Noto Sans SC, then the QR code as vector modules, then PNG (sharp/librsvg) or PDF at the board's
 * physical size (./pdf.ts). One drawing, three outputs; 1 SVG unit = 1 mm.
 */
import sharp from 'sharp';
import type { ReactNode } from 'react';
import satori from 'satori';
import { fitLogo, fitText, textWidthEm, type BoardContent, type BoardTemplate } from '../domain/signboard';
import { boardFonts } from './fonts';
import { liftDataUris } from './pdf';
import { qrSvgPath } from './qr';

export interface BoardSize {
  template: BoardTemplate;
  widthCm: number;
  heightCm: number;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Fixed geometry of a template at a size (mm). The QR box is absolute so the vector QR can be placed exactly. */
export function boardLayout({ template, widthCm, heightCm }: BoardSize) {
  const W = Math.round(widthCm * 10);
  const H = Math.round(heightCm * 10);
  const unit = Math.min(W, H) / 800; // type scale: 1 at a 120×80 cm board
  const pad = Math.round(24 * unit);
  const header = Math.round(H * 0.14);
  const footer = Math.round(H * 0.085);
  if (template === 'landscape') {
    const side = Math.round(W * 0.29);
    const qrSize = Math.round(Math.min(side - 2 * pad, H * 0.36));
    const qr: Box = { left: W - pad - side + Math.round((side - qrSize) / 2), top: header + pad * 2 + Math.round(95 * unit), width: qrSize, height: qrSize };
    return { W, H, unit, pad, header, footer, side, qr, single: false };
  }
  const qrSize = Math.round(Math.min(W * 0.36, H * 0.2));
  const qr: Box = { left: pad, top: H - footer - pad - qrSize - Math.round(34 * unit), width: qrSize, height: qrSize };
  return { W, H, unit, pad, header, footer, side: 0, qr, single: true };
}

/**
 * The header's left part: the logo (when there is one) and the title beside it. The logo is at most
 * 72 % of the header's height (8 cm on a 120×80 board) and gives up width before the title does; the
 * title is fitted into what is left between it and the district/code block, so nothing can overlap.
 * Without a logo the title box is exactly what it was before logos existed.
 */
export function boardHeader(content: Pick<BoardContent, 'title' | 'districtName' | 'segmentCode' | 'logo'>, size: BoardSize) {
  const { W, unit, pad, header } = boardLayout(size);
  const u = (n: number) => Math.round(n * unit * 10) / 10;
  if (!content.logo) {
    const titleFit = fitText(content.title, { width: W * 0.45, height: header * 0.8 }, { max: u(78), min: u(30), maxLines: 1 });
    return { logo: null, gap: 0, titleLeft: pad, titleWidth: W * 0.45, titleFit };
  }
  const rightWidth = Math.max(textWidthEm(content.districtName), textWidthEm(`路段编号 ${content.segmentCode}`)) * u(30);
  const free = W - 2 * pad - rightWidth - pad;
  const gap = u(20);
  const fit = fitLogo(content.logo, { width: Math.min(header * 1.8, free * 0.4), height: header * 0.72 });
  // Whole millimetres, as satori's layout rounds them: the box computed is the box drawn.
  const width = Math.max(1, Math.round(fit.width));
  const height = Math.max(1, Math.round(fit.height));
  const logo: Box = { left: pad, top: Math.round((header - height) / 2), width, height };
  // The title is spaced 8 % wider than its glyphs: leave room for that.
  const titleWidth = Math.min(W * 0.45, (free - logo.width - gap) / 1.08);
  const titleFit = fitText(content.title, { width: titleWidth, height: header * 0.8 }, { max: u(78), min: u(24), maxLines: 1 });
  return { logo, gap, titleLeft: pad + logo.width + gap, titleWidth, titleFit };
}

/** Records any text satori could not set with our fonts (a missing glyph would print as a box). */
export interface RenderReport {
  missingGlyphSegments: string[];
}

/**
 * A 1×1 transparent PNG that satori lays out in the logo's box instead of the logo: satori's time grows
 * with the bytes of an image it is handed (~15 ms for a 450 kB logo, ~130 ms for 4 MB), so the real
 * bytes are put into its output afterwards, like the QR code.
 */
const LOGO_STAND_IN = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** The board as a tree of flex boxes with inline styles: what satori draws (and what a browser could). */
export function boardElement(content: BoardContent, size: BoardSize, { logoSrc = content.logo?.href }: { logoSrc?: string } = {}) {
  const L = boardLayout(size);
  const { W, H, unit, pad, header, footer } = L;
  const u = (n: number) => Math.round(n * unit * 10) / 10;
  const white = '#ffffff';
  const ink = '#111827';

  const head = boardHeader(content, size);
  const { titleFit } = head;
  // The chief table: columns sized for the board, each cell's text fitted to its cell.
  const mainWidth = L.single ? W - 2 * pad : W - 3 * pad - L.side;
  const segFit = fitText(content.segmentName, { width: mainWidth, height: u(64) }, { max: u(52), min: u(14), maxLines: 2, lineHeight: 1.15 });
  const rows = content.chiefRows;
  const bodyTop = header + pad + u(100);
  const bodyBottom = H - footer - pad;
  const tableHeight = Math.min((bodyBottom - bodyTop) * (L.single ? 0.36 : 0.58), rows.length * u(L.single ? 52 : 60));
  const rowH = tableHeight / Math.max(rows.length, 1);
  const col = { level: mainWidth * 0.15, name: mainWidth * 0.2, phone: mainWidth * 0.21, patrol: mainWidth * 0.12 };
  const titleW = mainWidth - col.level - col.name - col.phone - col.patrol - u(16);
  const cell = (text: string, width: number, max: number, maxLines = 2) =>
    fitText(text, { width: width - u(12), height: rowH * 0.9 }, { max, min: u(8), maxLines, lineHeight: 1.15 }).size;

  // Every block sits at a computed position, so the box a text was fitted to is the box it is drawn in.
  const dutiesHeading = u(40);
  const dutiesTop = bodyTop + tableHeight + 2 * u(2) + u(10);
  const dutiesBottom = L.single ? L.qr.top - pad : bodyBottom;
  const dutiesHeight = Math.max(u(40), dutiesBottom - dutiesTop - dutiesHeading);
  const dutiesText = content.duties.map((d) => `【${d.levelLabel}】${d.text}`).join('　');
  const dutiesFit = fitText(dutiesText, { width: mainWidth, height: dutiesHeight }, { max: u(26), min: u(5), lineHeight: 1.4 });

  const teamText = content.team.map((t) => `${t.role}：${t.names}`).join('　');
  const teamBox = L.single
    ? { width: W - 2 * pad - L.qr.width - pad, height: L.qr.height + u(30) }
    : { width: L.side, height: H - footer - pad - (L.qr.top + L.qr.height + u(50)) - u(44) };
  const teamFit = fitText(teamText, teamBox, { max: u(24), min: u(6), lineHeight: 1.35 });
  const areaFit = fitText(`${content.range}　${content.area}`, { width: mainWidth, height: u(34) }, { max: u(28), min: u(10), maxLines: 1 });

  const text = (s: string, fontSize: number, extra: Record<string, unknown> = {}) => (
    <div style={{ display: 'flex', fontSize, lineHeight: 1.2, ...extra }}>{s}</div>
  );

  const chiefTable = (
    // A frame made of a coloured box behind the rows (no CSS border: it comes out as arcs, see pdf.ts).
    <div style={{ display: 'flex', flexDirection: 'column', width: mainWidth, padding: u(2), backgroundColor: content.primaryColor }}>
      {rows.map((r, i) => (
        <div
          key={i}
          style={{
            display: 'flex',
            alignItems: 'center',
            height: rowH,
            width: mainWidth - 2 * u(2),
            backgroundColor: i % 2 ? '#eef4fb' : white,
            color: r.vacant ? '#6b7280' : ink,
          }}
        >
          <div style={{ display: 'flex', width: col.level, paddingLeft: u(8), fontSize: cell(r.levelLabel, col.level, u(30), 1), fontWeight: 700, color: content.primaryColor }}>
            {r.levelLabel}
          </div>
          <div style={{ display: 'flex', width: col.name, fontSize: cell(r.name, col.name, u(32)), fontWeight: 700 }}>{r.name}</div>
          <div style={{ display: 'flex', width: titleW, fontSize: cell(r.title, titleW, u(24)), paddingRight: u(8) }}>{r.title}</div>
          <div style={{ display: 'flex', width: col.phone, fontSize: cell(r.phone, col.phone, u(28), 1), fontWeight: 700 }}>{r.phone}</div>
          <div style={{ display: 'flex', width: col.patrol, fontSize: cell(r.patrol, col.patrol, u(22), 1) }}>{r.patrol}</div>
        </div>
      ))}
    </div>
  );

  const qrCaption = (
    <div style={{ position: 'absolute', left: L.qr.left - u(20), top: L.qr.top + L.qr.height + u(6), width: L.qr.width + u(40), display: 'flex', justifyContent: 'center' }}>
      {text(content.qrCaption, fitText(content.qrCaption, { width: L.qr.width + u(40), height: u(34) }, { max: u(24), min: u(10), maxLines: 1 }).size, { fontWeight: 700, color: ink })}
    </div>
  );

  const root = (
    <div style={{ display: 'flex', flexDirection: 'column', width: W, height: H, backgroundColor: white, fontFamily: 'Noto Sans SC', color: ink, position: 'relative' }}>
      <div style={{ display: 'flex', height: header, backgroundColor: content.primaryColor, color: white, alignItems: 'center', justifyContent: 'space-between', padding: `0 ${pad}px` }}>
        {head.logo ? (
          <div style={{ display: 'flex', alignItems: 'center' }}>
            {/* satori draws <img> as an SVG <image>; a data: URI keeps the board self-contained. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={logoSrc} width={head.logo.width} height={head.logo.height} style={{ width: head.logo.width, height: head.logo.height, marginRight: head.gap }} alt="" />
            {text(content.title, titleFit.size, { fontWeight: 700, letterSpacing: titleFit.size * 0.08 })}
          </div>
        ) : (
          text(content.title, titleFit.size, { fontWeight: 700, letterSpacing: titleFit.size * 0.08 })
        )}
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end' }}>
          {text(content.districtName, u(30), { fontWeight: 700 })}
          {text(`路段编号 ${content.segmentCode}`, u(30))}
        </div>
      </div>
      <div style={{ position: 'absolute', left: pad, top: header + u(12), width: mainWidth, height: bodyTop - header - u(16), display: 'flex', flexDirection: 'column', justifyContent: 'center' }}>
        <div style={{ display: 'flex', width: mainWidth, fontSize: segFit.size, lineHeight: 1.15, fontWeight: 700, color: content.primaryColor }}>{content.segmentName}</div>
        {text(`${content.range}　${content.area}`, areaFit.size, { marginTop: u(4) })}
      </div>
      <div style={{ position: 'absolute', left: pad, top: bodyTop, display: 'flex' }}>{chiefTable}</div>
      <div style={{ position: 'absolute', left: pad, top: dutiesTop, width: mainWidth, display: 'flex', flexDirection: 'column' }}>
        {text('工作职责', u(28), { fontWeight: 700, height: dutiesHeading, color: content.primaryColor })}
        <div style={{ display: 'flex', width: mainWidth, fontSize: dutiesFit.size, lineHeight: 1.4 }}>{dutiesText}</div>
      </div>
      {L.single ? null : (
        <div style={{ position: 'absolute', left: W - pad - L.side, top: header + pad, width: L.side, display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
          {text('扫码反映问题', u(34), { fontWeight: 700, color: content.accentColor })}
        </div>
      )}
      {/* Blank, white box: the vector QR is drawn into it afterwards. */}
      <div style={{ position: 'absolute', left: L.qr.left, top: L.qr.top, width: L.qr.width, height: L.qr.height, backgroundColor: white, display: 'flex' }} />
      {qrCaption}
      <div
        style={{
          position: 'absolute',
          left: L.single ? L.qr.left + L.qr.width + pad : W - pad - L.side,
          top: L.single ? L.qr.top : L.qr.top + L.qr.height + u(50),
          width: teamBox.width,
          display: 'flex',
          flexDirection: 'column',
        }}
      >
        {text('路段力量', u(24), { fontWeight: 700, color: content.primaryColor })}
        <div style={{ display: 'flex', width: teamBox.width, fontSize: teamFit.size, lineHeight: 1.35 }}>{teamText}</div>
      </div>
      <div
        style={{
          position: 'absolute',
          left: 0,
          top: H - footer,
          width: W,
          height: footer,
          backgroundColor: content.primaryColor,
          color: white,
          display: 'flex',
          alignItems: 'center',
        }}
      >
        <div style={{ display: 'flex', width: W - 2 * pad, marginLeft: pad, alignItems: 'center', justifyContent: 'space-between' }}>
        {text(`监督电话：${content.hotline}`, u(40), { fontWeight: 700 })}
          {text(`${content.districtName}城市管理委员会 监制`, u(22))}
        </div>
      </div>
    </div>
  );

  return { root, layout: L };
}

/** A vector QR group for `url`, drawn into a blank box (quiet zone inside the box: qrSvgPath does that). */
export function qrGroupSvg(url: string, box: Box): string {
  const qr = qrSvgPath(url, box.width);
  return `<g transform="translate(${box.left} ${box.top})"><rect width="${box.width}" height="${box.height}" fill="#fff"/><path d="${qr.path}" fill="#000" shape-rendering="crispEdges"/></g>`;
}

/** The vector QR group drawn into the board's blank QR box. */
export function boardQrSvg(content: BoardContent, size: BoardSize): string {
  return qrGroupSvg(content.qrUrl, boardLayout(size).qr);
}

/**
 * Any board (路长公示牌, 责任牌) from its element tree: satori with our fonts, then the vector QR drawn
 * into its blank box. 1 unit = 1 mm. Glyphs the fonts lack are recorded in `report`.
 */
export async function drawBoardSvg(
  root: ReactNode,
  { width, height, qr, report }: { width: number; height: number; qr: { url: string; box: Box }; report?: RenderReport },
): Promise<string> {
  const svg = await satori(root, {
    width,
    height,
    fonts: await boardFonts(),
    loadAdditionalAsset: async (code, segment) => {
      report?.missingGlyphSegments.push(`${code}:${segment}`);
      return [];
    },
  });
  // A hundredth of a millimetre is finer than any printer; shorter numbers make the SVG about half the
  // size and every later step (PNG, PDF, download) faster.
  return svg.replace(/(\d+\.\d{2})\d+/g, '$1').replace(/<\/svg>\s*$/, `${qrGroupSvg(qr.url, qr.box)}</svg>`);
}

export async function renderBoardSvg(content: BoardContent, size: BoardSize, report?: RenderReport): Promise<string> {
  const { root, layout } = boardElement(content, size, { logoSrc: LOGO_STAND_IN });
  const drawn = await drawBoardSvg(root, { width: layout.W, height: layout.H, qr: { url: content.qrUrl, box: layout.qr }, report });
  const logo = content.logo;
  return logo ? drawn.replace(`href="${LOGO_STAND_IN}"`, () => `href="${logo.href}"`) : drawn;
}

/**
 * A PNG preview `width` pixels wide, rasterised by sharp (librsvg). resvg-js was as fast but grew the
 * process by ~5 MB per board (native memory never returned), which a 1,000-board batch cannot afford.
 */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  const scale = width / Number(/<svg[^>]*\bwidth="([\d.]+)"/.exec(svg)?.[1] ?? width);
  const density = 72 * scale;
  return sharp(Buffer.from(await withPreviewImages(svg, scale)), { density })
    .flatten({ background: '#ffffff' })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

// Embedded images (the logo) resized to the pixels a preview gives them, once per process: decoding a
// print-resolution logo on every preview doubled the raster time. A pure cache keyed by size and bytes.
const previewImages = new Map<string, Promise<string>>();
const PREVIEW_IMAGE_ENTRIES = 8;

function previewImage(href: string, width: number, height: number): Promise<string> {
  const key = `${width}x${height}:${href}`;
  let image = previewImages.get(key);
  if (!image) {
    const bytes = Buffer.from(href.slice(href.indexOf(',') + 1), 'base64');
    image = sharp(bytes)
      .resize({ width, height, fit: 'fill' })
      .png({ compressionLevel: 1 })
      .toBuffer()
      .then((png) => `data:image/png;base64,${png.toString('base64')}`);
    image.catch(() => previewImages.delete(key));
    previewImages.set(key, image);
    if (previewImages.size > PREVIEW_IMAGE_ENTRIES) previewImages.delete(previewImages.keys().next().value!);
  }
  return image;
}

async function withPreviewImages(original: string, scale: number): Promise<string> {
  const { svg, uris } = liftDataUris(original);
  if (uris.length === 0) return original;
  const IMAGE = /<image\b[^>]*>/g;
  const resized = await Promise.all(
    (svg.match(IMAGE) ?? []).map((tag) => {
      const ref = /\bhref="#embedded-(\d+)"/.exec(tag)?.[1];
      const href = ref === undefined ? undefined : uris[Number(ref)];
      const w = Number(/\bwidth="([\d.]+)"/.exec(tag)?.[1]);
      const h = Number(/\bheight="([\d.]+)"/.exec(tag)?.[1]);
      if (!href || !/^data:image\/(?:png|jpeg|webp);base64,/.test(href) || !(w > 0) || !(h > 0)) return tag;
      // Twice the preview's pixels: librsvg's own filtering then gives clean edges. satori's clip and
      // mask on an <img> only repeat its own box (the PDF ignores them too); librsvg would spend
      // offscreen surfaces on them.
      return previewImage(href, Math.ceil(w * scale * 2), Math.ceil(h * scale * 2)).then((small) =>
        tag.replace(/\bhref="[^"]*"/, () => `href="${small}"`).replace(/ (?:clip-path|mask)="[^"]*"/g, ''),
      );
    }),
  );
  let i = 0;
  // Any data: URI outside an <image> (none today) goes back as it was.
  return svg.replace(IMAGE, () => resized[i++]!).replace(/#embedded-(\d+)/g, (_, n: string) => uris[Number(n)]!);
}

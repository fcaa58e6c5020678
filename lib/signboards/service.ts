/**
 * One board file (PNG preview, SVG, or PDF at physical size) for a segment and template — and, through
 * boardFile, for a merchant's 责任牌 (merchant-board.tsx). The ETag is the content hash, so an unchanged board is answered with 304 and never drawn again; the last few
 * drawings are also kept in memory by hash (a pure cache: same hash, same bytes).
 */
import type { Db } from '../db/client';
import { BOARD_RENDER_VERSION, type BoardFormat, type BoardTemplate } from '../domain/signboard';
import { boardHash, boardSize, loadBoards } from './queries';
import { svgToPdf } from './pdf';
import { renderBoardSvg, svgToPng } from './render';

export const BOARD_CONTENT_TYPES: Record<BoardFormat, string> = {
  png: 'image/png',
  svg: 'image/svg+xml; charset=utf-8',
  pdf: 'application/pdf',
};

/** Preview width in pixels: enough for a phone screen and for a QR decoder. */
export const PREVIEW_WIDTH = { landscape: 1200, portrait: 800 } as const;

const cache = new Map<string, Buffer>();
const CACHE_ENTRIES = 64; // road boards and 责任牌 together

export type BoardFile =
  | { kind: 'missing' }
  | { kind: 'not-modified'; etag: string }
  | { kind: 'file'; etag: string; body: Buffer; contentType: string; filename: string };

export async function getBoardFile(
  db: Db,
  { code, template, format, ifNoneMatch }: { code: string; template: BoardTemplate; format: BoardFormat; ifNoneMatch?: string | null },
): Promise<BoardFile> {
  const [board] = await loadBoards(db, { code });
  if (!board) return { kind: 'missing' };
  const [widthCm, heightCm] = await boardSize(db, template);
  const size = { template, widthCm, heightCm };
  return boardFile({
    etag: `"b${BOARD_RENDER_VERSION}-${boardHash(board.content, template, [widthCm, heightCm])}-${format}"`,
    ifNoneMatch,
    format,
    filename: `${board.code}-${template}.${format}`,
    drawSvg: () => renderBoardSvg(board.content, size),
    pngWidth: PREVIEW_WIDTH[template],
    pdf: { size, title: `路长公示牌 ${board.code} ${board.name}` },
  });
}

/**
 * The file behind a content-hash ETag, for any board (路长公示牌 or 责任牌): 304 when the client already
 * has it, else the cached bytes, else drawn once as SVG and written out in the asked format.
 */
export async function boardFile({
  etag,
  ifNoneMatch,
  format,
  filename,
  drawSvg,
  pngWidth,
  pdf,
}: {
  etag: string;
  ifNoneMatch?: string | null;
  format: BoardFormat;
  filename: string;
  drawSvg: () => Promise<string>;
  pngWidth: number;
  pdf: { size: { widthCm: number; heightCm: number }; title: string };
}): Promise<BoardFile> {
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return { kind: 'not-modified', etag };
  let body = cache.get(etag);
  if (!body) {
    const svg = await drawSvg();
    body = format === 'svg' ? Buffer.from(svg) : format === 'png' ? await svgToPng(svg, pngWidth) : await svgToPdf(svg, pdf.size, { title: pdf.title });
    cache.set(etag, body);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return { kind: 'file', etag, body, contentType: BOARD_CONTENT_TYPES[format], filename };
}

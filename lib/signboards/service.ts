/**
 * One board file (PNG preview, SVG, or PDF at physical size) for a segment and template. The ETag is
 * the content hash, so an unchanged board is answered with 304 and never drawn again; the last few
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
const CACHE_ENTRIES = 48;

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
  const etag = `"b${BOARD_RENDER_VERSION}-${boardHash(board.content, template, [widthCm, heightCm])}-${format}"`;
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return { kind: 'not-modified', etag };
  let body = cache.get(etag);
  if (!body) {
    const size = { template, widthCm, heightCm };
    const svg = await renderBoardSvg(board.content, size);
    body =
      format === 'svg'
        ? Buffer.from(svg)
        : format === 'png'
          ? await svgToPng(svg, PREVIEW_WIDTH[template])
          : await svgToPdf(svg, size, { title: `路长公示牌 ${board.code} ${board.name}` });
    cache.set(etag, body);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return { kind: 'file', etag, body, contentType: BOARD_CONTENT_TYPES[format], filename: `${board.code}-${template}.${format}` };
}

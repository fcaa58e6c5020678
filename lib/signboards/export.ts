/**
 * A ZIP of boards (a street's or the district's), built while it downloads: one board is drawn, added
 * and handed to the network before the next is drawn, so memory stays flat however many boards there
 * are. PDFs and PNGs are already compressed, so entries are stored, not deflated again.
 */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import type { Db } from '../db/client';
import type { BoardTemplate } from '../domain/signboard';
import { boardSize, loadBoards } from './queries';
import { svgToPdf } from './pdf';
import { renderBoardSvg, svgToPng } from './render';
import { PREVIEW_WIDTH } from './service';

export async function boardsZip(db: Db, { streetId, template }: { streetId?: number; template: BoardTemplate }) {
  const boards = await loadBoards(db, { streetId });
  const [widthCm, heightCm] = await boardSize(db, template);
  const size = { template, widthCm, heightCm };
  const archive = new ZipArchive({ store: true, highWaterMark: 1 << 20 });
  const fill = async () => {
    try {
      for (const board of boards) {
        if (archive.destroyed) return;
        const svg = await renderBoardSvg(board.content, size);
        const pdf = await svgToPdf(svg, size, { title: `路长公示牌 ${board.code}` });
        archive.append(pdf, { name: `pdf/${board.code}-${template}.pdf` });
        archive.append(svgToPng(svg, PREVIEW_WIDTH[template]), { name: `png/${board.code}-${template}.png` });
        // Wait until both entries went through the archive (and so towards the client) before drawing more.
        await once(archive, 'entry');
        await once(archive, 'entry');
      }
      await archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  };
  void fill();
  return { count: boards.length, stream: Readable.toWeb(archive) as ReadableStream<Uint8Array> };
}

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
  // Entries the archive has fully written; counted from the start so none is missed between awaits.
  let written = 0;
  archive.on('entry', () => written++);
  const fill = async () => {
    try {
      let appended = 0;
      for (const board of boards) {
        if (archive.destroyed) return;
        const svg = await renderBoardSvg(board.content, size);
        const pdf = await svgToPdf(svg, size, { title: `路长公示牌 ${board.code}` });
        const png = await svgToPng(svg, PREVIEW_WIDTH[template]);
        archive.append(pdf, { name: `pdf/${board.code}-${template}.pdf` });
        archive.append(png, { name: `png/${board.code}-${template}.png` });
        appended += 2;
        // Draw the next board only once these went through the archive (and so towards the client).
        // A download cancelled half-way closes the archive: stop drawing then.
        while (written < appended && !archive.destroyed) await Promise.race([once(archive, 'entry'), once(archive, 'close')]);
      }
      await archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  };
  void fill();
  return { count: boards.length, stream: Readable.toWeb(archive) as ReadableStream<Uint8Array> };
}

/**
 * A ZIP of boards (a street's or the district's), built while it downloads. One board is drawn ahead of
 * the one being written — satori's layout (JavaScript) overlaps librsvg's rasterising (a libuv thread),
 * which is what two cores allow — and no more, so memory stays flat however many boards there are.
 * PDFs and PNGs are already compressed, so entries are stored, not deflated again.
 */
import { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import type { Db } from '../db/client';
import type { BoardContent, BoardTemplate } from '../domain/signboard';
import { boardSize, loadBoards } from './queries';
import { svgToPdf } from './pdf';
import { renderBoardSvg, svgToPng, type BoardSize } from './render';
import { PREVIEW_WIDTH } from './service';

async function renderFiles(content: BoardContent, size: BoardSize) {
  const svg = await renderBoardSvg(content, size);
  const png = svgToPng(svg, PREVIEW_WIDTH[size.template]); // runs on the thread pool while the PDF is written
  const pdf = await svgToPdf(svg, size, { title: `路长公示牌 ${content.segmentCode}` });
  return { pdf, png: await png };
}

/** Resolves on the archive's next written entry, or when it closes (a download cancelled half-way). */
function nextEntryOrClose(archive: ZipArchive): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      archive.off('entry', done);
      archive.off('close', done);
      resolve();
    };
    archive.on('entry', done);
    archive.on('close', done);
  });
}

/** Streams a ZIP of the given boards: pdf/{code}-{template}.pdf and png/{code}-{template}.png each. */
export function zipBoards(boards: { code: string; content: BoardContent }[], size: BoardSize): ReadableStream<Uint8Array> {
  const archive = new ZipArchive({ store: true, highWaterMark: 1 << 20 });
  // Entries the archive has fully written; counted from the start so none is missed between awaits.
  let written = 0;
  archive.on('entry', () => written++);
  const fill = async () => {
    try {
      let appended = 0;
      let ahead = boards[0] ? renderFiles(boards[0].content, size) : null;
      for (let i = 0; i < boards.length; i++) {
        const files = await ahead!;
        ahead = i + 1 < boards.length ? renderFiles(boards[i + 1]!.content, size) : null;
        if (archive.destroyed) return;
        const name = `${boards[i]!.code}-${size.template}`;
        archive.append(files.pdf, { name: `pdf/${name}.pdf` });
        archive.append(files.png, { name: `png/${name}.png` });
        appended += 2;
        while (written < appended && !archive.destroyed) await nextEntryOrClose(archive);
      }
      await archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  };
  void fill();
  return Readable.toWeb(archive) as ReadableStream<Uint8Array>;
}

export async function boardsZip(db: Db, { streetId, template }: { streetId?: number; template: BoardTemplate }) {
  const boards = await loadBoards(db, { streetId });
  const [widthCm, heightCm] = await boardSize(db, template);
  return { count: boards.length, stream: zipBoards(boards, { template, widthCm, heightCm }) };
}

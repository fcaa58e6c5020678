/**
 * npm run bench:signboards [-- --runs 50] [-- --batch 1000] [-- --out docs/benchmarks.md]
 * Board rendering on the demo district (fresh in-memory PGlite): cold first render, warm PNG/SVG/PDF
 * (median of ≥ 50), the stages that bound them (satori layout+glyphs, resvg raster, PDF writing),
 * a whole-district batch and a 1,000-board batch (time, peak RSS), and the same board made the way
 * most teams would — the same HTML in headless Chromium, screenshotted and printed — as a ratio.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { renderToStaticMarkup } from 'react-dom/server';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { migrate, openDb } from '../../lib/db/client';
import { seedBase } from '../../lib/db/seed/base';
import { seedDemoDistrict } from '../../lib/db/seed/demo';
import { setDistrictLogo } from '../../lib/signboards/logo';
import { boardSize, loadBoards } from '../../lib/signboards/queries';
import { boardElement, boardQrSvg, renderBoardSvg, svgToPng } from '../../lib/signboards/render';
import { svgToPdf } from '../../lib/signboards/pdf';
import { PREVIEW_WIDTH } from '../../lib/signboards/service';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    batch: { type: 'string', default: '1000' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    chromium: { type: 'string', default: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
  },
});
const runs = Number(values.runs);
const batchSize = Number(values.batch);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}
async function repeat(fn: () => Promise<unknown> | unknown, n = runs): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push((await time(fn))[0]);
  return median(xs);
}


const handle = await openDb({ pgliteDir: 'memory://' });
await migrate(handle);
await seedBase(handle.db);
await seedDemoDistrict(handle.db, { seed: 20_261_122, today: new Date() });
const boards = await loadBoards(handle.db, {});
const [w, h] = await boardSize(handle.db, 'landscape');
const size = { template: 'landscape' as const, widthCm: w, heightCm: h };
const board = boards[0]!.content;

// Cold: the first board in this process, fonts read and parsed.
const [coldSvg, firstSvg] = await time(() => renderBoardSvg(board, size));
const [coldPng] = await time(() => svgToPng(firstSvg, PREVIEW_WIDTH.landscape));
const coldRss = process.memoryUsage().rss;

for (let i = 0; i < 5; i++) await svgToPdf(await renderBoardSvg(board, size), size, { title: 'warm-up' });
const warm = {
  svg: await repeat(() => renderBoardSvg(board, size)),
  png: await repeat(async () => svgToPng(await renderBoardSvg(board, size), PREVIEW_WIDTH.landscape)),
  pdf: await repeat(async () => svgToPdf(await renderBoardSvg(board, size), size, { title: 'x' })),
  rasterOnly: await repeat(() => svgToPng(firstSvg, PREVIEW_WIDTH.landscape)),
  pdfOnly: await repeat(() => svgToPdf(firstSvg, size, { title: 'x' })),
};

// The same board with a district logo set: a 1024 px emblem with alpha, uploaded the way an admin does.
const rays = Array.from({ length: 72 }, (_, i) => `<line x1="700" y1="700" x2="${700 + 650 * Math.cos(i / 11.46)}" y2="${700 + 650 * Math.sin(i / 11.46)}" stroke="#c62828" stroke-width="6"/>`);
const emblem = await sharp(
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="1400"><circle cx="700" cy="700" r="690" fill="#ffd54f"/>${rays.join('')}<circle cx="700" cy="700" r="300" fill="#0b5cab" fill-opacity="0.8"/></svg>`),
)
  .png()
  .toBuffer();
const uploaded = await setDistrictLogo(handle.db, { name: 'emblem.png', bytes: emblem, actor: { id: null, label: 'bench' } });
if (!uploaded.ok) throw new Error(uploaded.message);
const logoBoard = (await loadBoards(handle.db, { code: board.segmentCode }))[0]!.content;
for (let i = 0; i < 5; i++) await svgToPdf(await renderBoardSvg(logoBoard, size), size, { title: 'warm-up' });
const withLogo = {
  png: await repeat(async () => svgToPng(await renderBoardSvg(logoBoard, size), PREVIEW_WIDTH.landscape)),
  pdf: await repeat(async () => svgToPdf(await renderBoardSvg(logoBoard, size), size, { title: 'x' })),
};

// Batches: the export path itself (lib/signboards/export.ts), a streamed ZIP of PDF + PNG per board, read
// to the end as a client would, in a child process holding nothing else (so its peak RSS is what an
// export function needs): every board of the district, then 1,000 boards.
const batchInput = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-')), 'boards.json');
function batch(n: number): { ms: number; bytes: number; peakMb: number } {
  fs.writeFileSync(batchInput, JSON.stringify({ boards: boards.map((b) => ({ code: b.code, content: b.content })), size, n }));
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/signboard-batch.ts', batchInput], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!);
}
const district = batch(boards.length);
const thousand = batch(batchSize);

// The usual way: the same tree as HTML with the same font, screenshotted and printed by Chromium.
let browserLine = 'Chromium not found: comparison skipped';
let chrome: { png: number; pdf: number; fresh: number } | null = null;
if (fs.existsSync(values.chromium!)) {
  const fontDir = path.dirname(path.resolve('node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
  const boldDir = path.dirname(path.resolve('node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'));
  const html = () => {
    const { root, layout } = boardElement(board, size);
    return `<!doctype html><html><head><meta charset="utf-8"><style>
      @font-face{font-family:'Noto Sans SC';font-weight:400;src:url(file://${fontDir}/NotoSansSC_400Regular.ttf)}
      @font-face{font-family:'Noto Sans SC';font-weight:700;src:url(file://${boldDir}/NotoSansSC_700Bold.ttf)}
      html,body{margin:0} div{box-sizing:border-box}
      </style></head><body><div style="position:relative;width:${layout.W}px;height:${layout.H}px">${renderToStaticMarkup(root)}
      <svg style="position:absolute;left:0;top:0" width="${layout.W}" height="${layout.H}">${boardQrSvg(board, size)}</svg></div></body></html>`;
  };
  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--allow-file-access-from-files'],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: PREVIEW_WIDTH.landscape / 1200 });
  const shot = async () => {
    await page.setContent(html(), { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    return page.screenshot({ type: 'png' });
  };
  const print = async () => {
    await page.setContent(html(), { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    return page.pdf({ width: `${size.widthCm}cm`, height: `${size.heightCm}cm`, printBackground: true, pageRanges: '1' });
  };
  // What a render service usually does: a fresh page per board in a browser that stays up.
  const freshPage = async () => {
    const p = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await p.setContent(html(), { waitUntil: 'load' });
    await p.evaluate(() => document.fonts.ready);
    await p.screenshot({ type: 'png' });
    await p.close();
  };
  for (let i = 0; i < 3; i++) await shot();
  chrome = { png: await repeat(shot, Math.min(runs, 30)), pdf: await repeat(print, Math.min(runs, 30)), fresh: await repeat(freshPage, Math.min(runs, 20)) };
  await browser.close();
  browserLine = `Chromium ${chromium.name()} via playwright-core, page kept open, same board tree as HTML + same font`;
}
await handle.close();

const date = new Date().toISOString().slice(0, 10);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const f = (ms: number) => `${ms.toFixed(0)} ms`;
const delta = (ms: number) => `${ms < 0 ? '−' : '+'}${Math.abs(ms).toFixed(0)} ms`;
const ok = (v: number, budget: number) => (v <= budget ? '✅' : '❌');
const lines = [
  '',
  `## ${date} — signboard rendering (\`npm run bench:signboards\`)`,
  '',
  `Machine: ${machine}. Board: ${board.segmentCode} landscape ${w}×${h} cm, PNG preview ${PREVIEW_WIDTH.landscape} px wide; median of ${runs} runs after warm-up; ${browserLine}.`,
  '',
  '| measure | result | budget |',
  '|---|---|---|',
  `| cold first render (fonts read + parsed, SVG) | ${f(coldSvg)} (+ ${f(coldPng)} raster); RSS then ${(coldRss / 2 ** 20).toFixed(0)} MB | — |`,
  `| warm PNG (satori SVG + sharp/librsvg raster) | ${f(warm.png)} | ≤ 60 ms ${ok(warm.png, 60)} |`,
  `| warm PDF (satori SVG + vector PDF) | ${f(warm.pdf)} | ≤ 150 ms ${ok(warm.pdf, 150)} |`,
  `| — of which satori layout + glyph outlines (SVG) | ${f(warm.svg)} | limit |`,
  `| — of which sharp/librsvg raster of that SVG | ${f(warm.rasterOnly)} | limit |`,
  `| — of which PDF writing of that SVG | ${f(warm.pdfOnly)} | |`,
  `| warm PNG, district logo set (${uploaded.width}×${uploaded.height} px with alpha) | ${f(withLogo.png)} (${delta(withLogo.png - warm.png)} vs none) | ≤ 60 ms ${ok(withLogo.png, 60)} |`,
  `| warm PDF, district logo set (image XObject + soft mask) | ${f(withLogo.pdf)} (${delta(withLogo.pdf - warm.pdf)} vs none) | ≤ 150 ms ${ok(withLogo.pdf, 150)} |`,
  `| whole district, ${boards.length} boards, PDF + PNG each, streamed ZIP (${(district.bytes / 2 ** 20).toFixed(0)} MB) | ${(district.ms / 1000).toFixed(1)} s, peak RSS ${district.peakMb.toFixed(0)} MB (export process) | — |`,
  `| ${batchSize} boards, PDF + PNG each, streamed ZIP (${(thousand.bytes / 2 ** 20).toFixed(0)} MB) | ${(thousand.ms / 1000).toFixed(1)} s (${(thousand.ms / batchSize).toFixed(0)} ms a board), peak RSS ${thousand.peakMb.toFixed(0)} MB (export process) | ≤ 180 s ${ok(thousand.ms / 1000, 180)}, < 1 GB ${ok(thousand.peakMb, 1024)} |`,
  ...(chrome
    ? [
        `| Chromium screenshot of the same board (PNG) | ${f(chrome.png)} — ours is **${(chrome.png / warm.png).toFixed(1)}×** faster | ≥ 5× ${ok(-chrome.png / warm.png, -5)} |`,
        `| Chromium print of the same board (PDF) | ${f(chrome.pdf)} — ours is **${(chrome.pdf / warm.pdf).toFixed(1)}×** faster | ≥ 5× ${ok(-chrome.pdf / warm.pdf, -5)} |`,
        `| Chromium, fresh page per board (PNG) | ${f(chrome.fresh)} — ours is **${(chrome.fresh / warm.png).toFixed(1)}×** faster | — |`,
      ]
    : []),
  '',
];
if (!fs.existsSync(values.out!)) fs.writeFileSync(values.out!, '# Benchmarks\n');
fs.appendFileSync(values.out!, lines.join('\n'));
console.log(lines.join('\n'));

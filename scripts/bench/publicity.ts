/**
 * npm run bench:publicity [-- --renders 30] [-- --base http://localhost:3000] [-- --no-write]
 * The issue-8 benchmarks of 曝光台 / 点赞榜:
 *   - an Open Graph card (lib/publications/card: next/og ImageResponse with the boards' CJK font) rendered
 *     to PNG bytes directly, without a server: first render, then the median/p90 of warm renders (≤ 150 ms);
 *   - JavaScript on the list and detail pages (≤ 100 KB gzip): with --base, every <script> of /exposure
 *     and of one published /exposure/{id} on that running server (a production `next start`), gzip -9;
 *     without it, only the pages' own client code (like-button, bundled with esbuild, react and next external).
 * Appends a dated row under `## 曝光台 / 点赞榜 (issue 8)` in docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { renderCard } from '../../lib/publications/card';

const { values: args } = parseArgs({
  options: { renders: { type: 'string', default: '30' }, base: { type: 'string' }, 'no-write': { type: 'boolean', default: false } },
});
const BUDGET = { cardMs: 150, jsKb: 100 };
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;

async function cardTimes(n: number) {
  const titles = ['某餐饮店长期出店经营 屡教不改', '雪夜清扫 商户自发守护门前路', '三级路长每日巡查 老街换新颜', '共享单车乱停放 地铁口通行受阻'];
  const render = async (i: number) => {
    const t = performance.now();
    const res = await renderCard({ kind: i % 2 ? 'praise' : 'exposure', title: titles[i % titles.length]!, subtitle: `青石桥街道 · 书院路（解放大道—青年路） · 第 ${i} 次`, districtName: '清河区' });
    const png = Buffer.from(await res.arrayBuffer());
    if (png.subarray(1, 4).toString() !== 'PNG') throw new Error('the card is not a PNG');
    return { ms: performance.now() - t, bytes: png.length };
  };
  const first = await render(0);
  for (let i = 1; i <= 3; i++) await render(i); // warm-up
  const warm: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const r = await render(i + 4);
    warm.push(r.ms);
    bytes = r.bytes;
  }
  return { first: first.ms, median: median(warm), p90: p90(warm), bytes };
}

async function pageScripts(base: string, pagePath: string) {
  const html = await (await fetch(base + pagePath)).text();
  let total = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1]!;
    if (/\snomodule\b/i.test(attrs)) continue;
    const src = /\ssrc="([^"]+)"/.exec(attrs)?.[1]?.replace(/&amp;/g, '&');
    const body = src ? Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()) : Buffer.from(m[2]!, 'utf8');
    total += zlib.gzipSync(body, { level: 9 }).length;
  }
  return { html, total };
}

async function jsBytes(base: string | undefined): Promise<{ list: number; detail: number; how: string }> {
  if (base) {
    const list = await pageScripts(base, '/exposure');
    const id = /href="\/exposure\/(\d+)"/.exec(list.html)?.[1];
    if (!id) throw new Error('no published entry on /exposure to measure a detail page');
    const detail = await pageScripts(base, `/exposure/${id}`);
    return { list: list.total, detail: detail.total, how: `every <script> on ${base}/exposure and /exposure/${id}, gzip -9` };
  }
  const out = path.join(os.tmpdir(), `lz-like-${process.pid}.js`);
  execFileSync(
    path.join('node_modules', '.bin', 'esbuild'),
    ['app/(public)/_publicity/like-button.tsx', '--bundle', '--minify', '--format=esm', '--jsx=automatic', '--external:react', '--external:react-dom', '--external:next', '--external:./actions', `--outfile=${out}`, '--alias:@=.', '--log-level=error'],
    { stdio: 'inherit' },
  );
  const own = zlib.gzipSync(fs.readFileSync(out), { level: 9 }).length;
  fs.rmSync(out);
  return { list: 0, detail: own, how: 'own client code only (esbuild, react/next and the server action stub external; no server given); the Next runtime and React are not counted' };
}

async function main() {
  const n = Number(args.renders);
  console.log(`Open Graph card: ${n} warm renders…`);
  const card = await cardTimes(n);
  console.log(`first ${card.first.toFixed(0)} ms, warm median ${card.median.toFixed(1)} ms, p90 ${card.p90.toFixed(1)} ms, ${kb(card.bytes)} PNG`);
  const js = await jsBytes(args.base);
  console.log(`JavaScript: list ${kb(js.list)}, detail ${kb(js.detail)} (${js.how})`);
  if (args['no-write']) return;
  const file = 'docs/benchmarks.md';
  const heading = '## 曝光台 / 点赞榜 (issue 8)';
  const tableHead = '| date | OG card first | OG card warm median (p90) | PNG | JS list / detail (gzip) | how JS was measured | machine |\n| --- | --- | --- | --- | --- | --- | --- |';
  const ok = (v: boolean) => (v ? '✅' : '❌');
  const row = `| ${new Date().toISOString().slice(0, 10)} | ${card.first.toFixed(0)} ms | ${card.median.toFixed(1)} ms (${card.p90.toFixed(1)}) ≤ ${BUDGET.cardMs} ${ok(card.median <= BUDGET.cardMs)} | ${kb(card.bytes)} | ${kb(js.list)} / ${kb(js.detail)} ≤ ${BUDGET.jsKb} KB ${ok(Math.max(js.list, js.detail) <= BUDGET.jsKb * 1024)} | ${js.how} | ${os.cpus().length} cores, Node ${process.version} |`;
  let text = fs.readFileSync(file, 'utf8');
  if (!text.includes(heading)) {
    text = `${text.trimEnd()}\n\n${heading}\n\nOpen Graph card rendered directly (\`renderCard\`, 1200×630 PNG through next/og with Noto Sans SC), and JavaScript on the public list and detail pages (\`npm run bench:publicity\`; pass \`-- --base\` with a running \`next start\` for whole-page bytes). Lighthouse is not run by this script.\n\n${tableHead}\n${row}\n`;
  } else {
    // Append the row at the end of this section's table.
    const start = text.indexOf(heading);
    const next = text.indexOf('\n## ', start + heading.length);
    const end = next === -1 ? text.length : next;
    const section = text.slice(start, end).trimEnd();
    text = `${text.slice(0, start)}${section}\n${row}\n${next === -1 ? '' : text.slice(end)}`;
  }
  fs.writeFileSync(file, text);
  console.log(`appended to ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

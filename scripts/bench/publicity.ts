/**
 * npm run bench:publicity [-- --renders 30] [-- --base http://127.0.0.1:3000] [-- --lighthouse 5] [-- --no-write]
 * The issue-8 benchmarks of 曝光台 / 点赞榜:
 *   - an Open Graph card (lib/publications/card: next/og ImageResponse with the boards' CJK font) rendered
 *     to PNG bytes directly, without a server: first render, then the median/p90 of warm renders (≤ 150 ms);
 *   - with --base (a production `next start` on a seeded database, e.g. the build `npm run bench:report` leaves:
 *     `NEXT_DIST_DIR=.next-bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/lz_bench_report npx next start -p 3100`),
 *     for /exposure, /praise and one published entry of each: the JavaScript every page ships (every <script>,
 *     inline ones too, gzip -9; ≤ 100 KB) and Lighthouse mobile performance (median of --lighthouse runs; ≥ 95);
 *     without it, only the pages' own script (the inline 点赞 script: the pages are sent without the React runtime).
 * Appends a dated row under `## 曝光台 / 点赞榜 (issue 8)` in docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { LIKE_SCRIPT } from '../../app/(public)/_publicity/like-script';
import { renderCard } from '../../lib/publications/card';
import { gzipBytes, lighthouseOnce, pageScripts } from './lib';

const { values: args } = parseArgs({
  options: {
    renders: { type: 'string', default: '30' },
    base: { type: 'string' },
    lighthouse: { type: 'string', default: '5' },
    chromium: { type: 'string', default: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    'no-write': { type: 'boolean', default: false },
  },
});
const BUDGET = { cardMs: 150, jsKb: 100, lighthouse: 95 };
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

interface PageResult {
  path: string;
  js: number;
  scores: number[];
  median: { score: number; metrics: Record<string, number> } | null;
}

/** The public list and detail pages on a running server: their JavaScript, and Lighthouse `runs` times each. */
async function pages(base: string, runs: number): Promise<{ pages: PageResult[]; floor: number }> {
  const paths: string[] = [];
  for (const kind of ['exposure', 'praise']) {
    const list = await pageScripts(base, `/${kind}`);
    const id = new RegExp(`href="/${kind}/(\\d+)"`).exec(list.html)?.[1];
    if (!id) throw new Error(`no published entry on /${kind} to measure a detail page`);
    paths.push(`/${kind}`, `/${kind}/${id}`);
  }
  const scripts = new Map<string, Awaited<ReturnType<typeof pageScripts>>['scripts']>();
  for (const p of paths) {
    await fetch(base + p); // warm: the first request renders and caches the page
    scripts.set(p, (await pageScripts(base, p)).scripts);
  }
  // The floor: external scripts every page loads (framework and layout), measured in the same run.
  const external = [...scripts.values()].map((xs) => new Set(xs.filter((x) => x.src !== '(inline)').map((x) => x.src)));
  const common = scripts.get(paths[0]!)!.filter((x) => external.every((set) => set.has(x.src)));
  const floor = gzipBytes(common);
  console.log(`framework and layout scripts every page loads: ${kb(floor)} (${common.length} files)`);
  const out: PageResult[] = [];
  for (const p of paths) {
    const js = gzipBytes(scripts.get(p)!);
    const done: { score: number; metrics: Record<string, number> }[] = [];
    for (let i = 0; i < runs; i++) done.push(await lighthouseOnce(base + p, args.chromium!));
    const sorted = [...done].sort((a, b) => a.score - b.score);
    const median = sorted[Math.floor(sorted.length / 2)] ?? null;
    console.log(`${p}: JS ${kb(js)}; Lighthouse ${done.map((d) => d.score).join(', ')}${median ? ` (median run: TBT ${median.metrics.TBT!.toFixed(0)} ms, LCP ${median.metrics.LCP!.toFixed(0)} ms)` : ''}`);
    out.push({ path: p, js, scores: done.map((d) => d.score), median });
  }
  return { pages: out, floor };
}

/** Without a server: the pages' own script only (an entry's inline 点赞 script; the lists carry none). */
function ownJsBytes(): number {
  return zlib.gzipSync(Buffer.from(LIKE_SCRIPT, 'utf8'), { level: 9 }).length;
}

async function main() {
  const n = Number(args.renders);
  console.log(`Open Graph card: ${n} warm renders…`);
  const card = await cardTimes(n);
  console.log(`first ${card.first.toFixed(0)} ms, warm median ${card.median.toFixed(1)} ms, p90 ${card.p90.toFixed(1)} ms, ${kb(card.bytes)} PNG`);
  const run = args.base ? await pages(args.base, Number(args.lighthouse)) : null;
  const measured = run?.pages;
  const own = measured ? 0 : ownJsBytes();
  if (!measured) console.log(`JavaScript: the entry page's inline script ${kb(own)} (no --base: measured from the source)`);
  if (args['no-write']) return;
  const file = 'docs/benchmarks.md';
  const heading = '## 曝光台 / 点赞榜 (issue 8)';
  const tableHead = '| date | OG card first | OG card warm median (p90) | PNG | JS list / detail (gzip) | how JS was measured | machine |\n| --- | --- | --- | --- | --- | --- | --- |';
  const ok = (v: boolean) => (v ? '✅' : '❌');
  const load = os.loadavg()[0]!.toFixed(1);
  const jsCell = measured
    ? `${measured.map((m) => `${m.path} ${kb(m.js)}`).join(', ')} ≤ ${BUDGET.jsKb} KB ${ok(measured.every((m) => m.js <= BUDGET.jsKb * 1024))}; of which scripts every page loads (framework and layout, same run) ${kb(run!.floor)}`
    : `${kb(own)} (the inline 点赞 script only)`;
  const how = measured
    ? `every <script> incl. inline, gzip -9, on a production \`next start\` (${args.base}); Lighthouse mobile median of ${args.lighthouse}: ${measured.map((m) => `${m.path} ${m.median?.score ?? '–'} (${m.scores.join('/')})`).join(', ')} ≥ ${BUDGET.lighthouse} ${ok(measured.every((m) => (m.median?.score ?? 0) >= BUDGET.lighthouse))}`
    : 'the pages\' own script from the source (no server given)';
  const row = `| ${new Date().toISOString().slice(0, 10)} | ${card.first.toFixed(0)} ms | ${card.median.toFixed(1)} ms (${card.p90.toFixed(1)}) ≤ ${BUDGET.cardMs} ${ok(card.median <= BUDGET.cardMs)} | ${kb(card.bytes)} | ${jsCell} | ${how} | ${os.cpus().length} cores, Node ${process.version}, load ${load} |`;
  let text = fs.readFileSync(file, 'utf8');
  if (!text.includes(heading)) {
    text = `${text.trimEnd()}\n\n${heading}\n\nOpen Graph card rendered directly (\`renderCard\`, 1200×630 PNG through next/og with Noto Sans SC), and JavaScript on the public list and detail pages (\`npm run bench:publicity\`; pass \`-- --base\` with a running \`next start\` for whole-page bytes). With \`-- --base\`, Lighthouse mobile too.\n\n${tableHead}\n${row}\n`;
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

/**
 * Child process of bench:signboards: runs the real export path (a streamed ZIP, PDF + PNG per board) over
 * N boards whose content it is given, in a process that holds nothing else, and reports time and peak
 * RSS as JSON — the memory a deployment's export function would need.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BoardContent } from '../../lib/domain/signboard';
import { zipBoards } from '../../lib/signboards/export';
import type { BoardSize } from '../../lib/signboards/render';

const input = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as { boards: { code: string; content: BoardContent }[]; size: BoardSize; n: number };
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const list = Array.from({ length: input.n }, (_, i) => input.boards[i % input.boards.length]!);
const t0 = performance.now();
let bytes = 0;
const reader = zipBoards(list, input.size).getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.length;
}
const ms = performance.now() - t0;
clearInterval(sampler);
console.log(JSON.stringify({ ms, bytes, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 }));

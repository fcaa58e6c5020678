/**
 * npm run bench:ledger [-- --rows 5000] [-- --url postgres://…] [-- --out docs/benchmarks.md]
 * A 5,000-row merchant 台账 (issue 6): the dry run and the import (dry run + one-transaction write),
 * time and peak memory (RSS and JS heap, sampled every 5 ms), on a fresh demo district in PGlite or
 * on the PostgreSQL given by --url. Appends a dated row under "## Back office (issue 6)".
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { migrate, openDb } from '../../lib/db/client';
import { segments } from '../../lib/db/schema';
import { seedBase } from '../../lib/db/seed/base';
import { seedDemoDistrict } from '../../lib/db/seed/demo';
import { creditCodeCheckChar } from '../../lib/domain/credit-code';
import { LEDGER_COLUMNS } from '../../lib/domain/ledger';
import { applyLedger, dryRunLedger } from '../../lib/ledger/service';
import { streamWorkbook, toBuffer } from '../../lib/ledger/xlsx';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '5000' },
    url: { type: 'string' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const rows = Number(values.rows);

const handle = values.url ? await openDb({ url: values.url }) : await openDb({ pgliteDir: 'memory://' });
await migrate(handle);
const [seeded] = await handle.db.select({ id: segments.id }).from(segments).limit(1);
if (!seeded) {
  await seedBase(handle.db);
  await seedDemoDistrict(handle.db, { seed: 20_261_122, today: new Date() });
}
const codes = (await handle.db.select({ code: segments.code }).from(segments).where(eq(segments.active, true))).map((s) => s.code);
const run = `B${Date.now().toString(36).toUpperCase().slice(-5)}`; // fresh codes on a reused database

function creditCode(n: number): string {
  const stem = `9142${run.slice(-4).replace(/[^0-9]/g, '7').padStart(4, '7')}${String(n).padStart(8, '0')}X`;
  return stem + creditCodeCheckChar(stem);
}
const sheetRows = Array.from({ length: rows }, (_, i) => [
  `${run}-${String(i + 1).padStart(5, '0')}`,
  `基准商户${i + 1}号店`,
  `中山路${(i % 399) + 1}号`,
  codes[i % codes.length]!,
  ['餐饮', '零售', '服务', '单位'][i % 4]!,
  i % 5 === 4 ? null : creditCode(i + 1),
  '王建国',
  `1380000${String(i % 10_000).padStart(4, '0')}`,
  new Date(Date.UTC(2025, i % 12, (i % 28) + 1)),
]);
const file = await toBuffer(streamWorkbook([{ spec: { name: '台账', headers: LEDGER_COLUMNS.merchants.map((c) => c.header), dateColumns: [9] }, rows: sheetRows }]));

async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; rssMb: number; heapMb: number; result: T }> {
  global.gc?.();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 5);
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  const m = process.memoryUsage();
  return { ms, rssMb: Math.max(rss, m.rss) / 2 ** 20, heapMb: (Math.max(heap, m.heapUsed) - base.heapUsed) / 2 ** 20, result };
}

const dry = await measure(() => dryRunLedger(handle.db, 'merchants', file));
if (!dry.result.ok) throw new Error(`dry run found problems: ${JSON.stringify(dry.result.problems.slice(0, 3))}`);
const dry2 = await measure(() => dryRunLedger(handle.db, 'merchants', file));
const imported = await measure(async () => {
  const r = await dryRunLedger(handle.db, 'merchants', file);
  return applyLedger(handle.db, r, { id: null, label: 'bench' });
});
if (imported.result.created !== rows) throw new Error('import wrote the wrong number of rows');
await handle.close();

const fmt = (n: number, d = 0) => n.toFixed(d);
const date = new Date().toISOString().slice(0, 10);
const machine = `${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
const row = `| ${date} | ${handle.driver} | ${rows.toLocaleString('en-US')} | ${fmt(file.length / 1024)} KB | ${fmt(Math.min(dry.ms, dry2.ms))} ms | ${fmt(imported.ms)} ms | ${fmt(Math.max(dry.rssMb, imported.rssMb))} MB | +${fmt(Math.max(dry.heapMb, imported.heapMb), 1)} MB | ${machine} |`;
console.log(row);

const heading = '## Back office (issue 6)';
const tableHead = [
  '',
  '### 台账 import: merchants (`npm run bench:ledger`)',
  '',
  'A generated merchant 台账 (every row valid, 80 % with a credit code) through the dry run, then the import (dry run again + one transaction). Peak RSS is the whole process (database included for PGlite); heap is the growth over the start.',
  '',
  '| date | driver | rows | file | dry run | import (dry run + write) | peak RSS | peak heap | machine |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
].join('\n');
// Re-read right before writing: other benchmarks append to the same file.
let doc = fs.existsSync(values.out) ? fs.readFileSync(values.out, 'utf8') : '# Benchmarks\n';
if (!doc.includes(heading)) doc = `${doc.trimEnd()}\n\n${heading}\n`;
if (!doc.includes('### 台账 import: merchants')) {
  const at = doc.indexOf(heading) + heading.length;
  const next = doc.indexOf('\n## ', at);
  const end = next < 0 ? doc.length : next;
  doc = `${doc.slice(0, end).trimEnd()}\n${tableHead}\n${doc.slice(end)}`;
}
// Append under the table's last row.
const tableStart = doc.indexOf('### 台账 import: merchants');
const lines = doc.slice(tableStart).split('\n');
let last = lines.findIndex((l) => l.startsWith('| ---'));
while (lines[last + 1]?.startsWith('| ')) last++;
lines.splice(last + 1, 0, row);
doc = doc.slice(0, tableStart) + lines.join('\n');
fs.writeFileSync(values.out, doc.endsWith('\n') ? doc : `${doc}\n`);
console.log(`appended to ${values.out}`);

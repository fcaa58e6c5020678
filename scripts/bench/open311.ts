/**
 * npm run bench:open311 [-- --runs 200] [-- --url postgres://…]
 * Open311 GET requests at city scale (the `lz_bench` database of scripts/bench/run.ts, seeded here if
 * missing): the default 90-day window returning 1,000 requests, with a status and a service_code filter,
 * and a list of 50 ids — each built into the JSON and XML bodies the route sends (server time without
 * the network). Appends a dated row under "Open311 and statistics (issue 9)" in docs/benchmarks.md.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../lib/db/client';
import { Random } from '../../lib/db/seed/random';
import { parseRequestQuery, type Open311Format } from '../../lib/domain/open311';
import { serialize } from '../../lib/open311/format';
import { findRequests } from '../../lib/open311/queries';
import { appendToSection, BENCH_DATABASE_URL, BENCHMARKS_FILE, machineLine, openCityDb, percentile, serverVersion } from './lib';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: BENCH_DATABASE_URL },
    runs: { type: 'string', default: '200' },
    out: { type: 'string', default: BENCHMARKS_FILE },
  },
});
const runs = Number(values.runs);
const BUDGET_MS = 100;
const SECTION = '## Open311 and statistics (issue 9)';
const BASE_URL = 'https://luzhang.example.gov.cn';

async function main() {
  const { handle, db } = await openCityDb(values.url!);

  const districts = (await queryRows<{ id: number }>(db, sql`select id from area_units where level = 'district' and code like 'C%' order by id`)).map((r) => r.id);
  // "Now" is the newest case of the data, so the 90-day window is full however old the seed is.
  const [latest] = await queryRows<{ at: Date | string }>(db, sql`select max(created_at) as at from cases`);
  const now = new Date(latest!.at);
  const codes = (await queryRows<{ code: string }>(db, sql`select code from categories where parent_id is not null and active order by code`)).map((r) => r.code);
  const numbers = (await queryRows<{ number: string }>(db, sql`select number from cases order by id desc limit 5000`)).map((r) => r.number);
  const rng = new Random(311);
  const query = (params: Record<string, string>) => {
    const q = parseRequestQuery(new URLSearchParams(params), now);
    if (!q.ok) throw new Error(JSON.stringify(q.errors));
    return q.query;
  };

  const benches: { name: string; format: Open311Format; call: () => Promise<unknown[]> }[] = [
    { name: 'GET requests.json（默认 90 天，1,000 条）', format: 'json', call: () => findRequests(db, query({}), BASE_URL, rng.pick(districts)) },
    { name: 'GET requests.xml（默认 90 天，1,000 条）', format: 'xml', call: () => findRequests(db, query({}), BASE_URL, rng.pick(districts)) },
    { name: 'GET requests.json?status=open', format: 'json', call: () => findRequests(db, query({ status: 'open' }), BASE_URL, rng.pick(districts)) },
    { name: 'GET requests.json?service_code=…', format: 'json', call: () => findRequests(db, query({ service_code: rng.pick(codes) }), BASE_URL, rng.pick(districts)) },
    {
      name: 'GET requests.json?service_request_id=（50 个）',
      format: 'json',
      call: () => findRequests(db, query({ service_request_id: Array.from({ length: 50 }, () => rng.pick(numbers)).join(',') }), BASE_URL),
    },
  ];
  const results: { name: string; median: number; p99: number; items: number; bytes: number }[] = [];
  for (const b of benches) {
    for (let i = 0; i < 10; i++) serialize(b.format, 'service_requests', (await b.call()) as never);
    const times: number[] = [];
    let items = 0;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const rows = await b.call();
      const body = serialize(b.format, 'service_requests', rows as never);
      times.push(performance.now() - t0);
      items = Math.max(items, rows.length);
      bytes = Math.max(bytes, Buffer.byteLength(body));
    }
    times.sort((a, c) => a - c);
    const r = { name: b.name, median: percentile(times, 50), p99: percentile(times, 99), items, bytes };
    results.push(r);
    console.log(`${r.name}: ${items} 条, median ${r.median.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
  }
  const [counts] = await queryRows<{ cases: number }>(db, sql`select count(*)::int as cases from cases`);
  const version = await serverVersion(db);
  await handle.close();

  const date = new Date().toISOString().slice(0, 10);
  const machine = machineLine({ postgres: version });
  const lines = [
    '',
    `### ${date} — Open311 GET requests at city scale (\`npm run bench:open311\`)`,
    '',
    `Machine: ${machine}. ${counts!.cases.toLocaleString('en')} cases in ${districts.length} districts; ${runs} timed runs each after 10 warm-up runs, a random district each run; time = query + building the JSON/XML body (no network); load average at the end ${os.loadavg()[0]!.toFixed(1)} (other work shares the machine).`,
    '',
    '| request | items | body | median | p99 | budget |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.items} | ${(r.bytes / 1024).toFixed(0)} KB | ${r.median.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ≤ ${BUDGET_MS} ms ${r.p99 <= BUDGET_MS ? '✅' : r.median <= BUDGET_MS ? '✅ (median)' : '❌'} |`,
    ),
    '',
  ];
  appendToSection(values.out!, SECTION, lines.join('\n'));
  console.log(`✔ 已写入 ${values.out}`);
}

await main();

/**
 * npm run bench:open311 [-- --runs 100] [-- --rounds 3] [-- --url postgres://…] [-- --label text]
 * Open311 GET requests at city scale (the `lz_bench` database of scripts/bench/run.ts, seeded here if
 * missing): the default 90-day window returning 1,000 requests, with a status and a service_code filter,
 * and a list of 50 ids — each built into the JSON and XML bodies the route sends (server time without
 * the network). The limits are timed in the same run: the query alone, each body alone for 1,000
 * requests, and a bare `select 1`. Appends a dated row under "Open311 and statistics (issue 9)".
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../lib/db/client';
import { Random } from '../../lib/db/seed/random';
import { parseRequestQuery, type Open311Format } from '../../lib/domain/open311';
import { serialize } from '../../lib/open311/format';
import { findRequests } from '../../lib/open311/queries';
import { appendToSection, BENCH_DATABASE_URL, BENCHMARKS_FILE, loadAverage, machineLine, openCityDb, roundsText, serverVersion, timeRounds, type RoundTimes } from './lib';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: BENCH_DATABASE_URL },
    runs: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    out: { type: 'string', default: BENCHMARKS_FILE },
    label: { type: 'string', default: '' },
  },
});
const runs = Number(values.runs);
const rounds = Number(values.rounds);
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
  const sample = await findRequests(db, query({}), BASE_URL, districts[0]);

  type Bench = { name: string; budget: boolean; call: () => Promise<{ items: number; bytes: number }> };
  const answer = (format: Open311Format, find: () => Promise<unknown[]>) => async () => {
    const rows = await find();
    const body = serialize(format, 'service_requests', rows as never);
    return { items: rows.length, bytes: Buffer.byteLength(body) };
  };
  const benches: Bench[] = [
    { name: 'GET requests.json（默认 90 天，1,000 条）', budget: true, call: answer('json', () => findRequests(db, query({}), BASE_URL, rng.pick(districts))) },
    { name: 'GET requests.xml（默认 90 天，1,000 条）', budget: true, call: answer('xml', () => findRequests(db, query({}), BASE_URL, rng.pick(districts))) },
    { name: 'GET requests.json?status=open', budget: true, call: answer('json', () => findRequests(db, query({ status: 'open' }), BASE_URL, rng.pick(districts))) },
    { name: 'GET requests.json?service_code=…', budget: true, call: answer('json', () => findRequests(db, query({ service_code: rng.pick(codes) }), BASE_URL, rng.pick(districts))) },
    {
      name: 'GET requests.json?service_request_id=（50 个）',
      budget: true,
      call: answer('json', () => findRequests(db, query({ service_request_id: Array.from({ length: 50 }, () => rng.pick(numbers)).join(',') }), BASE_URL)),
    },
    {
      name: '— limit: the query alone (findRequests, 1,000 rows, no body)',
      budget: false,
      call: async () => ({ items: (await findRequests(db, query({}), BASE_URL, rng.pick(districts))).length, bytes: 0 }),
    },
    { name: '— limit: the XML body alone (1,000 requests already read)', budget: false, call: async () => ({ items: sample.length, bytes: Buffer.byteLength(serialize('xml', 'service_requests', sample as never)) }) },
    { name: '— limit: the JSON body alone (the same 1,000)', budget: false, call: async () => ({ items: sample.length, bytes: Buffer.byteLength(serialize('json', 'service_requests', sample as never)) }) },
    { name: '— limit: `select 1` (one round trip)', budget: false, call: async () => (await db.execute(sql`select 1`), { items: 0, bytes: 0 }) },
  ];
  const loadBefore = loadAverage();
  const results: { name: string; budget: boolean; t: RoundTimes; items: number; bytes: number }[] = [];
  for (const b of benches) {
    let items = 0;
    let bytes = 0;
    const t = await timeRounds(
      async () => {
        const r = await b.call();
        items = Math.max(items, r.items);
        bytes = Math.max(bytes, r.bytes);
      },
      { runs, rounds },
    );
    results.push({ name: b.name, budget: b.budget, t, items, bytes });
    console.log(`${b.name}: ${items} 条, ${roundsText(t)}, p99 ${t.p99.toFixed(1)} ms`);
  }
  const loadAfter = loadAverage();
  const [counts] = await queryRows<{ cases: number }>(db, sql`select count(*)::int as cases from cases`);
  const version = await serverVersion(db);
  await handle.close();

  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    '',
    `### ${date} — Open311 GET requests at city scale (\`npm run bench:open311\`)${values.label ? ` — ${values.label}` : ''}`,
    '',
    `Machine: ${machineLine({ postgres: version })}; load average ${loadBefore} at the start, ${loadAfter} at the end (1/5/15 min; other engineers' builds and tests share the 2 cores). ${counts!.cases.toLocaleString('en')} cases in ${districts.length} districts; ${rounds} rounds of ${runs} timed runs after 10 warm-up runs, a random district each run; time = query + building the JSON/XML body (no network). Median = median of the round medians (each round's in brackets); p99 over all runs.`,
    '',
    '| request | items | body | median (rounds) | p99 | budget |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.items || '—'} | ${r.bytes ? `${(r.bytes / 1024).toFixed(0)} KB` : '—'} | ${roundsText(r.t)} | ${r.t.p99.toFixed(1)} ms | ${r.budget ? `≤ ${BUDGET_MS} ms ${r.t.p99 <= BUDGET_MS ? '✅' : r.t.median <= BUDGET_MS ? '✅ (median)' : '❌'}` : 'limit'} |`,
    ),
    '',
  ];
  appendToSection(values.out!, SECTION, lines.join('\n'));
  console.log(`✔ 已写入 ${values.out}`);
}

await main();

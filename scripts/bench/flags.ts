/**
 * npm run bench:flags [-- --runs 200] [-- --url postgres://…] [-- --no-write]
 * Issue 7 benchmarks: (1) the pure red/black rule engine, standing for 30,000 merchants × 24 months (budget
 * ≤ 1 s); (2) the /lists/black read (getFlagList: last locked month, black flags, standings, accountable
 * first) at city scale on PostgreSQL (budget ≤ 50 ms). Uses the `lz_bench` database that `npm run bench`
 * seeds; marks its 12 months of city flags as locked (rating_periods) so the lists have a published month.
 * Appends a dated section to docs/benchmarks.md under “## 门前三包 (issue 7)”.
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { migrate, openDb, queryRows } from '../../lib/db/client';
import { Random } from '../../lib/db/seed/random';
import { computeStanding, computeStandings, monthFromIndex, monthIndex, type FlagValue, type RatingRules } from '../../lib/domain/flags';
import { getFlagList } from '../../lib/ratings/public';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lz_bench' },
    runs: { type: 'string', default: '200' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    'no-write': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const ENGINE_BUDGET_MS = 1000;
const LIST_BUDGET_MS = 50;
const RULES: RatingRules = { consecutiveBlackLimit: 3, yearlyBlackLimit: 4, redOffsetsPrecedingBlack: true, yearStartMonth: 1 };

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { median: at(50), p90: at(90), p99: at(99), max: s.at(-1)! };
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

function engineBench() {
  const rng = new Random(7);
  const merchants = 30_000;
  const months = 24;
  const asOf = '2026-10';
  const start = monthIndex(asOf) - months + 1;
  const rows: { key: number; month: string; flag: FlagValue }[] = [];
  const monthNames = Array.from({ length: months }, (_, i) => monthFromIndex(start + i));
  for (let m = 0; m < merchants; m++) {
    const pBlack = rng.chance(0.08) ? 0.45 : rng.chance(0.25) ? 0.1 : 0.02;
    for (const month of monthNames) {
      const r = rng.next();
      rows.push({ key: m, month, flag: r < pBlack ? 'black' : r < pBlack + 0.2 ? 'red' : 'none' });
    }
  }
  // Grouped per merchant, as the lists and the grid have them.
  const perMerchant = Array.from({ length: merchants }, (_, m) => rows.slice(m * months, (m + 1) * months));
  const bulk: number[] = [];
  const each: number[] = [];
  let accountable = 0;
  for (let i = 0; i < 3; i++) computeStandings(rows, asOf, RULES); // warm-up
  for (let i = 0; i < 10; i++) {
    let t = performance.now();
    const result = computeStandings(rows, asOf, RULES);
    bulk.push(performance.now() - t);
    accountable = [...result.values()].filter((s) => s.status === 'accountable').length;
    t = performance.now();
    for (const h of perMerchant) computeStanding(h, asOf, RULES);
    each.push(performance.now() - t);
  }
  return { merchants, months, accountable, bulk: stats(bulk), each: stats(each) };
}

async function listBench() {
  const handle = await openDb({ url: values.url, driver: 'pg', maxConnections: 4 });
  const db = handle.db;
  try {
    await migrate(handle);
    const [counts] = await queryRows<{ merchants: number; ratings: number }>(
      db,
      sql`select (select count(*) from merchants where code like 'C%')::int as merchants, (select count(*) from ratings)::int as ratings`,
    );
    if (!counts || counts.merchants === 0) throw new Error('lz_bench has no city data: run `npm run bench` once first.');
    // Publish the city's 12 months (the city seed writes flags but locks nothing).
    await db.execute(sql`insert into rating_periods (street_id, month, locked_at)
      select distinct street_id, month, now() from ratings on conflict (street_id, month) do update set locked_at = coalesce(rating_periods.locked_at, excluded.locked_at)`);
    await db.execute(sql`analyze rating_periods`);
    const streets = await queryRows<{ id: number }>(db, sql`select id from area_units where level = 'street' and code like 'C%'`);
    const [version] = await queryRows<{ v: string }>(db, sql`select current_setting('server_version') as v`);
    const rng = new Random(11);
    const cases = {
      city: () => getFlagList(db, { flag: 'black', subject: 'merchant' }),
      street: () => getFlagList(db, { flag: 'black', subject: 'merchant', streetId: streets[rng.int(0, streets.length - 1)]!.id }),
      search: () => getFlagList(db, { flag: 'black', subject: 'merchant', q: '店' }),
      red: () => getFlagList(db, { flag: 'red', subject: 'merchant' }),
    };
    const out: Record<string, ReturnType<typeof stats> & { total: number }> = {};
    for (const [name, run] of Object.entries(cases)) {
      let total = 0;
      for (let i = 0; i < 10; i++) total = (await run()).total;
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await run();
        samples.push(performance.now() - t);
      }
      out[name] = { ...stats(samples), total };
    }
    return { out, counts, pg: version!.v };
  } finally {
    await handle.close();
  }
}

async function main() {
  const engine = engineBench();
  console.log(`engine ${engine.merchants} × ${engine.months}: computeStandings median ${ms(engine.bulk.median)}, per merchant median ${ms(engine.each.median)}, accountable ${engine.accountable}`);
  const lists = await listBench();
  for (const [k, v] of Object.entries(lists.out)) console.log(`list ${k}: median ${ms(v.median)} p90 ${ms(v.p90)} p99 ${ms(v.p99)} (${v.total} entries)`);
  const ok = (v: number, budget: number) => (v <= budget ? '✅' : '❌');
  const date = new Date().toISOString().slice(0, 10);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, PostgreSQL ${lists.pg}, load average ${load} (1/5/15 min) during the run`;
  const L = lists.out;
  const section = [
    '',
    `### ${date} — red/black standings and lists (\`npm run bench:flags\`)`,
    '',
    `Machine: ${machine}. Engine: generated flags for ${engine.merchants.toLocaleString('en')} merchants × ${engine.months} months (≈ 8 % persistent offenders), 10 timed runs after 3 warm-ups. Lists: \`getFlagList\` (the data behind /lists/black, no data cache) on \`lz_bench\` (${lists.counts.merchants.toLocaleString('en')} city merchants, ${lists.counts.ratings.toLocaleString('en')} flags, 12 months marked locked), ${runs} timed runs after 10 warm-ups, one client.`,
    '',
    '| measurement | median | p90 | p99 | budget |',
    '|---|---|---|---|---|',
    `| engine: computeStandings, 30,000 merchants × 24 months (${engine.accountable.toLocaleString('en')} accountable) | ${ms(engine.bulk.median)} | ${ms(engine.bulk.p90)} | ${ms(engine.bulk.max)} (max) | ≤ ${ENGINE_BUDGET_MS} ms ${ok(engine.bulk.median, ENGINE_BUDGET_MS)} |`,
    `| engine: computeStanding once per merchant, same data | ${ms(engine.each.median)} | ${ms(engine.each.p90)} | ${ms(engine.each.max)} (max) | ≤ ${ENGINE_BUDGET_MS} ms ${ok(engine.each.median, ENGINE_BUDGET_MS)} |`,
    `| /lists/black, whole city, last locked month (${L.city!.total} entries) | ${ms(L.city!.median)} | ${ms(L.city!.p90)} | ${ms(L.city!.p99)} | ≤ ${LIST_BUDGET_MS} ms ${ok(L.city!.median, LIST_BUDGET_MS)} |`,
    `| /lists/black, one random street | ${ms(L.street!.median)} | ${ms(L.street!.p90)} | ${ms(L.street!.p99)} | ≤ ${LIST_BUDGET_MS} ms ${ok(L.street!.median, LIST_BUDGET_MS)} |`,
    `| /lists/black, whole city, name contains “店” (${L.search!.total} entries) | ${ms(L.search!.median)} | ${ms(L.search!.p90)} | ${ms(L.search!.p99)} | ≤ ${LIST_BUDGET_MS} ms ${ok(L.search!.median, LIST_BUDGET_MS)} |`,
    `| /lists/red, whole city (${L.red!.total} entries, no standings) | ${ms(L.red!.median)} | ${ms(L.red!.p90)} | ${ms(L.red!.p99)} | — |`,
    '',
  ].join('\n');
  if (values['no-write']) {
    console.log(section);
    return;
  }
  let doc = fs.readFileSync(values.out!, 'utf8');
  const heading = '## 门前三包 (issue 7)';
  if (!doc.includes(heading)) doc = `${doc.trimEnd()}\n\n${heading}\n`;
  // Append at the end of the issue 7 section (before the next “## ” heading, if any).
  const at = doc.indexOf(heading) + heading.length;
  const next = doc.indexOf('\n## ', at);
  doc = next === -1 ? `${doc.trimEnd()}\n${section}` : `${doc.slice(0, next).trimEnd()}\n${section}${doc.slice(next)}`;
  fs.writeFileSync(values.out!, doc);
  console.log(`→ ${values.out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

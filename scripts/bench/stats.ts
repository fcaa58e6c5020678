/**
 * npm run bench:stats [-- --runs 20] [-- --rounds 3] [-- --url postgres://…] [-- --label text]
 * The reads behind /stats at city scale (the `lz_bench` database of scripts/bench/run.ts, seeded here
 * if missing): one district's 12 months, whole district and by street, uncached (the data cache only
 * hides this cost between revalidations), the 考核 table, and what the rollup's triggers add to a write
 * (one UPDATE, with and without them, rolled back). Appends a dated row under "Open311 and statistics (issue 9)".
 */
import { parseArgs } from 'node:util';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { queryRows } from '../../lib/db/client';
import { Random } from '../../lib/db/seed/random';
import { parseStatsFilter } from '../../lib/domain/stats';
import { getAssessment, getDistrictStats, listStreets } from '../../lib/stats/queries';
import { appendToSection, BENCH_DATABASE_URL, BENCHMARKS_FILE, loadAverage, machineLine, openCityDb, roundsText, serverVersion, timeRounds, type RoundTimes } from './lib';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: BENCH_DATABASE_URL },
    runs: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    out: { type: 'string', default: BENCHMARKS_FILE },
    label: { type: 'string', default: '' },
  },
});
const runs = Number(values.runs);
const rounds = Number(values.rounds);
const BUDGET_MS = 200;
const SECTION = '## Open311 and statistics (issue 9)';

async function main() {
  const { handle, db } = await openCityDb(values.url!);

  const districts = (await queryRows<{ id: number }>(db, sql`select id from area_units where level = 'district' and code like 'C%' order by id`)).map((r) => r.id);
  const streetsOf = new Map<number, number[]>();
  for (const d of districts) streetsOf.set(d, (await listStreets(db, { districtId: d })).map((s) => s.id));
  const rng = new Random(9);
  const now = new Date();
  const lastMonth = parseStatsFilter({}, now, []).filter.to;

  const benches: { name: string; call: () => Promise<unknown> }[] = [
    {
      name: '/stats 全区近 12 个月（listStreets + getDistrictStats）',
      call: async () => {
        const d = rng.pick(districts);
        const streets = await listStreets(db, { districtId: d });
        const { filter } = parseStatsFilter({}, now, streets.map((s) => s.id));
        return getDistrictStats(db, { districtId: d, filter });
      },
    },
    {
      name: '/stats 按街道近 12 个月',
      call: async () => {
        const d = rng.pick(districts);
        const ids = streetsOf.get(d)!;
        const { filter } = parseStatsFilter({ street: String(rng.pick(ids)) }, now, ids);
        return getDistrictStats(db, { districtId: d, filter });
      },
    },
    {
      name: '/staff/reports 考核（按街道，一个月）',
      call: () => getAssessment(db, { districtId: rng.pick(districts), month: lastMonth, group: 'street' }),
    },
    { name: '— limit: `select 1` (one round trip)', call: () => db.execute(sql`select 1`) },
  ];
  const loadBefore = loadAverage();
  const results: { name: string; t: RoundTimes; budget: number | null }[] = [];
  for (const b of benches) {
    const t = await timeRounds(b.call, { warmup: 5, runs, rounds });
    results.push({ name: b.name, t, budget: b.name.startsWith('/stats') ? BUDGET_MS : null });
    console.log(`${b.name}: ${roundsText(t)}, p99 ${t.p99.toFixed(1)} ms`);
  }
  // What the rollup's triggers add to a write: one UPDATE of a closed case, in a transaction that is rolled back
  // (so the data and the rollup stay as they were), with the triggers and with them disabled.
  const [target] = await queryRows<{ id: number }>(db, sql`select id from cases where status = 'closed' order by id desc limit 1`);
  const writes = [
    { name: 'UPDATE of one case that changes nothing /stats counts (version)', query: sql`update cases set version = version + 1 where id = ${target!.id}` },
    { name: 'UPDATE of one case that moves its 结案 time', query: sql`update cases set closed_at = closed_at + interval '1 second' where id = ${target!.id}` },
  ];
  for (const triggers of [true, false]) {
    await db
      .transaction(async (tx) => {
        if (!triggers) await tx.execute(sql`alter table cases disable trigger case_stats_update`);
        for (const w of writes) {
          const t = await timeRounds(() => tx.execute(w.query), { warmup: 20, runs: 200, rounds });
          const name = `— write: ${w.name}, ${triggers ? 'with the rollup triggers' : 'triggers disabled'}`;
          results.push({ name, t, budget: null });
          console.log(`${name}: ${roundsText(t)}, p99 ${t.p99.toFixed(1)} ms`);
        }
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
  }
  const loadAfter = loadAverage();
  const [counts] = await queryRows<{ cases: number }>(db, sql`select count(*)::int as cases from cases`);
  const version = await serverVersion(db);
  await handle.close();

  const date = new Date().toISOString().slice(0, 10);
  const machine = machineLine({ postgres: version });
  const lines = [
    '',
    `### ${date} — /stats and 考核 queries at city scale (\`npm run bench:stats\`)${values.label ? ` — ${values.label}` : ''}`,
    '',
    `Machine: ${machine}; load average ${loadBefore} at the start, ${loadAfter} at the end (1/5/15 min; other engineers' builds and tests share the 2 cores). ${counts!.cases.toLocaleString('en')} cases in ${districts.length} districts; ${rounds} rounds of ${runs} timed runs after 5 warm-up runs, random district/street, no data cache. Median = median of the round medians (each round's in brackets); p99 over all runs.`,
    '',
    '| query | median (rounds) | p99 | budget |',
    '|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${roundsText(r.t)} | ${r.t.p99.toFixed(1)} ms | ${r.budget === null ? (r.name.startsWith('— limit') ? 'limit' : '—') : `≤ ${r.budget} ms ${r.t.p99 <= r.budget ? '✅' : r.t.median <= r.budget ? '✅ (median)' : '❌'}`} |`,
    ),
    '',
  ];
  appendToSection(values.out!, SECTION, lines.join('\n'));
  console.log(`✔ 已写入 ${values.out}`);
}

await main();

/**
 * npm run bench:stats [-- --runs 200] [-- --url postgres://…]
 * The reads behind /stats at city scale (the `lz_bench` database of scripts/bench/run.ts, seeded here
 * if missing): one district's 12 months, whole district and by street, uncached (the data cache only
 * hides this cost between revalidations). Appends a dated row under "Open311 and statistics (issue 9)".
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../lib/db/client';
import { Random } from '../../lib/db/seed/random';
import { parseStatsFilter } from '../../lib/domain/stats';
import { getAssessment, getDistrictStats, listStreets } from '../../lib/stats/queries';
import { appendToSection, BENCH_DATABASE_URL, BENCHMARKS_FILE, machineLine, openCityDb, percentile, serverVersion } from './lib';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: BENCH_DATABASE_URL },
    runs: { type: 'string', default: '200' },
    out: { type: 'string', default: BENCHMARKS_FILE },
  },
});
const runs = Number(values.runs);
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
  ];
  const results: { name: string; median: number; p99: number; budget: number | null }[] = [];
  for (const b of benches) {
    for (let i = 0; i < 10; i++) await b.call();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await b.call();
      times.push(performance.now() - t0);
    }
    times.sort((a, c) => a - c);
    const r = { name: b.name, median: percentile(times, 50), p99: percentile(times, 99), budget: b.name.startsWith('/stats') ? BUDGET_MS : null };
    results.push(r);
    console.log(`${r.name}: median ${r.median.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
  }
  const [counts] = await queryRows<{ cases: number }>(db, sql`select count(*)::int as cases from cases`);
  const version = await serverVersion(db);
  await handle.close();

  const date = new Date().toISOString().slice(0, 10);
  const machine = machineLine({ postgres: version });
  const lines = [
    '',
    `### ${date} — /stats and 考核 queries at city scale (\`npm run bench:stats\`)`,
    '',
    `Machine: ${machine}. ${counts!.cases.toLocaleString('en')} cases in ${districts.length} districts; ${runs} timed runs each after 10 warm-up runs, random district/street, no data cache.`,
    '',
    '| query | median | p99 | budget |',
    '|---|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${r.median.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.budget === null ? '—' : `≤ ${r.budget} ms ${r.p99 <= r.budget ? '✅' : r.median <= r.budget ? '✅ (median)' : '❌'}`} |`),
    '',
  ];
  appendToSection(values.out!, SECTION, lines.join('\n'));
  console.log(`✔ 已写入 ${values.out}`);
}

await main();

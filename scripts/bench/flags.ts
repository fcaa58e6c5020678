/**
 * npm run bench:flags [-- --runs 100] [-- --rounds 3] [-- --url postgres://…] [-- --label text]
 * Issue 7 benchmarks: (1) the pure red/black rule engine, standing for 30,000 merchants × 24 months (budget
 * ≤ 1 s); (2) the /lists/black read (getFlagList: last locked month, black flags, standings, accountable
 * first) at city scale on PostgreSQL (budget ≤ 50 ms), with its limits timed in the same run: the list's
 * rows query alone (no histories), and a bare `select 1`. Uses the `lz_bench` database (seeded if missing)
 * and marks its 12 months of city flags as locked (rating_periods) so the lists have a published month.
 * Appends a dated section to docs/benchmarks.md under “## 门前三包 (issue 7)”.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../lib/db/client';
import { Random } from '../../lib/db/seed/random';
import { computeStanding, computeStandings, monthFromIndex, monthIndex, type FlagValue, type RatingRules } from '../../lib/domain/flags';
import { getFlagList, lastLockedMonth } from '../../lib/ratings/public';
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
const ENGINE_BUDGET_MS = 1000;
const LIST_BUDGET_MS = 50;
const SECTION = '## 门前三包 (issue 7)';
const RULES: RatingRules = { consecutiveBlackLimit: 3, yearlyBlackLimit: 4, redOffsetsPrecedingBlack: true, yearStartMonth: 1 };

async function engineBench() {
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
  const accountable = [...computeStandings(rows, asOf, RULES).values()].filter((s) => s.status === 'accountable').length;
  const bulk = await timeRounds(() => computeStandings(rows, asOf, RULES), { warmup: 3, runs: 5, rounds });
  const each = await timeRounds(
    () => {
      for (const h of perMerchant) computeStanding(h, asOf, RULES);
    },
    { warmup: 3, runs: 5, rounds },
  );
  return { merchants, months, accountable, bulk, each };
}

async function listBench() {
  const { handle, db } = await openCityDb(values.url!);
  try {
    const [counts] = await queryRows<{ merchants: number; ratings: number }>(
      db,
      sql`select (select count(*) from merchants where code like 'C%')::int as merchants, (select count(*) from ratings)::int as ratings`,
    );
    // Publish the city's 12 months (the city seed writes flags but locks nothing).
    await db.execute(sql`insert into rating_periods (street_id, month, locked_at)
      select distinct street_id, month, now() from ratings on conflict (street_id, month) do update set locked_at = coalesce(rating_periods.locked_at, excluded.locked_at)`);
    await db.execute(sql`analyze rating_periods`);
    const streets = await queryRows<{ id: number }>(db, sql`select id from area_units where level = 'street' and code like 'C%'`);
    const month = (await lastLockedMonth(db))!;
    const rng = new Random(11);
    const benches: { name: string; budget: number | null; call: () => Promise<number> }[] = [
      { name: '/lists/black, whole city, last locked month', budget: LIST_BUDGET_MS, call: async () => (await getFlagList(db, { flag: 'black', subject: 'merchant' })).total },
      {
        name: '/lists/black, one random street',
        budget: LIST_BUDGET_MS,
        // Entries vary by street: not shown.
        call: async () => (await getFlagList(db, { flag: 'black', subject: 'merchant', streetId: streets[rng.int(0, streets.length - 1)]!.id }), 0),
      },
      { name: '/lists/black, whole city, name contains “店”', budget: LIST_BUDGET_MS, call: async () => (await getFlagList(db, { flag: 'black', subject: 'merchant', q: '店' })).total },
      { name: '/lists/red, whole city (no standings)', budget: null, call: async () => (await getFlagList(db, { flag: 'red', subject: 'merchant' })).total },
      {
        // The black list's own rows (names, street, segment, reasons of the month's black flags), without histories or standings.
        name: '— limit: the black list’s rows query alone, whole city',
        budget: null,
        call: async () =>
          (
            await queryRows(
              db,
              sql`select m.id, m.code, m.name, m.address, st.name as street, sg.name as segment, r.reasons
                  from ratings r join rating_periods p on p.street_id = r.street_id and p.month = r.month and p.locked_at is not null
                  join merchants m on m.id = r.merchant_id join segments sg on sg.id = m.segment_id join area_units st on st.id = r.street_id
                  where r.month = ${`${month}-01`}::date and r.flag = 'black' and r.revoked_by_appeal_id is null and r.subject = 'merchant' and m.active
                  order by st.sort_order, st.name, m.name`,
            )
          ).length,
      },
      { name: '— limit: `select 1` (one round trip)', budget: null, call: async () => (await db.execute(sql`select 1`), 0) },
    ];
    const out: { name: string; budget: number | null; t: RoundTimes; total: number }[] = [];
    for (const b of benches) {
      let total = 0;
      const t = await timeRounds(
        async () => {
          total = await b.call();
        },
        { runs, rounds },
      );
      out.push({ name: b.name, budget: b.budget, t, total });
      console.log(`${b.name}: ${roundsText(t)}, p99 ${t.p99.toFixed(1)} ms (${total} entries)`);
    }
    return { out, counts: counts!, pg: await serverVersion(db) };
  } finally {
    await handle.close();
  }
}

async function main() {
  const loadBefore = loadAverage();
  const engine = await engineBench();
  console.log(`engine ${engine.merchants} × ${engine.months}: computeStandings ${roundsText(engine.bulk)}, per merchant ${roundsText(engine.each)}, accountable ${engine.accountable}`);
  const lists = await listBench();
  const loadAfter = loadAverage();
  const ok = (v: number, budget: number) => (v <= budget ? '✅' : '❌');
  const date = new Date().toISOString().slice(0, 10);
  const section = [
    '',
    `### ${date} — red/black standings and lists (\`npm run bench:flags\`)${values.label ? ` — ${values.label}` : ''}`,
    '',
    `Machine: ${machineLine({ postgres: lists.pg })}; load average ${loadBefore} at the start, ${loadAfter} at the end (1/5/15 min; other engineers' builds and tests share the 2 cores). Engine: generated flags for ${engine.merchants.toLocaleString('en')} merchants × ${engine.months} months (≈ 8 % persistent offenders), ${rounds} rounds of 5 timed runs after 3 warm-ups. Lists: \`getFlagList\` (the data behind /lists/black, no data cache) on \`lz_bench\` (${lists.counts.merchants.toLocaleString('en')} city merchants, ${lists.counts.ratings.toLocaleString('en')} flags, 12 months marked locked), ${rounds} rounds of ${runs} timed runs after 10 warm-ups, one client. Median = median of the round medians (each round's in brackets); p90/p99 over all runs.`,
    '',
    '| measurement | median (rounds) | p90 | p99 | budget |',
    '|---|---|---|---|---|',
    `| engine: computeStandings, 30,000 merchants × 24 months (${engine.accountable.toLocaleString('en')} accountable) | ${roundsText(engine.bulk)} | ${engine.bulk.p90.toFixed(1)} ms | ${engine.bulk.p99.toFixed(1)} ms | ≤ ${ENGINE_BUDGET_MS} ms ${ok(engine.bulk.median, ENGINE_BUDGET_MS)} |`,
    `| engine: computeStanding once per merchant, same data | ${roundsText(engine.each)} | ${engine.each.p90.toFixed(1)} ms | ${engine.each.p99.toFixed(1)} ms | ≤ ${ENGINE_BUDGET_MS} ms ${ok(engine.each.median, ENGINE_BUDGET_MS)} |`,
    ...lists.out.map(
      (r) =>
        `| ${r.name}${r.total ? ` (${r.total.toLocaleString('en')} entries)` : ''} | ${roundsText(r.t)} | ${r.t.p90.toFixed(1)} ms | ${r.t.p99.toFixed(1)} ms | ${r.budget === null ? (r.name.startsWith('—') ? 'limit' : '—') : `≤ ${r.budget} ms ${ok(r.t.median, r.budget)}`} |`,
    ),
    '',
  ].join('\n');
  appendToSection(values.out!, SECTION, section);
  console.log(`✔ 已写入 ${values.out}`);
}

await main();

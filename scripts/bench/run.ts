/**
 * npm run bench [-- --fresh] [-- --runs 1000] [-- --url postgres://…] [-- --only listInbox]
 * City-scale benchmarks on a real PostgreSQL (default: a `lz_bench` database on 127.0.0.1:5432):
 * seeds ten districts and a million cases once (timed), then times the hot public and staff reads
 * ≥ 1,000 times each, EXPLAINs what they sent, and appends dated rows to docs/benchmarks.md.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../lib/db/client';
import { countInbox, getCaseByNumber, listInbox, type ScopeActor } from '../../lib/cases/queries';
import { searchMerchantsByName } from '../../lib/merchants/queries';
import { getSegmentPage } from '../../lib/segments/queries';
import { Random } from '../../lib/db/seed/random';
import { BENCH_DATABASE_URL, BENCHMARKS_FILE, machineLine, openCityDb, percentile, serverVersion } from './lib';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: BENCH_DATABASE_URL },
    fresh: { type: 'boolean', default: false },
    runs: { type: 'string', default: '1000' },
    out: { type: 'string', default: BENCHMARKS_FILE },
    /** Only the queries whose name contains this text (the baseline always runs), e.g. `--only listInbox`. */
    only: { type: 'string' },
  },
});
const runs = Number(values.runs);
const BUDGET_MS = 5;
/** Issue 6: the dispatcher inbox at city scale, median. */
const INBOX_BUDGET_MS = 20;

interface Captured {
  query: string;
  params: unknown[];
}

async function main() {
  let capture: Captured[] | null = null;
  const { handle, db, created, seeded, seedSeconds } = await openCityDb(values.url!, {
    fresh: values.fresh,
    logger: { logQuery: (query, params) => capture?.push({ query, params }) },
  });
  if (!seeded) console.log(`· 使用已有城市规模数据（${created ? '新库' : '沿用'}）`);

  const rng = new Random(2026);
  const segmentCodes = (await queryRows<{ code: string }>(db, sql`select code from segments where code like 'C%' order by code`)).map((r) => r.code);
  const caseNumbers = (await queryRows<{ number: string }>(db, sql`select number from cases tablesample system (1) limit 5000`)).map((r) => r.number);
  const streets = (await queryRows<{ id: number }>(db, sql`select id from area_units where level = 'street' and code like 'C%'`)).map((r) => r.id);
  const prefixes = (await queryRows<{ p: string }>(db, sql`select distinct left(name, 2) as p from merchants where code like 'C%'`)).map((r) => r.p);
  const districts = (await queryRows<{ id: number }>(db, sql`select id from area_units where level = 'district' and code like 'C%'`)).map((r) => r.id);
  const categoryIds = (await queryRows<{ id: number }>(db, sql`select distinct category_id as id from cases tablesample system (1) where category_id is not null`)).map((r) => r.id);
  const now = new Date();
  /** A district-wide dispatcher (no street scope), as lib/auth hands one to the inbox. */
  const districtDesk = (): ScopeActor => ({ scopeType: 'district', scopeAreaId: rng.pick(districts), chiefId: null, departmentId: null });
  type InboxArgs = Parameters<typeof listInbox>[1];
  /**
   * Inbox queries to time one page each: for 40 draws of the filters (a random district, category…), pages
   * 1, 2 and 3 by their keyset cursors, found before timing starts.
   */
  const inboxPool = async (draw: () => InboxArgs): Promise<InboxArgs[]> => {
    const pool: InboxArgs[] = [];
    for (let i = 0; i < 40; i++) {
      const filters = draw();
      pool.push(filters);
      let next = (await listInbox(db, filters)).next;
      for (let p = 0; p < 2 && next; p++) {
        pool.push({ ...filters, after: next });
        next = (await listInbox(db, { ...filters, after: next })).next;
      }
    }
    return pool;
  };
  const inboxCase = async (name: string, draw: () => InboxArgs) => {
    const pool = await inboxPool(draw);
    return { name, call: () => listInbox(db, rng.pick(pool)) };
  };

  const cases: { name: string; call: () => Promise<unknown> }[] = [
    { name: '路段页查询 getSegmentPage', call: () => getSegmentPage(db, { code: rng.pick(segmentCodes), now }) },
    { name: '按编号查案件 getCaseByNumber', call: () => getCaseByNumber(db, { number: rng.pick(caseNumbers) }) },
    {
      name: '坐席待办 listInbox（街道+状态，键集分页 50 条，第 1–3 页）',
      call: async () => {
        const first = await listInbox(db, { status: 'dispatched', streetId: rng.pick(streets), limit: 50 });
        const pages = rng.int(0, 2);
        let next = first.next;
        for (let i = 0; i < pages && next; i++) next = (await listInbox(db, { status: 'dispatched', streetId: rng.pick(streets), after: next, limit: 50 })).next;
      },
    },
    await inboxCase('区级坐席待办 listInbox（全区，无街道筛选，已派遣，按时限排序，50 条一页，第 1–3 页之一）', () => ({
      status: 'dispatched',
      scope: districtDesk(),
      sort: 'deadline',
      limit: 50,
      now,
    })),
    await inboxCase('区级坐席待办 listInbox（全区，待受理，按时限排序，一页）', () => ({ status: 'submitted', scope: districtDesk(), sort: 'deadline', limit: 50, now })),
    await inboxCase('区级坐席待办 listInbox（全区，已结案页签，按时限排序，一页）', () => ({ status: 'closed', scope: districtDesk(), sort: 'deadline', limit: 50, now })),
    await inboxCase('区级坐席待办 listInbox（全区，筛选：已超期，一页）', () => ({ status: 'dispatched', scope: districtDesk(), overdue: true, sort: 'deadline', limit: 50, now })),
    await inboxCase('区级坐席待办 listInbox（全区，筛选：24 小时内到期 + 问题类型，一页）', () => ({
      status: 'dispatched',
      scope: districtDesk(),
      dueWithinHours: 24,
      categoryId: rng.pick(categoryIds),
      sort: 'deadline',
      limit: 50,
      now,
    })),
    await inboxCase('区级坐席待办 listInbox（全区，筛选：来源 热线，最新在前，一页）', () => ({ status: 'dispatched', scope: districtDesk(), source: 'hotline', sort: 'newest', limit: 50, now })),
    await inboxCase('坐席待办 listInbox（街道 + 已超期，按时限排序，一页）', () => ({ status: 'dispatched', streetId: rng.pick(streets), overdue: true, sort: 'deadline', limit: 50, now })),
    { name: '待办各状态计数 countInbox（全区，各页签 + 超期）', call: () => countInbox(db, { scope: districtDesk(), now }) },
    { name: '商户名前缀搜索 searchMerchantsByName', call: () => searchMerchantsByName(db, { prefix: rng.pick(prefixes) }) },
  ];
  // A bare query on the same pool: what one round trip costs here, for the ratio.
  cases.push({ name: '基线：select 1（同一连接池）', call: () => db.execute(sql`select 1`) });
  if (values.only) cases.splice(0, cases.length, ...cases.filter((c) => c.name.includes(values.only!) || c.name.startsWith('基线')));

  const results: { name: string; median: number; p99: number; explain: string[]; indexes: string[] }[] = [];
  for (const c of cases) {
    for (let i = 0; i < 50; i++) await c.call(); // warm caches and the pool
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await c.call();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    capture = [];
    await c.call();
    const sent = capture;
    capture = null;
    const explain: string[] = [];
    const indexes = new Set<string>();
    const raw = (handle.db as unknown as { $client: pg.Pool }).$client;
    for (const q of sent) {
      if (q.query.trim() === 'select 1') continue;
      const { rows } = await raw.query(`explain (costs off) ${q.query}`, q.params as unknown[]);
      const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      for (const m of plan.matchAll(/(?:Index(?: Only)? Scan(?: Backward)?|Bitmap Index Scan) (?:using|on) (\w+)/g)) indexes.add(m[1]!);
      explain.push(plan);
    }
    results.push({ name: c.name, median: percentile(times, 50), p99: percentile(times, 99), explain, indexes: [...indexes] });
    console.log(`${c.name}: median ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, 索引 ${[...indexes].join(', ') || '—'}`);
  }

  const counts = (await queryRows<{ segments: number; merchants: number; cases: number }>(
    db,
    sql`select (select count(*) from segments)::int as segments, (select count(*) from merchants)::int as merchants, (select count(*) from cases)::int as cases`,
  ))[0]!;
  const version = await serverVersion(db);
  await handle.close();

  const date = new Date().toISOString().slice(0, 10);
  const machine = machineLine({ postgres: version, memory: true });
  const baseline = results.find((r) => r.name.startsWith('基线'))!;
  // The inbox and its tab counts have issue 6's budget; the public reads keep the tighter one.
  const budgetOf = (name: string) => (/listInbox|countInbox/.test(name) ? INBOX_BUDGET_MS : BUDGET_MS);
  const lines: string[] = [
    '',
    `## ${date} — city scale on PostgreSQL (\`npm run bench\`)`,
    '',
    `Machine: ${machine}. Data: ${counts.segments.toLocaleString('en')} segments, ${counts.merchants.toLocaleString('en')} merchants, ${counts.cases.toLocaleString('en')} cases. ${runs} timed runs each after 50 warm-up runs, sequential, one client.`,
    '',
    seeded ? `- City-scale seed (\`npm run db:seed -- --scale city\` equivalent, 10 districts, 1,000,000 cases): **${seedSeconds.toFixed(1)} s**` : '- City-scale seed: not re-run (data already present; use `--fresh` to time it).',
    '',
    '| query | median | p99 | budget (median) | × baseline | indexes used |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.median.toFixed(2)} ms | ${r.p99.toFixed(2)} ms | ${r.name.startsWith('基线') ? '—' : `≤ ${budgetOf(r.name)} ms ${r.median <= budgetOf(r.name) ? '✅' : '❌'}`} | ${(r.median / baseline.median).toFixed(1)} | ${r.indexes.join(', ') || '—'} |`,
    ),
    '',
    '<details><summary>EXPLAIN of each statement sent (one call)</summary>',
    '',
    ...results
      .filter((r) => r.explain.length)
      .flatMap((r) => [`**${r.name}**`, '', ...r.explain.map((p) => `\`\`\`\n${p}\n\`\`\``), '']),
    '</details>',
    '',
  ];
  if (!fs.existsSync(values.out!)) fs.writeFileSync(values.out!, '# Benchmarks\n\nDated rows written by `npm run bench` and the scripts in `scripts/bench/`. Never edited by hand except this header.\n');
  fs.appendFileSync(values.out!, lines.join('\n'));
  console.log(`✔ 已写入 ${values.out}`);
}

await main();

/**
 * /stats from its rollup (case_stats_monthly and case_close_times, kept by triggers on cases) against the
 * one pass over the cases it replaced, kept here as the oracle: on the demo district for many periods and
 * every street, then after each kind of write a case can see — the closed loop, a verification that fails,
 * a rejection, a rating, a reopening, a reclassification, a move to another street, a case open for more
 * than a year, a deadline before the report, a deletion — and the triggers' tables against a rebuild.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { queryRows, type Db, type Tx } from '@/lib/db/client';
import { applyCaseAction, createStaffCase, type ActionActor, type ActionInput } from '@/lib/cases/transitions';
import { rateClosedCase, reopenClosedCase } from '@/lib/cases/citizen';
import type { StaffCaseAction } from '@/lib/domain/case-flow';
import { monthRange, monthsBetween, parseStatsFilter, type Month, type StatsFilter } from '@/lib/domain/stats';
import { getDistrict, getDistrictStats, listStreets, STATS_LOOKBACK_DAYS, type DistrictStats, type MonthlyStats } from '@/lib/stats/queries';
import { demoActor } from '../fixtures/actors';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_TODAY } from '../fixtures/seeded';

type Conn = Db | Tx;


interface GroupRow {
  kind: 'r' | 'c' | 'd';
  month: string | null;
  street_id: number | null;
  category_id: number | null;
  sat: number | null;
  n: number;
  on_time: number;
  median_hours: number | null;
  rated: number;
  sat_sum: number;
  g_month: number;
  g_street: number;
  g_category: number;
  g_sat: number;
}

const CST = sql.raw(`'Asia/Shanghai'`);

/** /stats as it was computed before the rollup: one pass over the cases (kept here as the oracle). */
async function statsFromCases(db: Conn, { districtId, filter }: { districtId: number; filter: StatsFilter }): Promise<DistrictStats> {
  const { start, end } = monthRange(filter.from, filter.to);
  const lookback = new Date(start.getTime() - STATS_LOOKBACK_DAYS * 86_400_000);
  const street = filter.streetId;
  const streetCond = street === null ? sql`true` : sql`street_id = ${street}`;
  const rows = await queryRows<GroupRow>(
    db,
    sql`with c as (
          select street_id, category_id, status, created_at, closed_at, deadline_at, satisfaction,
                 coalesce(handled_at, closed_at) as finished_at
          from cases
          where district_id = ${districtId} and created_at >= ${lookback.toISOString()}::timestamptz
            and created_at < ${end.toISOString()}::timestamptz and ${streetCond}
        ), e as (
          select 'r' as kind, to_char(created_at at time zone ${CST}, 'YYYY-MM') as month, street_id, category_id,
                 null::float8 as hours, null::int as sat, false as on_time
          from c where created_at >= ${start.toISOString()}::timestamptz
          union all
          select 'c', to_char(closed_at at time zone ${CST}, 'YYYY-MM'), street_id, category_id,
                 extract(epoch from closed_at - created_at)::float8 / 3600, satisfaction::int, false
          from c where closed_at >= ${start.toISOString()}::timestamptz and closed_at < ${end.toISOString()}::timestamptz
          union all
          select 'd', to_char(deadline_at at time zone ${CST}, 'YYYY-MM'), street_id, category_id, null, null,
                 coalesce(finished_at <= deadline_at, false)
          from c where status <> 'rejected' and deadline_at >= ${start.toISOString()}::timestamptz
            and deadline_at < ${end.toISOString()}::timestamptz
        )
        select kind, month, street_id, category_id, sat, count(*)::int as n,
               count(*) filter (where on_time)::int as on_time,
               percentile_cont(0.5) within group (order by hours) as median_hours,
               count(sat)::int as rated, coalesce(sum(sat), 0)::int as sat_sum,
               grouping(month) as g_month, grouping(street_id) as g_street, grouping(category_id) as g_category, grouping(sat) as g_sat
        from e
        group by grouping sets ((kind), (kind, month), (kind, street_id), (kind, category_id), (kind, sat))`,
  );

  const flags = await queryRows<{ month: string; red: number; black: number }>(
    db,
    sql`select to_char(r.month, 'YYYY-MM') as month,
               count(*) filter (where r.flag = 'red')::int as red, count(*) filter (where r.flag = 'black')::int as black
        from ratings r join area_units st on st.id = r.street_id
        join rating_periods p on p.street_id = r.street_id and p.month = r.month and p.locked_at is not null
        where st.parent_id = ${districtId} and r.revoked_by_appeal_id is null and r.flag <> 'none'
          and r.month >= ${`${filter.from}-01`}::date and r.month <= ${`${filter.to}-01`}::date
          and ${street === null ? sql`true` : sql`r.street_id = ${street}`}
        group by 1`,
  );

  const months = new Map<Month, MonthlyStats>(
    monthsBetween(filter.from, filter.to).map((m) => [
      m,
      { month: m, received: 0, closed: 0, due: 0, onTime: 0, medianHours: null, ratedCount: 0, ratedSum: 0, red: 0, black: 0 },
    ]),
  );
  const totals: Omit<MonthlyStats, 'month'> = { received: 0, closed: 0, due: 0, onTime: 0, medianHours: null, ratedCount: 0, ratedSum: 0, red: 0, black: 0 };
  const ratings = [0, 0, 0, 0, 0];
  const byCategory = new Map<number, number>();
  const byStreet = new Map<number, { received: number; closed: number; due: number; onTime: number }>();
  const apply = (target: Omit<MonthlyStats, 'month'>, r: GroupRow) => {
    if (r.kind === 'r') target.received = r.n;
    if (r.kind === 'c') {
      target.closed = r.n;
      target.medianHours = r.median_hours === null ? null : Number(r.median_hours);
      target.ratedCount = r.rated;
      target.ratedSum = r.sat_sum;
    }
    if (r.kind === 'd') {
      target.due = r.n;
      target.onTime = r.on_time;
    }
  };
  for (const r of rows) {
    const flagsOf = { month: Number(r.g_month), street: Number(r.g_street), category: Number(r.g_category), sat: Number(r.g_sat) };
    const level = flagsOf.month + flagsOf.street + flagsOf.category + flagsOf.sat;
    if (level === 4) apply(totals, r);
    else if (!flagsOf.month && r.month) {
      const m = months.get(r.month);
      if (m) apply(m, r);
    } else if (!flagsOf.street && r.street_id !== null) {
      const s = byStreet.get(r.street_id) ?? { received: 0, closed: 0, due: 0, onTime: 0 };
      if (r.kind === 'r') s.received = r.n;
      if (r.kind === 'c') s.closed = r.n;
      if (r.kind === 'd') {
        s.due = r.n;
        s.onTime = r.on_time;
      }
      byStreet.set(r.street_id, s);
    } else if (!flagsOf.category && r.kind === 'r' && r.category_id !== null) byCategory.set(r.category_id, r.n);
    else if (!flagsOf.sat && r.kind === 'c' && r.sat !== null && r.sat >= 1 && r.sat <= 5) ratings[r.sat - 1] = r.n;
  }
  for (const f of flags) {
    const m = months.get(f.month);
    if (m) {
      m.red = f.red;
      m.black = f.black;
    }
    totals.red += f.red;
    totals.black += f.black;
  }

  const topIds = [...byCategory.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10);
  const categoryNames = topIds.length
    ? await queryRows<{ id: number; code: string; name: string; parent_name: string | null }>(
        db,
        sql`select c.id, c.code, c.name, p.name as parent_name from categories c left join categories p on p.id = c.parent_id
            where c.id in (${sql.join(topIds.map(([id]) => sql`${id}`), sql`, `)})`,
      )
    : [];
  const nameById = new Map(categoryNames.map((c) => [c.id, c]));
  const streets = await listStreets(db, { districtId });
  return {
    months: [...months.values()],
    totals,
    ratings,
    categories: topIds.map(([id, received]) => ({
      code: nameById.get(id)?.code ?? '',
      name: nameById.get(id)?.name ?? '未分类',
      parentName: nameById.get(id)?.parent_name ?? null,
      received,
    })),
    streets: streets
      .filter((s) => street === null || s.id === street)
      .map((s) => ({ id: s.id, name: s.name, ...(byStreet.get(s.id) ?? { received: 0, closed: 0, due: 0, onTime: 0 }) })),
  };
}


let t: TestDb;
let districtId: number;
let streetIds: number[];
let dispatcher: ActionActor;
let chief: ActionActor;
let inspector: ActionActor;
let segmentCode: string;
let categoryCode: string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR);
const TWELVE_MONTHS = () => parseStatsFilter({}, TEST_TODAY, streetIds).filter;

const actorOf = (username: string) => demoActor(t.db, username);

/** Both ways, for each filter: they must agree to the last float of the medians. */
async function expectSame(filters: StatsFilter[], label: string) {
  for (const filter of filters) {
    const [rollup, direct] = [await getDistrictStats(t.db, { districtId, filter }), await statsFromCases(t.db, { districtId, filter })];
    expect({ label, filter, stats: rollup }).toEqual({ label, filter, stats: direct });
  }
}

/** The periods a case at `when` shows in: 12 months to now, its street's, its own month, and two years to its month. */
function filtersAround(when: Date, streetId: number | null): StatsFilter[] {
  const month = new Date(when.getTime() + 8 * HOUR).toISOString().slice(0, 7);
  const twelve = TWELVE_MONTHS();
  const twoYears = { from: `${Number(month.slice(0, 4)) - 2}-${month.slice(5)}`, to: month, streetId: null };
  return [twelve, { ...twelve, streetId }, { from: month, to: month, streetId: null }, twoYears];
}

async function photo(color = '#777777'): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: color } }).jpeg().toBuffer();
}

async function newCase(now: Date) {
  const created = await createStaffCase(t.db, { actor: chief, source: 'patrol', categoryCode, segmentCode, description: '路面有一处坑洼', photos: { report: [{ name: 'r.jpg', data: await photo() }] }, now });
  if (!created.ok) throw new Error(`patrol case refused: ${created.message}`);
  return { id: created.caseId, version: created.version };
}

async function act(c: { id: number; version: number }, actor: ActionActor, action: StaffCaseAction, input: ActionInput, now: Date) {
  const result = await applyCaseAction(t.db, { caseId: c.id, expectedVersion: c.version, actor, action, input, now });
  if (!result.ok) throw new Error(`${action} refused: ${result.message}`);
  c.version = result.version;
}

async function streetOf(caseId: number): Promise<number | null> {
  const [row] = await queryRows<{ street_id: number | null }>(t.db, sql`select street_id from cases where id = ${caseId}`);
  return row!.street_id;
}

/** The rollup tables' rows that count anything, in key order (rows a decrement brought to zero are left in place). */
async function rollupRows() {
  return {
    monthly: await queryRows(
      t.db,
      sql`select district_id, street_id, category_id, to_char(month, 'YYYY-MM-DD') as month, received, closed, due, on_time, rated, rated_sum,
                 rated1, rated2, rated3, rated4, rated5
          from case_stats_monthly
          where received <> 0 or closed <> 0 or due <> 0 or on_time <> 0 or rated <> 0 or rated_sum <> 0
          order by district_id, month, street_id nulls first, category_id nulls first`,
    ),
    closeTimes: await queryRows(
      t.db,
      sql`select case_id, district_id, street_id, to_char(month, 'YYYY-MM-DD') as month, created_at::text as created_at, hours from case_close_times order by case_id`,
    ),
  };
}

beforeAll(async () => {
  t = await openTestDb();
  districtId = (await getDistrict(t.db))!.id;
  streetIds = (await listStreets(t.db, { districtId })).map((s) => s.id);
  dispatcher = await actorOf('dispatcher');
  chief = await actorOf('chief');
  inspector = await actorOf('inspector');
  const [seg] = await queryRows<{ code: string }>(
    t.db,
    sql`select s.code from chief_assignments a join segments s on s.id = a.segment_id where a.chief_id = ${chief.chiefId} and a.ends_on is null and s.active order by s.id limit 1`,
  );
  segmentCode = seg!.code;
  const [cat] = await queryRows<{ code: string }>(t.db, sql`select code from categories where parent_id is not null and active and time_limit_hours is not null order by id limit 1`);
  categoryCode = cat!.code;
});
afterAll(() => t?.close());

describe('/stats from the rollup', () => {
  it('answers exactly what one pass over the cases answers for the demo district: any period, the whole district or one street', async () => {
    const twelve = TWELVE_MONTHS();
    const filters: StatsFilter[] = [
      twelve,
      ...streetIds.map((streetId) => ({ ...twelve, streetId })),
      { from: '2026-10', to: '2026-10', streetId: null },
      { from: '2026-11', to: '2026-11', streetId: streetIds[0]! },
      { from: '2023-12', to: '2026-11', streetId: null },
      { from: '2020-01', to: '2020-03', streetId: null },
    ];
    await expectSame(filters, 'demo district');
    // Not a comparison of two empty answers: the demo's year has every kind of number.
    const s = await getDistrictStats(t.db, { districtId, filter: twelve });
    expect(s.totals).toMatchObject({ received: expect.any(Number), closed: expect.any(Number) });
    expect(Math.min(s.totals.received, s.totals.closed, s.totals.due, s.totals.onTime, s.totals.ratedCount, s.totals.red, s.totals.black)).toBeGreaterThan(0);
    expect(s.totals.medianHours).toBeGreaterThan(0);
    expect(s.categories).toHaveLength(10);
  });

  it('stays exact through the closed loop, a failed verification, a rating, a reopening and a rejection', async () => {
    const when = at(TEST_TODAY, -30 * 24); // a month back, so the case lands in a full month
    const c = await newCase(when);
    const street = await streetOf(c.id);
    const filters = filtersAround(when, street);
    const steps: [ActionActor, StaffCaseAction, ActionInput][] = [
      [dispatcher, 'accept', {}],
      [dispatcher, 'dispatch', { assignee: { chiefId: chief.chiefId! } }],
      [chief, 'report_result', { note: '已处理', photos: { after: [{ name: 'a.jpg', data: await photo('#eeeeee') }] } }],
      [inspector, 'verify_fail', { note: '未清理干净' }],
      [chief, 'report_result', { note: '已清理', photos: { after: [{ name: 'b.jpg', data: await photo('#dddddd') }] } }],
      [inspector, 'verify_pass', {}],
    ];
    let hours = 1;
    for (const [actor, action, input] of steps) {
      await act(c, actor, action, input, at(when, (hours += 7)));
      await expectSame(filters, action);
    }
    const rated = await rateClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, stars: 2, comment: '慢', now: at(when, 60) });
    expect(rated).toMatchObject({ ok: true });
    if (rated.ok) c.version = rated.version;
    await expectSame(filters, 'rated');
    const reopened = await reopenClosedCase(t.db, { caseId: c.id, expectedVersion: c.version, reason: '又堆上了', now: at(when, 61) });
    expect(reopened).toMatchObject({ ok: true });
    await expectSame(filters, 'reopened');

    const r = await newCase(at(when, 2));
    await act(r, dispatcher, 'reject', { rejectReason: 'invalid', note: '不属于城管范围' }, at(when, 3));
    await expectSame(filters, 'rejected');
  });

  it('stays exact when a case is reclassified, moved to another street, re-dated or deleted', async () => {
    const [c] = await queryRows<{ id: number; created_at: string; street_id: number }>(
      t.db,
      sql`select id, created_at::text as created_at, street_id from cases where district_id = ${districtId} and status = 'closed' and satisfaction is not null
          and deadline_at is not null order by id limit 1`,
    );
    const when = new Date(c!.created_at);
    const other = streetIds.find((s) => s !== c!.street_id)!;
    const filters = [...filtersAround(when, c!.street_id), { ...TWELVE_MONTHS(), streetId: other }];
    await t.db.execute(sql`update cases set category_id = (select id from categories where parent_id is not null and id <> cases.category_id order by id limit 1) where id = ${c!.id}`);
    await expectSame(filters, 'reclassified');
    await t.db.execute(sql`update cases set street_id = ${other} where id = ${c!.id}`);
    await expectSame(filters, 'moved');
    await t.db.execute(sql`update cases set created_at = created_at - interval '40 days', closed_at = closed_at + interval '3 hours' where id = ${c!.id}`);
    await expectSame(filters, 're-dated');
    // Several rows in one statement, as an import or a repair would write them.
    await t.db.execute(sql`update cases set satisfaction = case when satisfaction = 5 then 1 else satisfaction + 1 end where district_id = ${districtId} and satisfaction is not null`);
    await expectSame([TWELVE_MONTHS()], 'many rated at once');

    const d = await newCase(at(TEST_TODAY, -24));
    await expectSame([TWELVE_MONTHS()], 'inserted');
    await t.db.execute(sql`delete from case_media where case_id = ${d.id}`);
    await t.db.execute(sql`delete from case_events where case_id = ${d.id}`);
    await t.db.execute(sql`delete from cases where id = ${d.id}`);
    await expectSame([TWELVE_MONTHS()], 'deleted');
  });

  it('counts a case closed more than 366 days after its report, or due before it, from the cases as the lookback says', async () => {
    const [c] = await queryRows<{ id: number; street_id: number }>(
      t.db,
      sql`select id, street_id from cases where district_id = ${districtId} and status = 'closed' and deadline_at is not null order by id desc limit 1`,
    );
    // Reported 2025-09-01, closed 2026-10-15 (409 days later), due 2025-08-30 (before the report).
    await t.db.execute(sql`update cases set created_at = '2025-09-01T10:00:00+08:00', deadline_at = '2025-08-30T10:00:00+08:00',
                           handled_at = '2026-10-14T10:00:00+08:00', closed_at = '2026-10-15T10:00:00+08:00' where id = ${c!.id}`);
    const oct = { from: '2026-10', to: '2026-10', streetId: null };
    const year = { from: '2025-11', to: '2026-10', streetId: null };
    const aug = { from: '2025-08', to: '2025-08', streetId: c!.street_id };
    await expectSame([oct, year, aug, { from: '2025-09', to: '2025-09', streetId: null }], 'irregular');
    // October alone looks back to 2025-09-30: the report is older, so it is not counted; the 12 months look back far enough.
    const lookback = new Date(monthRange('2026-10', '2026-10').start.getTime() - STATS_LOOKBACK_DAYS * DAY);
    expect(lookback.toISOString().slice(0, 10)).toBe('2025-09-29');
    const [withIt, without] = [await getDistrictStats(t.db, { districtId, filter: year }), await getDistrictStats(t.db, { districtId, filter: oct })];
    const octOf = (s: DistrictStats) => s.months.find((m) => m.month === '2026-10') as MonthlyStats;
    await t.db.execute(sql`update cases set closed_at = null, handled_at = null, status = 'handled' where id = ${c!.id}`);
    const [yearOpen, octOpen] = [await getDistrictStats(t.db, { districtId, filter: year }), await getDistrictStats(t.db, { districtId, filter: oct })];
    expect(octOf(withIt).closed - octOf(yearOpen).closed).toBe(1);
    expect(octOf(without).closed - octOf(octOpen).closed).toBe(0);
    await expectSame([oct, year], 'irregular reopened');
  });

  it('keeps in its tables exactly what a rebuild from the cases computes', async () => {
    const kept = await rollupRows();
    expect(kept.monthly.length).toBeGreaterThan(100);
    await t.db.execute(sql`select case_stats_rebuild()`);
    expect(await rollupRows()).toEqual(kept);
  });
});

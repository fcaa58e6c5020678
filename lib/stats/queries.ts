/**
 * The SQL behind /stats, the staff 考核 reports and the monthly open-data export. Counting rules are
 * in lib/domain/stats.ts and docs/decisions.md; nothing here returns a reporter or private text.
 */
import { unstable_cache } from 'next/cache';
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../db/client';
import { areaUnits, CASE_STATS_IRREGULAR } from '../db/schema';
import { citizenStage, type CaseStatusCode } from '../domain/citizen-view';
import { PUBLIC_PHOTO_ROLE, publicCasePhotoPath } from '../domain/public-case';
import { CITIZEN_STAGE_LABEL } from '../domain/labels';
import { monthRange, monthsBetween, roundCoordinate, type AssessmentCounts, type Month, type StatsFilter } from '../domain/stats';

type Conn = Db | Tx;

/**
 * How far before a period /stats looks for cases closed or due in it: a case open longer than this is not counted.
 * Not below 366: the rollup (drizzle/0005) always counts a case closed or due within 366 days of its report.
 */
export const STATS_LOOKBACK_DAYS = 366;

/** The district the public pages are about: the first one (a deployment serves one district). */
export async function getDistrict(db: Conn): Promise<{ id: number; name: string } | null> {
  const [row] = await db
    .select({ id: areaUnits.id, name: areaUnits.name })
    .from(areaUnits)
    .where(eq(areaUnits.level, 'district'))
    .orderBy(asc(areaUnits.sortOrder), asc(areaUnits.id))
    .limit(1);
  return row ?? null;
}

export async function listStreets(db: Conn, { districtId }: { districtId: number }): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: areaUnits.id, name: areaUnits.name })
    .from(areaUnits)
    .where(and(eq(areaUnits.parentId, districtId), eq(areaUnits.level, 'street')))
    .orderBy(asc(areaUnits.sortOrder), asc(areaUnits.id));
}

export interface MonthlyStats {
  month: Month;
  received: number;
  closed: number;
  /** Non-rejected cases whose deadline fell in the month, and how many were finished by it. */
  due: number;
  onTime: number;
  /** Median hours from report to 结案 of the cases closed in the month. */
  medianHours: number | null;
  ratedCount: number;
  ratedSum: number;
  red: number;
  black: number;
}

export interface DistrictStats {
  months: MonthlyStats[];
  totals: Omit<MonthlyStats, 'month'>;
  /** Satisfaction ratings 1..5 of cases closed in the period: count of each score, index 0 = 1 star. */
  ratings: number[];
  categories: { code: string; name: string; parentName: string | null; received: number }[];
  streets: { id: number; name: string; received: number; closed: number; due: number; onTime: number }[];
}

/** A sum over case_stats_monthly; `g_*` = 1 where that column is rolled up (SQL grouping()). */
interface SumRow {
  month: string | null;
  street_id: number | null;
  category_id: number | null;
  received: number;
  closed: number;
  due: number;
  on_time: number;
  rated: number;
  rated_sum: number;
  rated1: number;
  rated2: number;
  rated3: number;
  rated4: number;
  rated5: number;
  g_month: number;
  g_street: number;
  g_category: number;
}

/** One case the rollup leaves out, closed ('c') or due ('d') in the period. */
interface IrregularRow {
  kind: 'c' | 'd';
  month: string;
  street_id: number | null;
  sat: number | null;
  on_time: boolean;
}

const CST = sql.raw(`'Asia/Shanghai'`);

/**
 * Everything /stats shows for one district, period and optional street. The counts come from the monthly
 * rollup (case_stats_monthly, kept by triggers on cases: lib/db/schema/stats.ts), plus the few cases it
 * leaves out (结案 or deadline more than 366 days after the report, or before it), counted here from the
 * cases as the rules say; the median time to close from case_close_times; the flags from the ratings of
 * locked (public) months. The numbers are those of one pass over the cases (tests/integration/stats-rollup).
 */
export async function getDistrictStats(db: Conn, { districtId, filter }: { districtId: number; filter: StatsFilter }): Promise<DistrictStats> {
  const { start, end } = monthRange(filter.from, filter.to);
  const lookback = new Date(start.getTime() - STATS_LOOKBACK_DAYS * 86_400_000);
  const [s, e, l] = [start.toISOString(), end.toISOString(), lookback.toISOString()];
  const [fromDate, toDate] = [`${filter.from}-01`, `${filter.to}-01`];
  const street = filter.streetId;
  const streetCond = street === null ? sql`true` : sql`street_id = ${street}`;

  const [sums, irregular, medians, flags, streets] = await Promise.all([
    queryRows<SumRow>(
      db,
      sql`select to_char(month, 'YYYY-MM') as month, street_id, category_id,
                 coalesce(sum(received), 0)::int as received, coalesce(sum(closed), 0)::int as closed, coalesce(sum(due), 0)::int as due, coalesce(sum(on_time), 0)::int as on_time,
                 coalesce(sum(rated), 0)::int as rated, coalesce(sum(rated_sum), 0)::int as rated_sum, coalesce(sum(rated1), 0)::int as rated1, coalesce(sum(rated2), 0)::int as rated2,
                 coalesce(sum(rated3), 0)::int as rated3, coalesce(sum(rated4), 0)::int as rated4, coalesce(sum(rated5), 0)::int as rated5,
                 grouping(month) as g_month, grouping(street_id) as g_street, grouping(category_id) as g_category
          from case_stats_monthly
          where district_id = ${districtId} and month >= ${fromDate}::date and month <= ${toDate}::date and ${streetCond}
          group by grouping sets ((), (month), (street_id), (category_id))`,
    ),
    queryRows<IrregularRow>(
      db,
      sql`with c as (
            select street_id, status, created_at, closed_at, deadline_at, satisfaction, coalesce(handled_at, closed_at) as finished_at
            from cases
            where district_id = ${districtId} and ${CASE_STATS_IRREGULAR}
              and created_at >= ${l}::timestamptz and created_at < ${e}::timestamptz and ${streetCond}
          )
          select 'c' as kind, to_char(closed_at at time zone ${CST}, 'YYYY-MM') as month, street_id, satisfaction::int as sat, false as on_time
          from c where closed_at >= ${s}::timestamptz and closed_at < ${e}::timestamptz
            and (closed_at < created_at or closed_at - created_at > interval '366 days')
          union all
          select 'd', to_char(deadline_at at time zone ${CST}, 'YYYY-MM'), street_id, null, coalesce(finished_at <= deadline_at, false)
          from c where status <> 'rejected' and deadline_at >= ${s}::timestamptz and deadline_at < ${e}::timestamptz
            and (deadline_at < created_at or deadline_at - created_at > interval '366 days')`,
    ),
    queryRows<{ month: string | null; median_hours: number | null }>(
      db,
      sql`select to_char(month, 'YYYY-MM') as month, percentile_cont(0.5) within group (order by hours) as median_hours
          from case_close_times
          where district_id = ${districtId} and month >= ${fromDate}::date and month <= ${toDate}::date
            and created_at >= ${l}::timestamptz and created_at < ${e}::timestamptz and ${streetCond}
          group by rollup (month)`,
    ),
    queryRows<{ month: string; red: number; black: number }>(
      db,
      sql`select to_char(r.month, 'YYYY-MM') as month,
                 count(*) filter (where r.flag = 'red')::int as red, count(*) filter (where r.flag = 'black')::int as black
          from ratings r join area_units st on st.id = r.street_id
          join rating_periods p on p.street_id = r.street_id and p.month = r.month and p.locked_at is not null
          where st.parent_id = ${districtId} and r.revoked_by_appeal_id is null and r.flag <> 'none'
            and r.month >= ${fromDate}::date and r.month <= ${toDate}::date
            and ${street === null ? sql`true` : sql`r.street_id = ${street}`}
          group by 1`,
    ),
    listStreets(db, { districtId }),
  ]);

  const zero = (): Omit<MonthlyStats, 'month'> => ({ received: 0, closed: 0, due: 0, onTime: 0, medianHours: null, ratedCount: 0, ratedSum: 0, red: 0, black: 0 });
  const months = new Map<Month, MonthlyStats>(monthsBetween(filter.from, filter.to).map((m) => [m, { month: m, ...zero() }]));
  const totals = zero();
  const ratings = [0, 0, 0, 0, 0];
  const byCategory = new Map<number, number>();
  const byStreet = new Map<number, { received: number; closed: number; due: number; onTime: number }>();
  const streetOf = (id: number) => {
    let x = byStreet.get(id);
    if (!x) byStreet.set(id, (x = { received: 0, closed: 0, due: 0, onTime: 0 }));
    return x;
  };
  const add = (target: Omit<MonthlyStats, 'month'>, r: SumRow) => {
    target.received += r.received;
    target.closed += r.closed;
    target.due += r.due;
    target.onTime += r.on_time;
    target.ratedCount += r.rated;
    target.ratedSum += r.rated_sum;
  };
  for (const r of sums) {
    const g = { month: Number(r.g_month), street: Number(r.g_street), category: Number(r.g_category) };
    if (g.month && g.street && g.category) {
      add(totals, r);
      [r.rated1, r.rated2, r.rated3, r.rated4, r.rated5].forEach((n, i) => (ratings[i] = n));
    } else if (!g.month && r.month) {
      const m = months.get(r.month);
      if (m) add(m, r);
    } else if (!g.street && r.street_id !== null) {
      const x = streetOf(r.street_id);
      x.received += r.received;
      x.closed += r.closed;
      x.due += r.due;
      x.onTime += r.on_time;
    } else if (!g.category && r.category_id !== null && r.received > 0) byCategory.set(r.category_id, r.received);
  }
  for (const r of irregular) {
    const m = months.get(r.month);
    const x = r.street_id === null ? null : streetOf(r.street_id);
    for (const target of [totals, m, x]) {
      if (!target) continue;
      if (r.kind === 'c') target.closed++;
      else {
        target.due++;
        if (r.on_time) target.onTime++;
      }
    }
    if (r.kind === 'c' && r.sat !== null) {
      for (const target of [totals, m]) {
        if (!target) continue;
        target.ratedCount++;
        target.ratedSum += r.sat;
      }
      if (r.sat >= 1 && r.sat <= 5) ratings[r.sat - 1]!++;
    }
  }
  for (const r of medians) {
    const target = r.month === null ? totals : months.get(r.month);
    if (target) target.medianHours = r.median_hours === null ? null : Number(r.median_hours);
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
            where c.id in (${sql.join(
              topIds.map(([id]) => sql`${id}`),
              sql`, `,
            )})`,
      )
    : [];
  const nameById = new Map(categoryNames.map((c) => [c.id, c]));
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
      .filter((x) => street === null || x.id === street)
      .map((x) => ({ id: x.id, name: x.name, ...(byStreet.get(x.id) ?? { received: 0, closed: 0, due: 0, onTime: 0 }) })),
  };
}

/** Every /stats entry carries this tag: case changes revalidate it (`revalidateTag(STATS_TAG, 'max')`). */
export const STATS_TAG = 'stats';
/** Ten minutes: the public numbers may trail the cases by that much at most. */
export const STATS_REVALIDATE_SECONDS = 600;

/** getDistrictStats through Next's data cache, keyed by filter (JSON-safe: no Date objects in the result). */
export async function getCachedDistrictStats(db: Db, args: { districtId: number; filter: StatsFilter }): Promise<DistrictStats> {
  const { districtId, filter } = args;
  return unstable_cache(() => getDistrictStats(db, args), ['stats', String(districtId), filter.from, filter.to, String(filter.streetId ?? 'all')], {
    // Locking a rating month (RATINGS_TAG in lib/ratings/public.ts) publishes its flags here too.
    tags: [STATS_TAG, 'ratings'],
    revalidate: STATS_REVALIDATE_SECONDS,
  })();
}

// ---- 考核 ----

export type AssessmentGroup = 'street' | 'department' | 'chief';

/** One street, department or chief's 考核 counts for the month. */
export interface AssessmentRow extends AssessmentCounts {
  id: number;
  name: string;
}

/**
 * The monthly 考核 counts per street, department or road chief (科学考评机制: 镇街 assess their chiefs, the
 * 数字化城管中心 the departments, the 城管局 the streets). The cohort is the non-rejected cases whose
 * deadline fell in the month, attributed to the case's street or its current assignee; satisfaction
 * counts ratings on cases closed in the month; flags are the month's red/black flags (streets: all
 * flags given in the street; chiefs: the flags of segments they were assigned to that month).
 */
export async function getAssessment(db: Conn, { districtId, month, group }: { districtId: number; month: Month; group: AssessmentGroup }): Promise<AssessmentRow[]> {
  const { start, end } = monthRange(month, month);
  const s = start.toISOString();
  const e = end.toISOString();
  const key = sql.raw(group === 'street' ? 'street_id' : group === 'department' ? 'assignee_department_id' : 'assignee_chief_id');
  const counts = await queryRows<{ key: number; due: number; on_time: number; closed: number; returned: number }>(
    db,
    sql`select ${key} as key, count(*)::int as due,
               count(*) filter (where coalesce(handled_at, closed_at) <= deadline_at)::int as on_time,
               count(*) filter (where status = 'closed')::int as closed,
               count(*) filter (where exists (select 1 from case_events ev where ev.case_id = cases.id and ev.action in ('return', 'verify_fail')))::int as returned
        from cases
        where district_id = ${districtId} and status <> 'rejected' and ${key} is not null
          and deadline_at >= ${s}::timestamptz and deadline_at < ${e}::timestamptz
        group by 1`,
  );
  const rated = await queryRows<{ key: number; n: number; total: number }>(
    db,
    sql`select ${key} as key, count(*)::int as n, sum(satisfaction)::int as total from cases
        where district_id = ${districtId} and ${key} is not null and satisfaction is not null
          and closed_at >= ${s}::timestamptz and closed_at < ${e}::timestamptz
        group by 1`,
  );
  const monthDate = `${month}-01`;
  const flags =
    group === 'department'
      ? []
      : await queryRows<{ key: number; red: number; black: number }>(
          db,
          group === 'street'
            ? sql`select r.street_id as key, count(*) filter (where r.flag = 'red')::int as red, count(*) filter (where r.flag = 'black')::int as black
                  from ratings r join area_units st on st.id = r.street_id
                  where st.parent_id = ${districtId} and r.month = ${monthDate}::date and r.revoked_by_appeal_id is null
                  group by 1`
            : sql`select a.chief_id as key, count(*) filter (where r.flag = 'red')::int as red, count(*) filter (where r.flag = 'black')::int as black
                  from ratings r join chief_assignments a on a.segment_id = r.segment_id
                  join chiefs ch on ch.id = a.chief_id
                  where ch.district_id = ${districtId} and r.subject = 'segment' and r.month = ${monthDate}::date and r.revoked_by_appeal_id is null
                    and a.starts_on < (${monthDate}::date + interval '1 month') and (a.ends_on is null or a.ends_on >= ${monthDate}::date)
                  group by 1`,
        );
  const entities = await queryRows<{ id: number; name: string }>(
    db,
    group === 'street'
      ? sql`select id, name from area_units where parent_id = ${districtId} and level = 'street' order by sort_order, id`
      : group === 'department'
        ? sql`select id, name from departments where district_id = ${districtId} and active order by code, id`
        : sql`select id, name || '（' || title || '）' as name from chiefs where district_id = ${districtId} order by name, id`,
  );
  const byKey = <T extends { key: number }>(rows: T[]) => new Map(rows.map((r) => [Number(r.key), r]));
  const c = byKey(counts);
  const r = byKey(rated);
  const f = byKey(flags);
  return entities
    .map((ent) => ({
      id: ent.id,
      name: ent.name,
      due: c.get(ent.id)?.due ?? 0,
      onTime: c.get(ent.id)?.on_time ?? 0,
      closed: c.get(ent.id)?.closed ?? 0,
      returned: c.get(ent.id)?.returned ?? 0,
      ratedCount: r.get(ent.id)?.n ?? 0,
      ratedSum: r.get(ent.id)?.total ?? 0,
      red: f.get(ent.id)?.red ?? 0,
      black: f.get(ent.id)?.black ?? 0,
    }))
    // Streets and departments are listed whole; a chief only with work or flags that month.
    .filter((row) => group !== 'chief' || row.due > 0 || row.ratedCount > 0 || row.red > 0 || row.black > 0);
}

// ---- Open data ----

export interface OpenDataCase {
  case_number: string;
  received_at: string;
  source: string;
  category_code: string | null;
  category_name: string | null;
  face: string | null;
  street: string | null;
  segment_code: string | null;
  stage: string;
  deadline_at: string | null;
  closed_at: string | null;
  on_time: boolean | null;
  lat: number | null;
  lng: number | null;
  description: string | null;
  photo_url: string | null;
}

/**
 * The cases reported in one CST month, anonymised for the open-data files: no reporter, no address; the
 * description and the first 处置后 photo (its public URL under `baseUrl`) only where staff marked the case
 * public; coordinates rounded to ~100 m, the citizen's stage instead of internal statuses. Ordered by case number.
 */
export async function listOpenDataCases(db: Conn, { districtId, month, baseUrl }: { districtId: number; month: Month; baseUrl: string }): Promise<OpenDataCase[]> {
  const { start, end } = monthRange(month, month);
  const rows = await queryRows<{
    number: string;
    created_at: Date | string;
    source: string;
    category_code: string | null;
    category_name: string | null;
    face: string | null;
    street: string | null;
    segment_code: string | null;
    status: CaseStatusCode;
    deadline_at: Date | string | null;
    closed_at: Date | string | null;
    finished_at: Date | string | null;
    lat: number | null;
    lng: number | null;
    description: string | null;
    photo_id: number | null;
  }>(
    db,
    sql`select c.number, c.created_at, c.source, cat.code as category_code, cat.name as category_name, c.face,
               st.name as street, sg.code as segment_code, c.status, c.deadline_at, c.closed_at,
               coalesce(c.handled_at, c.closed_at) as finished_at, c.lat, c.lng,
               case when c.is_public then c.description end as description,
               case when c.is_public then (select m.media_id from case_media m where m.case_id = c.id and m.role = ${PUBLIC_PHOTO_ROLE}
                                           order by m.sort_order, m.media_id limit 1) end as photo_id
        from cases c
        left join categories cat on cat.id = c.category_id
        left join area_units st on st.id = c.street_id
        left join segments sg on sg.id = c.segment_id
        where c.district_id = ${districtId} and c.created_at >= ${start.toISOString()}::timestamptz and c.created_at < ${end.toISOString()}::timestamptz
        order by c.number`,
  );
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return rows.map((r) => ({
    case_number: r.number,
    received_at: iso(r.created_at)!,
    source: r.source,
    category_code: r.category_code,
    category_name: r.category_name,
    face: r.face,
    street: r.street,
    segment_code: r.segment_code,
    stage: CITIZEN_STAGE_LABEL[citizenStage(r.status)],
    deadline_at: iso(r.deadline_at),
    closed_at: iso(r.closed_at),
    on_time: r.deadline_at === null || r.status === 'rejected' || r.finished_at === null ? null : new Date(r.finished_at) <= new Date(r.deadline_at),
    lat: roundCoordinate(r.lat === null ? null : Number(r.lat)),
    lng: roundCoordinate(r.lng === null ? null : Number(r.lng)),
    description: r.description,
    photo_url: r.photo_id === null ? null : `${baseUrl.replace(/\/+$/, '')}${publicCasePhotoPath(r.number, Number(r.photo_id))}`,
  }));
}

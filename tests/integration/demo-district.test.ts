/** The demo district is realistic and internally consistent: what every later page and test stands on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/client';
import { normalizeCreditCode } from '@/lib/domain/credit-code';
import { findPersonalData } from '@/lib/domain/personal-data';
import { seedBase } from '@/lib/db/seed/base';
import { seedDemoDistrict } from '@/lib/db/seed/demo';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_CASES, TEST_SEED, TEST_TODAY } from '../fixtures/seeded';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(t.db, query))[0]!;

describe('demo district', () => {
  it('has one district with four streets and their communities', async () => {
    const rows = await queryRows<{ level: string; n: number }>(t.db, sql`select level::text, count(*)::int as n from area_units group by level`);
    const byLevel = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(byLevel.district).toBe(1);
    expect(byLevel.street).toBe(4);
    expect(byLevel.community).toBeGreaterThanOrEqual(20);
  });

  it('cuts ~40 roads into ~120 uniquely coded segments, each in a street', async () => {
    const r = await one<{ roads: number; segments: number; bad: number }>(sql`
      select (select count(*) from roads)::int as roads, count(*)::int as segments,
             count(*) filter (where code !~ '^QH-[0-9]{4}$' or street_id is null)::int as bad from segments`);
    expect(r.roads).toBe(40);
    expect(r.segments).toBeGreaterThanOrEqual(100);
    expect(r.segments).toBeLessThanOrEqual(160);
    expect(r.bad).toBe(0);
  });

  it('gives every segment a current chief at each of the four levels', async () => {
    const r = await one<{ missing: number }>(sql`
      select count(*)::int as missing from segments s cross join unnest(array['total','first','second','third']::chief_level[]) l
      where not exists (select 1 from chief_assignments a where a.segment_id = s.id and a.level = l and a.ends_on is null)`);
    expect(r.missing).toBe(0);
  });

  it('keeps some ended assignments as history, each followed by a successor from that day', async () => {
    const r = await one<{ ended: number; orphaned: number }>(sql`
      select count(*)::int as ended,
             count(*) filter (where not exists (
               select 1 from chief_assignments b where b.segment_id = a.segment_id and b.level = a.level
                 and b.ends_on is null and b.starts_on = a.ends_on and b.chief_id <> a.chief_id))::int as orphaned
      from chief_assignments a where a.ends_on is not null`);
    expect(r.ended).toBeGreaterThan(5);
    expect(r.orphaned).toBe(0);
  });

  it('has about 300 chiefs, including rare-character and very long names', async () => {
    const r = await one<{ n: number; rare: number; long: number }>(sql`
      select count(*)::int as n,
             count(*) filter (where name ~ '[喆堃彧犇昇]')::int as rare,
             count(*) filter (where char_length(name) >= 10)::int as long from chiefs`);
    expect(r.n).toBeGreaterThanOrEqual(250);
    expect(r.rare).toBeGreaterThanOrEqual(5);
    expect(r.long).toBeGreaterThanOrEqual(1);
  });

  it('puts a team and ~10 merchants on segments, with valid credit codes', async () => {
    const r = await one<{ merchants: number; teams: number; segmentsWithoutTeam: number }>(sql`
      select (select count(*) from merchants)::int as merchants, (select count(*) from team_members)::int as teams,
             (select count(*) from segments s where not exists (select 1 from team_members t where t.segment_id = s.id))::int as "segmentsWithoutTeam"`);
    expect(r.merchants).toBeGreaterThanOrEqual(1000);
    expect(r.teams).toBeGreaterThan(500);
    expect(r.segmentsWithoutTeam).toBe(0);
    const codes = await queryRows<{ credit_code: string }>(t.db, sql`select credit_code from merchants where credit_code is not null`);
    expect(codes.length).toBeGreaterThan(900);
    for (const { credit_code } of codes) expect(normalizeCreditCode(credit_code)).toBe(credit_code);
  });

  it('has ~15 departments to dispatch to', async () => {
    const r = await one<{ n: number }>(sql`select count(*)::int as n from departments`);
    expect(r.n).toBeGreaterThanOrEqual(15);
  });

  it('rates every merchant and segment for each of the 12 locked months before today', async () => {
    const r = await one<{ months: number; perMerchant: number; black: number; locked: number }>(sql`
      select count(distinct month)::int as months,
             (count(*) filter (where subject = 'merchant') / (select count(*) from merchants))::int as "perMerchant",
             count(*) filter (where flag = 'black')::int as black,
             (select count(*) from rating_periods where locked_at is not null)::int as locked from ratings`);
    expect(r.months).toBe(12);
    expect(r.perMerchant).toBe(12);
    expect(r.black).toBeGreaterThan(100);
    expect(r.locked).toBe(48);
    const latest = await one<{ m: string }>(sql`select max(month)::text as m from ratings`);
    expect(latest.m).toBe('2026-10-01');
  });

  it('spreads cases over every state and source', async () => {
    const statuses = await queryRows<{ status: string }>(t.db, sql`select distinct status::text from cases`);
    expect(statuses.map((s) => s.status).sort()).toEqual(['accepted', 'closed', 'dispatched', 'handled', 'rejected', 'returned', 'submitted']);
    const sources = await queryRows<{ source: string }>(t.db, sql`select distinct source::text from cases`);
    expect(sources).toHaveLength(5);
    const n = await one<{ n: number }>(sql`select count(*)::int as n from cases`);
    expect(n.n).toBe(TEST_CASES);
  });

  it('gives every case a timeline that starts with submit and ends in its status, never after today', async () => {
    const r = await one<{ badStart: number; badEnd: number; future: number; unordered: number }>(sql`
      with ordered as (
        select e.*, row_number() over (partition by case_id order by at, id) as first_rank,
               row_number() over (partition by case_id order by at desc, id desc) as last_rank,
               lag(at) over (partition by case_id order by id) as prev_at
        from case_events e)
      select count(*) filter (where first_rank = 1 and action <> 'submit')::int as "badStart",
             count(*) filter (where last_rank = 1 and to_status <> (select status from cases c where c.id = case_id))::int as "badEnd",
             count(*) filter (where at > ${TEST_TODAY})::int as future,
             count(*) filter (where prev_at > at)::int as unordered
      from ordered`);
    expect(r).toEqual({ badStart: 0, badEnd: 0, future: 0, unordered: 0 });
  });

  it('fills the fields each state implies', async () => {
    const r = await one<Record<string, number>>(sql`
      select count(*) filter (where status = 'closed' and closed_at is null)::int as "closedWithoutDate",
             count(*) filter (where status = 'dispatched' and deadline_at is null)::int as "dispatchedWithoutDeadline",
             count(*) filter (where status = 'dispatched' and assignee_chief_id is null and assignee_department_id is null)::int as "dispatchedWithoutAssignee",
             count(*) filter (where status = 'rejected' and reject_reason is null)::int as "rejectedWithoutReason",
             count(*) filter (where source in ('patrol', 'inspection') and (reporter_name is not null or reporter_phone is not null))::int as "patrolWithReporter",
             count(*) filter (where version <> (select count(*) from case_events e where e.case_id = cases.id))::int as "versionMismatch",
             count(*) filter (where status = 'dispatched' and deadline_at < ${TEST_TODAY})::int as overdue,
             count(*) filter (where duplicate_of_id is not null)::int as duplicates
      from cases`);
    expect(r).toMatchObject({
      closedWithoutDate: 0,
      dispatchedWithoutDeadline: 0,
      dispatchedWithoutAssignee: 0,
      rejectedWithoutReason: 0,
      patrolWithReporter: 0,
      versionMismatch: 0,
    });
    expect(r.overdue).toBeGreaterThan(0);
    expect(r.duplicates).toBeGreaterThan(0);
  });

  it('attaches generated photos, with thumbnails, that are not public', async () => {
    const r = await one<{ withPhotos: number; thumbs: number; publicOriginals: number; jpeg: number }>(sql`
      select (select count(distinct case_id) from case_media)::int as "withPhotos",
             count(*) filter (where variant = 'thumb')::int as thumbs,
             count(*) filter (where is_public and variant <> 'masked')::int as "publicOriginals",
             count(*) filter (where substring(data from 1 for 3) = '\\xffd8ff'::bytea)::int as jpeg
      from media`);
    expect(r.withPhotos).toBeGreaterThan(TEST_CASES * 0.7);
    expect(r.thumbs).toBeGreaterThan(0);
    expect(r.publicOriginals).toBe(0);
    expect(r.jpeg).toBeGreaterThan(0);
  });

  it('marks a handful of recently closed citizen cases 公开, each with a 处置后 photo and no phone or ID number in its text', async () => {
    const rows = await queryRows<{ status: string; source: string; closed_at: Date | string; description: string; address: string | null; afters: number }>(
      t.db,
      sql`select status::text, source::text, closed_at, description, address,
                 (select count(*)::int from case_media m where m.case_id = c.id and m.role = 'after') as afters
          from cases c where is_public`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.length).toBeLessThanOrEqual(40);
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'closed', source: 'citizen' });
      expect(r.afters).toBeGreaterThan(0);
      expect(TEST_TODAY.getTime() - new Date(r.closed_at).getTime()).toBeLessThanOrEqual(14 * 86_400_000);
      expect(findPersonalData(`${r.description} ${r.address ?? ''}`)).toEqual([]);
    }
  });

  it('has published, draft and withdrawn publications of both kinds', async () => {
    const rows = await queryRows<{ kind: string; status: string }>(t.db, sql`select kind::text, status::text from publications`);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['exposure', 'praise']));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['published', 'draft', 'withdrawn']));
  });

  it('has one demo account per role, with argon2id hashes, flagged as demo', async () => {
    const rows = await queryRows<{ username: string; roles: string; password_hash: string; is_demo: boolean }>(
      t.db,
      sql`select username, roles::text, password_hash, is_demo from staff_users order by id`,
    );
    const roles = new Set(rows.flatMap((r) => r.roles.replace(/[{}]/g, '').split(',')));
    expect(roles).toEqual(new Set(['admin', 'dispatcher', 'handler', 'inspector', 'publicity']));
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^\$argon2id\$/);
      expect(r.is_demo).toBe(true);
    }
  });

  it('continues case numbering after the demo cases', async () => {
    const r = await one<{ missing: number }>(sql`
      select count(*)::int as missing from (select split_part(number, '-', 1) as day, max(split_part(number, '-', 2)::int) as top from cases group by 1) d
      where not exists (select 1 from counters c where c.name = 'case:' || d.day and c.value >= d.top)`);
    expect(r.missing).toBe(0);
  });

  it('does not duplicate anything when seeded again', async () => {
    const before = await one<{ n: string }>(sql`select (select count(*) from cases) || '/' || (select count(*) from categories) || '/' || (select count(*) from settings) as n`);
    expect(await seedBase(t.db)).toEqual({ categories: expect.any(Number) });
    expect(await seedDemoDistrict(t.db, { seed: TEST_SEED, today: TEST_TODAY })).toBeNull();
    const after = await one<{ n: string }>(sql`select (select count(*) from cases) || '/' || (select count(*) from categories) || '/' || (select count(*) from settings) as n`);
    expect(after.n).toBe(before.n);
  });
});

describe('category tree (CJ/T 214 / GB/T 30428)', () => {
  it('has 部件 and 事件 大类 with 小类 beneath, each 小类 with a time limit', async () => {
    const r = await one<Record<string, number>>(sql`
      select count(*) filter (where parent_id is null and kind = 'component')::int as "componentGroups",
             count(*) filter (where parent_id is null and kind = 'event')::int as "eventGroups",
             count(*) filter (where parent_id is not null)::int as minors,
             count(*) filter (where parent_id is not null and (time_limit_hours is null or time_limit_hours <= 0))::int as "minorsWithoutLimit",
             count(*) filter (where common_rank is not null)::int as common,
             count(*) filter (where face is not null)::int as faced
      from categories`);
    expect(r.componentGroups).toBe(6);
    expect(r.eventGroups).toBeGreaterThanOrEqual(5);
    expect(r.minors).toBeGreaterThan(120);
    expect(r.minorsWithoutLimit).toBe(0);
    expect(r.common).toBe(12);
    expect(r.faced).toBeGreaterThan(100);
  });

  it('keeps the standard codes: 小类 code extends its 大类 code', async () => {
    const r = await one<{ bad: number }>(sql`
      select count(*)::int as bad from categories c join categories p on p.id = c.parent_id where c.code not like p.code || '%' or c.kind <> p.kind`);
    expect(r.bad).toBe(0);
    const manhole = await one<{ name: string; face: string }>(sql`select name, face::text from categories where code = 'B0101'`);
    expect(manhole).toEqual({ name: '上水井盖', face: 'ground' });
  });

  it('does not overwrite an admin change when the base data is loaded again', async () => {
    await t.db.execute(sql`update categories set time_limit_hours = 3, time_limit_is_default = false where code = 'S0102'`);
    await seedBase(t.db);
    const r = await one<{ h: number }>(sql`select time_limit_hours as h from categories where code = 'S0102'`);
    expect(r.h).toBe(3);
  });
});

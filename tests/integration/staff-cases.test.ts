/** The back-office case reads on a real database: inbox filters, scope, counts and keyset pages; the case page; 我的待办; the dashboard. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/client';
import { countInbox, listInbox, type InboxCursor, type ScopeActor } from '@/lib/cases/queries';
import { getDashboard, getStaffCase, getStaffPhoto, listNearbyDuplicates, listTodo, thirdLevelChiefOf } from '@/lib/cases/staff-queries';
import { loadFlowCase } from '@/lib/cases/transitions';
import { inScope, type FlowActor } from '@/lib/domain/case-flow';
import type { InboxSort } from '@/lib/domain/inbox-query';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_TODAY } from '../fixtures/seeded';

let t: TestDb;
let districtId: number;
let streets: { id: number }[];
const now = TEST_TODAY;
const district = (): ScopeActor => ({ scopeType: 'district', scopeAreaId: districtId, chiefId: null, departmentId: null });

beforeAll(async () => {
  t = await openTestDb();
  districtId = (await queryRows<{ id: number }>(t.db, sql`select id from area_units where level = 'district' limit 1`))[0]!.id;
  streets = await queryRows<{ id: number }>(t.db, sql`select id from area_units where level = 'street' order by id`);
});
afterAll(() => t?.close());

/** Every row of a tab, page by page. */
async function allPages(args: Omit<Parameters<typeof listInbox>[1], 'after' | 'limit'>, limit = 9) {
  const rows: Awaited<ReturnType<typeof listInbox>>['rows'] = [];
  let after: InboxCursor | undefined;
  for (let i = 0; i < 500; i++) {
    const page = await listInbox(t.db, { ...args, after, limit });
    rows.push(...page.rows);
    if (!page.next) return rows;
    after = page.next;
  }
  throw new Error('too many pages');
}

describe('inbox filters', () => {
  it('filters by street, category and source together, and every row matches', async () => {
    const [pick] = await queryRows<{ street_id: number; category_id: number; source: 'citizen' }>(
      t.db,
      sql`select street_id, category_id, source from cases where status = 'closed' group by 1, 2, 3 having count(*) >= 3 order by count(*) desc limit 1`,
    );
    const rows = await allPages({ status: 'closed', streetId: pick!.street_id, categoryId: pick!.category_id, source: pick!.source, sort: 'newest' });
    const [expected] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from cases where status = 'closed' and street_id = ${pick!.street_id} and category_id = ${pick!.category_id} and source = ${pick!.source}`,
    );
    expect(rows.length).toBe(expected!.n);
    expect(rows.every((r) => r.streetId === pick!.street_id && r.source === pick!.source)).toBe(true);
  });

  it('filters by segment', async () => {
    const [seg] = await queryRows<{ segment_id: number; n: number }>(t.db, sql`select segment_id, count(*)::int as n from cases where status = 'closed' group by 1 order by 2 desc limit 1`);
    const rows = await allPages({ status: 'closed', segmentId: seg!.segment_id, sort: 'oldest' });
    expect(rows.length).toBe(seg!.n);
    expect(new Set(rows.map((r) => r.segmentId))).toEqual(new Set([seg!.segment_id]));
  });

  it('shows only overdue open cases with 只看已超期', async () => {
    const rows = await allPages({ status: 'dispatched', overdue: true, now });
    const [expected] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases where status = 'dispatched' and deadline_at < ${now}`);
    expect(expected!.n).toBeGreaterThan(0);
    expect(rows.length).toBe(expected!.n);
    expect(rows.every((r) => r.deadlineAt !== null && r.deadlineAt < now)).toBe(true);
  });

  it('shows cases due within N hours and none already overdue or later', async () => {
    const hours = 72;
    const rows = await allPages({ status: 'dispatched', dueWithinHours: hours, now });
    const [expected] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from cases where status = 'dispatched' and deadline_at >= ${now} and deadline_at < ${new Date(now.getTime() + hours * 3_600_000)}`,
    );
    expect(rows.length).toBe(expected!.n);
    for (const r of rows) {
      expect(r.deadlineAt!.getTime()).toBeGreaterThanOrEqual(now.getTime());
      expect(r.deadlineAt!.getTime()).toBeLessThan(now.getTime() + hours * 3_600_000);
    }
  });
});

describe('inbox sorting and keyset pages', () => {
  it.each(['deadline', 'newest', 'oldest'] as InboxSort[])('pages through a tab sorted by %s with no gaps or repeats', async (sort) => {
    const rows = await allPages({ status: 'closed', streetId: streets[0]!.id, sort }, 13);
    const [total] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases where status = 'closed' and street_id = ${streets[0]!.id}`);
    expect(rows.length).toBe(total!.n);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const keys = rows.map((r) => (sort === 'deadline' ? (r.deadlineAt?.getTime() ?? Infinity) : r.id));
    const sorted = [...keys].sort((a, b) => (sort === 'newest' ? b - a : a - b));
    expect(keys).toEqual(sorted);
  });
});

describe('inbox scope', () => {
  it("a street-scoped dispatcher sees only their street's cases, even when asking for another street", async () => {
    const mine: ScopeActor = { scopeType: 'street', scopeAreaId: streets[1]!.id, chiefId: null, departmentId: null };
    const rows = await allPages({ status: 'closed', scope: mine, sort: 'newest' }, 50);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.streetId === streets[1]!.id)).toBe(true);
    expect((await listInbox(t.db, { status: 'closed', scope: mine, streetId: streets[0]!.id })).rows).toEqual([]);
  });

  it('a scope without its id sees nothing', async () => {
    const broken: ScopeActor = { scopeType: 'department', scopeAreaId: null, chiefId: null, departmentId: null };
    expect((await listInbox(t.db, { status: 'dispatched', scope: broken })).rows).toEqual([]);
  });

  it("agrees with case-flow's inScope for a chief, a department and a street on every open case", async () => {
    const [chief] = await queryRows<{ id: number }>(t.db, sql`select chief_id as id from chief_assignments where ends_on is null and level = 'third' order by id limit 1`);
    const [dept] = await queryRows<{ id: number }>(t.db, sql`select assignee_department_id as id from cases where assignee_department_id is not null group by 1 order by count(*) desc limit 1`);
    const actors: ScopeActor[] = [
      { scopeType: 'chief', scopeAreaId: null, chiefId: chief!.id, departmentId: null },
      { scopeType: 'department', scopeAreaId: null, chiefId: null, departmentId: dept!.id },
      { scopeType: 'street', scopeAreaId: streets[2]!.id, chiefId: null, departmentId: null },
    ];
    for (const actor of actors) {
      const flowActor: FlowActor = { ...actor, userId: 1, roles: ['dispatcher'] };
      for (const status of ['submitted', 'dispatched', 'handled'] as const) {
        const seen = new Set((await allPages({ status, scope: actor, now }, 200)).map((r) => r.id));
        const all = await allPages({ status, now }, 200);
        for (const r of all) {
          const flow = (await loadFlowCase(t.db, { caseId: r.id, now }))!.flow;
          expect(seen.has(r.id), `${actor.scopeType} ${status} case ${r.id}`).toBe(inScope(flowActor, flow));
        }
      }
      expect((await countInbox(t.db, { scope: actor, now })).byStatus.dispatched).toBe((await allPages({ status: 'dispatched', scope: actor, now }, 200)).length);
    }
  });
});

describe('inbox counts', () => {
  it('counts each open tab and the overdue ones under the same filters', async () => {
    const c = await countInbox(t.db, { scope: district(), streetId: streets[0]!.id, now });
    const rows = await queryRows<{ status: string; n: number }>(t.db, sql`select status, count(*)::int as n from cases where street_id = ${streets[0]!.id} group by status`);
    for (const s of ['submitted', 'accepted', 'dispatched', 'returned', 'handled'] as const) {
      expect(c.byStatus[s]).toBe(rows.find((r) => r.status === s)?.n ?? 0);
    }
    const [overdue] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from cases where street_id = ${streets[0]!.id} and status in ('submitted','accepted','dispatched','returned','handled') and deadline_at < ${now}`,
    );
    expect(c.overdue).toBe(overdue!.n);
    expect(c.overdue).toBeGreaterThan(0);
  });
});

describe('staff case page', () => {
  it('has the reporter contact, every timeline entry with its visibility, and the photos of every role', async () => {
    const [row] = await queryRows<{ id: number; n: number; internal: number }>(
      t.db,
      sql`select c.id, (select count(*)::int from case_events e where e.case_id = c.id) as n,
          (select count(*)::int from case_events e where e.case_id = c.id and e.visibility = 'internal') as internal
          from cases c where c.status = 'closed' and c.reporter_phone is not null
          and exists (select 1 from case_media m where m.case_id = c.id and m.role = 'after') order by c.id limit 1`,
    );
    const c = await getStaffCase(t.db, { caseId: row!.id });
    expect(c?.reporterPhone).toMatch(/^1\d{10}$/);
    expect(c?.events).toHaveLength(row!.n);
    expect(c?.events.filter((e) => e.visibility === 'internal')).toHaveLength(row!.internal);
    expect(c?.events[0]?.action).toBe('submit');
    expect(c?.photos.some((p) => p.role === 'after')).toBe(true);
    const after = c!.photos.find((p) => p.role === 'after')!;
    const thumb = await getStaffPhoto(t.db, { caseId: row!.id, mediaId: after.mediaId, size: 'thumb' });
    const large = await getStaffPhoto(t.db, { caseId: row!.id, mediaId: after.mediaId, size: 'large' });
    expect(thumb?.contentType).toBe('image/jpeg');
    expect(large!.data.length).toBeGreaterThan(thumb!.data.length);
  });

  it('serves no photo that is not linked to the case', async () => {
    const [other] = await queryRows<{ case_id: number; media_id: number }>(
      t.db,
      sql`select m.case_id, m2.media_id from case_media m join case_media m2 on m2.media_id not in (select media_id from case_media where case_id = m.case_id) limit 1`,
    );
    expect(await getStaffPhoto(t.db, { caseId: other!.case_id, mediaId: other!.media_id, size: 'large' })).toBeNull();
  });

  it('links a duplicate to its master and the master to its duplicates', async () => {
    const [dup] = await queryRows<{ id: number; master: number }>(t.db, sql`select id, duplicate_of_id as master from cases where duplicate_of_id is not null order by id limit 1`);
    const c = await getStaffCase(t.db, { caseId: dup!.id });
    expect(c?.duplicateOf?.id).toBe(dup!.master);
    const m = await getStaffCase(t.db, { caseId: dup!.master });
    expect(m?.duplicates.map((d) => d.id)).toContain(dup!.id);
  });

  it('returns null for a case that does not exist', async () => {
    expect(await getStaffCase(t.db, { caseId: 2_000_000_000 })).toBeNull();
  });

  it('finds nearby possible duplicates: same segment and category within ±3 days, never the case itself', async () => {
    const [pair] = await queryRows<{ a: number; b: number }>(
      t.db,
      sql`select a.id as a, b.id as b from cases a join cases b on b.segment_id = a.segment_id and b.category_id = a.category_id and b.id <> a.id
          and abs(extract(epoch from b.created_at - a.created_at)) < 2 * 86400 order by a.id limit 1`,
    );
    const a = (await getStaffCase(t.db, { caseId: pair!.a }))!;
    const near = await listNearbyDuplicates(t.db, { caseId: a.id, segmentId: a.segmentId, categoryId: a.categoryId, createdAt: a.createdAt });
    expect(near.map((n) => n.id)).toContain(pair!.b);
    expect(near.map((n) => n.id)).not.toContain(a.id);
    for (const n of near) expect(Math.abs(n.createdAt.getTime() - a.createdAt.getTime())).toBeLessThanOrEqual(3 * 86_400_000);
  });
});

describe('我的待办', () => {
  it("lists a department's dispatched cases, overdue first, then those waiting for 核查", async () => {
    const [dept] = await queryRows<{ id: number }>(
      t.db,
      sql`select assignee_department_id as id from cases where status = 'dispatched' and assignee_department_id is not null group by 1 order by count(*) desc limit 1`,
    );
    const rows = await listTodo(t.db, { chiefId: null, departmentId: dept!.id });
    const [expected] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases where assignee_department_id = ${dept!.id} and status in ('dispatched', 'handled')`);
    expect(rows.length).toBe(expected!.n);
    const dispatched = rows.filter((r) => r.status === 'dispatched');
    expect(rows.slice(0, dispatched.length).every((r) => r.status === 'dispatched')).toBe(true);
    const deadlines = dispatched.map((r) => r.deadlineAt?.getTime() ?? Infinity);
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
  });

  it('gives nothing to a handler linked to no chief and no department', async () => {
    expect(await listTodo(t.db, { chiefId: null, departmentId: null })).toEqual([]);
  });
});

describe('bulk dispatch target', () => {
  it("names the current third-level chief of a case's segment", async () => {
    const [row] = await queryRows<{ id: number; chief: number }>(
      t.db,
      sql`select c.id, a.chief_id as chief from cases c join chief_assignments a on a.segment_id = c.segment_id and a.level = 'third' and a.ends_on is null where c.status = 'accepted' order by c.id, a.starts_on, a.id limit 1`,
    );
    expect(await thirdLevelChiefOf(t.db, { caseId: row!.id })).toBe(row!.chief);
  });
});

describe('dashboard', () => {
  it("counts today's cases, overdue by street and department, and this month's on-time rate", async () => {
    const d = await getDashboard(t.db, { scope: district(), now });
    const [today] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases where created_at >= ${new Date('2026-11-18T00:00:00+08:00')}`);
    expect(d.today).toBe(today!.n);
    const [overdue] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases where status in ('submitted','accepted','dispatched','returned','handled') and deadline_at < ${now}`);
    expect(d.overdueTotal).toBe(overdue!.n);
    expect(d.overdueByStreet.reduce((s, r) => s + r.n, 0)).toBe(overdue!.n);
    expect(d.overdueByDepartment.reduce((s, r) => s + r.n, 0) + d.overdueNotDepartment).toBe(overdue!.n);
    const [month] = await queryRows<{ closed: number; on_time: number }>(
      t.db,
      sql`select count(*)::int as closed, count(*) filter (where deadline_at is null or handled_at <= deadline_at)::int as on_time from cases
          where status = 'closed' and closed_at >= ${new Date('2026-11-01T00:00:00+08:00')} and closed_at <= ${now}`,
    );
    expect(d.month.closed).toBe(month!.closed);
    expect(d.month.onTime).toBe(month!.on_time);
    expect(d.month.rate).toBeGreaterThan(0);
    expect(d.month.rate).toBeLessThanOrEqual(1);
  });

  it("a street dispatcher's dashboard counts only their street", async () => {
    const d = await getDashboard(t.db, { scope: { scopeType: 'street', scopeAreaId: streets[0]!.id, chiefId: null, departmentId: null }, now });
    expect(d.overdueByStreet.every((r) => r.streetId === streets[0]!.id)).toBe(true);
    expect(d.overdueTotal).toBeLessThan((await getDashboard(t.db, { scope: district(), now })).overdueTotal);
  });
});

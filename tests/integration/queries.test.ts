/** The core public reads on a real database: home overview, search, segment page, case lookup, inbox, merchant prefix search. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/client';
import { getCaseByNumber, listInbox } from '@/lib/cases/queries';
import { searchMerchantsByName } from '@/lib/merchants/queries';
import { getDistrictOverview, searchPublic } from '@/lib/public/queries';
import { getSegmentPage } from '@/lib/segments/queries';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_TODAY } from '../fixtures/seeded';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

describe('home overview', () => {
  it('names the district and counts its segments, chiefs and merchants', async () => {
    const o = await getDistrictOverview(t.db, { now: TEST_TODAY });
    expect(o?.name).toBe('清河区');
    expect(o?.streets.map((s) => s.name)).toEqual(['望江街道', '青石桥街道', '柳林街道', '白沙镇']);
    expect(o?.segmentCount).toBeGreaterThan(100);
    expect(o?.chiefCount).toBeGreaterThan(250);
    expect(o?.merchantCount).toBeGreaterThan(1000);
    expect(o?.casesThisMonth).toBeGreaterThan(0);
    expect(o!.closedThisMonth).toBeLessThanOrEqual(o!.casesThisMonth);
  });
});

describe('site search', () => {
  it('finds a segment by its code in any case', async () => {
    const hits = await searchPublic(t.db, { q: 'qh-0001' });
    expect(hits[0]).toMatchObject({ kind: 'segment', code: 'QH-0001' });
  });

  it('finds segments and merchants by a road name', async () => {
    const [road] = await queryRows<{ name: string }>(t.db, sql`select r.name from roads r join segments s on s.road_id = r.id order by s.code limit 1`);
    const hits = await searchPublic(t.db, { q: road!.name });
    expect(hits.some((h) => h.kind === 'segment' && h.name.startsWith(road!.name))).toBe(true);
    expect(hits.some((h) => h.kind === 'merchant' && h.name.includes(road!.name))).toBe(true);
  });

  it('finds a merchant by its code', async () => {
    const hits = await searchPublic(t.db, { q: 'QH-M00002' });
    expect(hits.find((h) => h.kind === 'merchant')?.code).toBe('QH-M00002');
  });

  it.each(['%', '_', '\\', "'; drop table merchants; --", '<script>'])('treats %j as text, not a pattern or SQL', async (q) => {
    expect(await searchPublic(t.db, { q })).toEqual([]);
  });

  it('answers an empty or blank query with nothing, and a very long one without error', async () => {
    expect(await searchPublic(t.db, { q: '   ' })).toEqual([]);
    expect(await searchPublic(t.db, { q: '路'.repeat(5000) })).toEqual([]);
  });

  it('never returns private merchant fields', async () => {
    const hits = await searchPublic(t.db, { q: '店' });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(Object.keys(h).sort()).toEqual(['code', 'detail', 'kind', 'name']);
  });
});

describe('segment page', () => {
  it('shows the chiefs by level, the team, the month numbers, the flag and the merchants', async () => {
    const page = await getSegmentPage(t.db, { code: 'QH-0001', now: TEST_TODAY });
    expect(page?.segment.streetName).toMatch(/街道|镇$/);
    expect(page?.chiefs.map((c) => c.level)).toEqual(['total', 'first', 'first', 'second', 'third', 'third']);
    expect(page?.chiefs.some((c) => /[喆堃彧犇昇]/.test(c.name))).toBe(true);
    expect(page?.team.length).toBeGreaterThanOrEqual(5);
    expect(page!.month.closedOnTime).toBeLessThanOrEqual(page!.month.closed);
    expect(page!.month.closed).toBeLessThanOrEqual(page!.month.received);
    expect(page?.flag?.month).toBe('2026-10-01');
    expect(page?.merchants.length).toBeGreaterThan(5);
    expect(Object.keys(page!.merchants[0]!).sort()).toEqual(['address', 'code', 'flag', 'name']);
  });

  it("shows each merchant's latest flag", async () => {
    const page = await getSegmentPage(t.db, { code: 'QH-0003', now: TEST_TODAY });
    const expected = await queryRows<{ code: string; flag: string }>(
      t.db,
      sql`select distinct on (m.id) m.code, r.flag::text from merchants m join segments s on s.id = m.segment_id
          join ratings r on r.merchant_id = m.id where s.code = 'QH-0003' order by m.id, r.month desc`,
    );
    expect(expected.length).toBeGreaterThan(5);
    const shown = new Map(page!.merchants.map((m) => [m.code, m.flag]));
    for (const e of expected) expect(shown.get(e.code)).toBe(e.flag);
    expect(new Set(expected.map((e) => e.flag)).size).toBeGreaterThan(1);
  });

  it('returns null for an unknown code', async () => {
    expect(await getSegmentPage(t.db, { code: 'QH-9999', now: TEST_TODAY })).toBeNull();
  });
});

describe('case lookup', () => {
  it('finds a case by number with its timeline in order', async () => {
    const [row] = await queryRows<{ number: string }>(t.db, sql`select number from cases where status = 'closed' order by id limit 1`);
    const c = await getCaseByNumber(t.db, { number: row!.number });
    expect(c?.status).toBe('closed');
    expect(c?.events[0]?.action).toBe('submit');
    expect(c?.events.at(-1)?.toStatus).toBe('closed');
  });

  it('returns null for a number that does not exist', async () => {
    expect(await getCaseByNumber(t.db, { number: '19990101-0001' })).toBeNull();
  });
});

describe('dispatcher inbox', () => {
  it('pages through dispatched cases by deadline with no gaps or repeats', async () => {
    const [total] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases where status = 'dispatched'`);
    const seen: number[] = [];
    let cursor = undefined as Parameters<typeof listInbox>[1]['after'];
    let previous = -Infinity;
    for (let page = 0; page < 100; page++) {
      const { rows, next } = await listInbox(t.db, { status: 'dispatched', after: cursor, limit: 7 });
      for (const r of rows) {
        const d = r.deadlineAt ? r.deadlineAt.getTime() : Infinity;
        expect(d).toBeGreaterThanOrEqual(previous);
        previous = d;
        seen.push(r.id);
      }
      if (!next) break;
      cursor = next;
    }
    expect(seen.length).toBe(total!.n);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by street', async () => {
    const [street] = await queryRows<{ id: number }>(t.db, sql`select id from area_units where level = 'street' order by id limit 1`);
    const { rows } = await listInbox(t.db, { status: 'closed', streetId: street!.id, limit: 50 });
    const ids = rows.map((r) => r.id);
    const check = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cases where id in (${sql.join(ids, sql`, `)}) and street_id <> ${street!.id}`);
    expect(rows.length).toBe(50);
    expect(check[0]!.n).toBe(0);
  });
});

describe('merchant prefix search', () => {
  it('finds merchants whose name starts with the text, and only those', async () => {
    const [m] = await queryRows<{ name: string }>(t.db, sql`select name from merchants order by id limit 1`);
    const prefix = m!.name.slice(0, 2);
    const hits = await searchMerchantsByName(t.db, { prefix });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.name.startsWith(prefix)).toBe(true);
  });

  it('treats wildcards literally', async () => {
    expect(await searchMerchantsByName(t.db, { prefix: '%' })).toEqual([]);
  });
});

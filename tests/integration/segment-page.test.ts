/** The reads behind /r/{code}: what the page shows when chiefs change, where the hotline comes from, how it is cached. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/client';
import { getSegmentPage, segmentPageCacheOptions, segmentPageTag, SEGMENTS_TAG } from '@/lib/segments/queries';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_TODAY } from '../fixtures/seeded';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

describe('segment page data', () => {
  it('survives the JSON round trip of the data cache unchanged (no Date objects)', async () => {
    const page = await getSegmentPage(t.db, { code: 'QH-0002', now: TEST_TODAY });
    expect(page).not.toBeNull();
    expect(JSON.parse(JSON.stringify(page))).toEqual(page);
  });

  it("falls back to the district's supervising hotline when neither segment nor street has one", async () => {
    const [row] = await queryRows<{ segment: string | null; street: string | null; district: string | null }>(
      t.db,
      sql`select s.hotline as segment, st.hotline as street, d.hotline as district from segments s
          join area_units st on st.id = s.street_id join area_units d on d.id = s.district_id where s.code = 'QH-0001'`,
    );
    expect(row).toMatchObject({ segment: null, street: null, district: '12319' });
    const page = await getSegmentPage(t.db, { code: 'QH-0001', now: TEST_TODAY });
    expect(page?.segment.hotline).toBe('12319');
  });

  it("prefers the segment's own hotline over the street's and the district's", async () => {
    await t.db.execute(sql`update segments set hotline = '027-88886666' where code = 'QH-0003'`);
    const page = await getSegmentPage(t.db, { code: 'QH-0003', now: TEST_TODAY });
    expect(page?.segment.hotline).toBe('027-88886666');
  });

  it('keeps very long chief names and titles whole', async () => {
    const [longest] = await queryRows<{ name: string; title: string }>(
      t.db,
      sql`select c.name, c.title from chiefs c join chief_assignments a on a.chief_id = c.id join segments s on s.id = a.segment_id
          where s.code = 'QH-0002' and a.ends_on is null order by length(c.title) desc limit 1`,
    );
    const page = await getSegmentPage(t.db, { code: 'QH-0002', now: TEST_TODAY });
    expect(longest!.title.length).toBeGreaterThan(15);
    expect(page?.chiefs).toContainEqual(expect.objectContaining({ name: longest!.name, title: longest!.title }));
  });

  it('comes back with no chiefs once every current assignment on the segment has ended', async () => {
    await t.db.execute(
      sql`update chief_assignments set ends_on = '2026-11-01' where ends_on is null
          and segment_id = (select id from segments where code = 'QH-0004')`,
    );
    const page = await getSegmentPage(t.db, { code: 'QH-0004', now: TEST_TODAY });
    expect(page?.segment.code).toBe('QH-0004');
    expect(page?.chiefs).toEqual([]);
    // The rest of the page is still there.
    expect(page?.team.length).toBeGreaterThan(0);
    const other = await getSegmentPage(t.db, { code: 'QH-0005', now: TEST_TODAY });
    expect(other?.chiefs.length).toBeGreaterThan(0);
  });

  it('does not show a deactivated segment', async () => {
    await t.db.execute(sql`update segments set active = false where code = 'QH-0006'`);
    expect(await getSegmentPage(t.db, { code: 'QH-0006', now: TEST_TODAY })).toBeNull();
  });

  it('matches codes exactly: the page normalises before it asks', async () => {
    expect(await getSegmentPage(t.db, { code: 'qh-0001', now: TEST_TODAY })).toBeNull();
  });
});

describe('segment page cache', () => {
  it('tags each page with its own code and with the tag shared by all segments', () => {
    expect(segmentPageTag('QH-0001')).toBe('segment:QH-0001');
    expect(segmentPageCacheOptions({ code: 'QH-0001', now: TEST_TODAY }).tags).toEqual(['segment:QH-0001', SEGMENTS_TAG]);
    expect(SEGMENTS_TAG).toBe('segments');
  });

  it('revalidates within five minutes', () => {
    expect(segmentPageCacheOptions({ code: 'QH-0001', now: TEST_TODAY }).revalidate).toBe(300);
  });

  it('keys by code and by China-time month, so the month numbers start afresh on the 1st', () => {
    const key = (code: string, at: string) => segmentPageCacheOptions({ code, now: new Date(at) }).keyParts;
    expect(key('QH-0001', '2026-11-18T10:00:00+08:00')).toEqual(key('QH-0001', '2026-11-30T23:59:00+08:00'));
    expect(key('QH-0001', '2026-11-30T23:59:00+08:00')).not.toEqual(key('QH-0001', '2026-12-01T00:01:00+08:00'));
    // 2026-11-30 16:30 UTC is already December 1st in China.
    expect(key('QH-0001', '2026-11-30T16:30:00Z')).toEqual(key('QH-0001', '2026-12-01T00:01:00+08:00'));
    expect(key('QH-0001', '2026-11-18T10:00:00+08:00')).not.toEqual(key('QH-0002', '2026-11-18T10:00:00+08:00'));
  });
});

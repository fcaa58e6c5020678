/**
 * The production driver: @neondatabase/serverless through drizzle's neon-serverless adapter, talking to
 * this machine's PostgreSQL through a local WebSocket proxy (the piece Neon runs in front of Postgres).
 * Runs only in the PostgreSQL project.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { migrate, queryRows } from '@/lib/db/client';
import { settings } from '@/lib/db/schema';
import { getCaseByNumber, listInbox } from '@/lib/cases/queries';
import { searchMerchantsByName } from '@/lib/merchants/queries';
import { getDistrictOverview, searchPublic } from '@/lib/public/queries';
import { getSegmentPage } from '@/lib/segments/queries';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_TODAY } from '../fixtures/seeded';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb({ driver: 'neon' });
});
afterAll(() => t?.close());

describe('Neon serverless driver', () => {
  it('is the driver in use', () => {
    expect(t.driver).toBe('neon');
  });

  it('applies migrations (a no-op on an up-to-date database)', async () => {
    await migrate(t);
    const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(row!.n).toBeGreaterThanOrEqual(1);
  });

  it('runs the core public reads with the same answers as node-postgres', async () => {
    const overview = await getDistrictOverview(t.db, { now: TEST_TODAY });
    expect(overview?.name).toBe('清河区');
    expect((await searchPublic(t.db, { q: 'QH-0001' }))[0]?.code).toBe('QH-0001');
    const page = await getSegmentPage(t.db, { code: 'QH-0001', now: TEST_TODAY });
    expect(page?.chiefs.length).toBe(6);
    const [c] = await queryRows<{ number: string }>(t.db, sql`select number from cases order by id limit 1`);
    expect((await getCaseByNumber(t.db, { number: c!.number }))?.events.length).toBeGreaterThan(0);
    expect((await listInbox(t.db, { status: 'closed', limit: 50 })).rows).toHaveLength(50);
    expect((await searchMerchantsByName(t.db, { prefix: '老' })).every((m) => m.name.startsWith('老'))).toBe(true);
  });

  it('rolls back an interactive transaction that fails halfway', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.insert(settings).values({ key: 'test.neon', value: 1 });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.db.select().from(settings).where(eq(settings.key, 'test.neon'))).toEqual([]);
  });

  it('commits an interactive transaction', async () => {
    await t.db.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'test.neon', value: { ok: true } });
      const [row] = await tx.select().from(settings).where(eq(settings.key, 'test.neon'));
      expect(row?.value).toEqual({ ok: true });
    });
    expect((await t.db.select().from(settings).where(eq(settings.key, 'test.neon')))[0]?.value).toEqual({ ok: true });
  });
});

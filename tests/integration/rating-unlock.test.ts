/**
 * Unlocking a locked rating month (issue 7) on a real database: the month leaves the red and black lists and
 * the merchant pages and opens for editing, with the reason in the audit log; locking it again publishes it
 * again with a fresh appeal window. Refused, writing nothing: no reason, a month not locked, a form drawn
 * before the month was locked again, a pending appeal on the month. Two unlocks at once unlock once; an
 * appeal filed while an admin unlocks either lands (and the unlock is refused) or is refused — never both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/client';
import { appeals, auditLog, merchants, ratingPeriods, ratings } from '@/lib/db/schema';
import { cstMonthStartIso } from '@/lib/domain/calendar';
import { fileAppeal, merchantAgreementCode } from '@/lib/ratings/appeals';
import { getFlagList, getMerchantPage, lastLockedMonth } from '@/lib/ratings/public';
import { lastUnlock, loadRatingGrid, lockRatingMonth, saveRatingCells, unlockRatingMonth } from '@/lib/ratings/queries';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_TODAY } from '../fixtures/seeded';

let t: TestDb;
// The day the test district was seeded around (its flags cover the 12 months before that month), not the
// clock: with the clock these tests broke as soon as a month turned after TEST_TODAY's.
const now = TEST_TODAY;
const admin = { id: null, label: 'admin-test' };
/** The seed locks the 12 months before the current one. */
const lastMonth = cstMonthStartIso(now, 1);
const earlier = (n: number) => cstMonthStartIso(now, n);

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

/** A street with black-flagged merchants in `month`, and one of them. */
async function blackMerchant(month: string, skipStreets: number[] = []) {
  const rows = await queryRows<{ street_id: number; merchant_id: number; code: string; rating_id: number }>(
    t.db,
    sql`select r.street_id, r.merchant_id, m.code, r.id as rating_id from ratings r join merchants m on m.id = r.merchant_id
        where r.month = ${month} and r.flag = 'black' and r.revoked_by_appeal_id is null and m.active
          and not exists (select 1 from appeals a where a.rating_id = r.id)
        order by r.street_id, r.id`,
  );
  const row = rows.find((r) => !skipStreets.includes(r.street_id));
  if (!row) throw new Error(`no black merchant in ${month}`);
  return row;
}

async function period(streetId: number, month: string) {
  const [p] = await t.db.select({ lockedAt: ratingPeriods.lockedAt }).from(ratingPeriods).where(and(eq(ratingPeriods.streetId, streetId), eq(ratingPeriods.month, month)));
  return p?.lockedAt ?? null;
}

async function auditCount(streetId: number, month: string) {
  const rows = await t.db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.entityType, 'rating_period'), eq(auditLog.entityId, `${streetId}/${month}`)));
  return rows.length;
}

describe('an admin unlocks a locked month', () => {
  it('takes it off the public lists and merchant pages, opens it for editing, and locking again publishes it with a fresh appeal window', async () => {
    const b = await blackMerchant(lastMonth);
    const month = lastMonth.slice(0, 7);
    const listed = await getFlagList(t.db, { flag: 'black', subject: 'merchant', streetId: b.street_id, month });
    expect(listed.entries.map((e) => e.code)).toContain(b.code);
    expect(await lastLockedMonth(t.db, { streetId: b.street_id })).toBe(month);
    const page = (await getMerchantPage(t.db, { code: b.code }))!;
    expect(page.strip.find((s) => s.month === month)).toMatchObject({ flag: 'black' });
    const lockedAt = (await period(b.street_id, lastMonth))!;

    const r = await unlockRatingMonth(t.db, { streetId: b.street_id, month: lastMonth, reason: '  两户商户评错了，核实后更正。 ', expectedLockedAt: lockedAt, actor: admin });
    expect(r).toEqual({ ok: true });
    expect(await period(b.street_id, lastMonth)).toBeNull();
    // Off the public pages: the list for that month is empty, the default list and the merchant page stop at the month before.
    expect((await getFlagList(t.db, { flag: 'black', subject: 'merchant', streetId: b.street_id, month })).entries).toEqual([]);
    expect(await lastLockedMonth(t.db, { streetId: b.street_id })).toBe(earlier(2).slice(0, 7));
    const hidden = (await getMerchantPage(t.db, { code: b.code }))!;
    expect(hidden.asOf).toBe(earlier(2).slice(0, 7));
    expect(hidden.strip.find((s) => s.month === month)).toBeUndefined();
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'rating.unlock'), eq(auditLog.entityId, `${b.street_id}/${lastMonth}`)));
    expect(audit).toMatchObject({ actorLabel: 'admin-test', detail: { month: lastMonth, reason: '两户商户评错了，核实后更正。', lockedAt: lockedAt.toISOString() } });
    expect(await lastUnlock(t.db, { streetId: b.street_id, month: lastMonth })).toMatchObject({ reason: '两户商户评错了，核实后更正。', byName: 'admin-test' });

    // Open for editing: the grid is not locked and a correction saves.
    const grid = (await loadRatingGrid(t.db, { streetId: b.street_id, month: lastMonth }))!;
    expect(grid.locked).toBeNull();
    const cell = grid.merchants.find((m) => m.id === b.merchant_id)!;
    expect(await saveRatingCells(t.db, { streetId: b.street_id, month: lastMonth, actor: admin, changes: [{ subject: 'merchant', id: b.merchant_id, flag: 'red', reasons: [], version: cell.cell!.version }] })).toEqual({ ok: true, saved: 1 });

    const relockAt = new Date();
    expect(await lockRatingMonth(t.db, { streetId: b.street_id, month: lastMonth, actor: admin, now: relockAt })).toMatchObject({ ok: true });
    expect(await lastLockedMonth(t.db, { streetId: b.street_id })).toBe(month);
    expect((await getFlagList(t.db, { flag: 'red', subject: 'merchant', streetId: b.street_id, month })).entries.map((e) => e.code)).toContain(b.code);
    expect((await getMerchantPage(t.db, { code: b.code }))!.strip.find((s) => s.month === month)).toMatchObject({ flag: 'red', lockedAt: relockAt.toISOString() });
  });
});

describe('refusals write nothing', () => {
  it('without a reason, for a month that is not locked, or on a form drawn before the month was locked again', async () => {
    const b = await blackMerchant(earlier(3));
    const lockedAt = (await period(b.street_id, earlier(3)))!;
    const audits = await auditCount(b.street_id, earlier(3));
    expect(await unlockRatingMonth(t.db, { streetId: b.street_id, month: earlier(3), reason: ' 错 ', actor: admin })).toMatchObject({ ok: false, error: 'invalid', field: 'reason', message: expect.stringContaining('解锁原因') });
    expect(await unlockRatingMonth(t.db, { streetId: b.street_id, month: earlier(3), reason: '评错了需要更正', expectedLockedAt: new Date(lockedAt.getTime() - 1000), actor: admin })).toMatchObject({
      ok: false,
      error: 'stale',
      message: expect.stringContaining('重新锁定过'),
    });
    expect(await unlockRatingMonth(t.db, { streetId: b.street_id, month: cstMonthStartIso(now), reason: '评错了需要更正', actor: admin })).toMatchObject({ ok: false, error: 'not_locked', message: expect.stringContaining('没有锁定') });
    expect(await unlockRatingMonth(t.db, { streetId: 2_000_000_000, month: earlier(3), reason: '评错了需要更正', actor: admin })).toMatchObject({ ok: false, error: 'missing' });
    expect(await period(b.street_id, earlier(3))).toEqual(lockedAt);
    expect(await auditCount(b.street_id, earlier(3))).toBe(audits);
  });

  it('while an appeal on the month is pending; once decided, the unlock goes through', async () => {
    const b = await blackMerchant(earlier(4));
    const [appeal] = await t.db.insert(appeals).values({ ratingId: b.rating_id, merchantId: b.merchant_id, statement: '门前已经清理干净，请复查。' }).returning({ id: appeals.id });
    const lockedAt = await period(b.street_id, earlier(4));
    const r = await unlockRatingMonth(t.db, { streetId: b.street_id, month: earlier(4), reason: '评错了需要更正', actor: admin });
    expect(r).toMatchObject({ ok: false, error: 'appeals_pending', message: expect.stringContaining('1 条申诉待处理') });
    expect(await period(b.street_id, earlier(4))).toEqual(lockedAt);
    await t.db.update(appeals).set({ status: 'rejected', decisionNote: '维持' }).where(eq(appeals.id, appeal!.id));
    expect(await unlockRatingMonth(t.db, { streetId: b.street_id, month: earlier(4), reason: '评错了需要更正', actor: admin })).toEqual({ ok: true });
  });
});

describe('at the same time', () => {
  it('two unlocks of one month: one unlocks, the other is told it is not locked', async () => {
    const b = await blackMerchant(earlier(5));
    const both = await Promise.all([1, 2].map(() => unlockRatingMonth(t.db, { streetId: b.street_id, month: earlier(5), reason: '评错了需要更正', actor: admin })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ error: 'not_locked' });
    const unlocks = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'rating.unlock'), eq(auditLog.entityId, `${b.street_id}/${earlier(5)}`)));
    expect(unlocks).toHaveLength(1);
  });

  it('an appeal filed while the month is unlocked: either the appeal lands and the unlock is refused, or the appeal is refused', async () => {
    const month = earlier(6);
    const b = await blackMerchant(month);
    const lockedAt = (await period(b.street_id, month))!;
    const [m] = await t.db.select({ code: merchants.code }).from(merchants).where(eq(merchants.id, b.merchant_id));
    const [filed, unlocked] = await Promise.all([
      fileAppeal(t.db, {
        merchantCode: m!.code,
        fields: { ratingId: String(b.rating_id), identity: await merchantAgreementCode(t.db, m!.code), statement: '当天只是临时卸货，已经清理。' },
        photos: [],
        ip: '203.0.113.77',
        now: new Date(lockedAt.getTime() + 86_400_000),
      }),
      unlockRatingMonth(t.db, { streetId: b.street_id, month, reason: '评错了需要更正', actor: admin }),
    ]);
    expect(filed.ok !== unlocked.ok).toBe(true);
    if (filed.ok) expect(unlocked).toMatchObject({ ok: false, error: 'appeals_pending' });
    else expect(filed).toMatchObject({ error: 'not_appealable', message: expect.stringContaining('尚未公布') });
    const pending = await t.db.select({ id: appeals.id }).from(appeals).innerJoin(ratings, eq(ratings.id, appeals.ratingId)).where(and(eq(ratings.id, b.rating_id), eq(appeals.status, 'pending')));
    expect(pending.length === 1).toBe((await period(b.street_id, month)) !== null);
  });
});

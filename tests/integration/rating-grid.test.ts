/** The inspectors' monthly grid against the real database: bulk saves, two inspectors on one grid, locking, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, merchants, ratings, segments } from '@/lib/db/schema';
import { cstMonthStartIso } from '@/lib/domain/calendar';
import { countingYearStart } from '@/lib/domain/flags';
import { gridStandings, listAccountableMerchants, loadRatingGrid, lockRatingMonth, mayRateStreet, saveRatingCells } from '@/lib/ratings/queries';
import { openTestDb, type TestDb } from '../fixtures/db';
import { TEST_TODAY } from '../fixtures/seeded';

let t: TestDb;
let streetId: number;
let month: string;
// The day the test district was seeded around (its flags cover the 12 months before that month), not the
// clock: with the clock these tests broke as soon as a month turned after TEST_TODAY's.
const now = TEST_TODAY;
const actor = { id: null, label: 'inspector-test' };

beforeAll(async () => {
  t = await openTestDb();
  const [m] = await t.db.select({ streetId: merchants.streetId }).from(merchants).where(eq(merchants.active, true)).orderBy(merchants.id).limit(1);
  streetId = m!.streetId;
  month = cstMonthStartIso(now); // the seed locks the 12 months before this one and leaves this one open
});
afterAll(() => t?.close());

describe('rating grid', () => {
  it('lists the street’s merchants and segments with no flag yet for the open month', async () => {
    const grid = await loadRatingGrid(t.db, { streetId, month });
    expect(grid).not.toBeNull();
    expect(grid!.locked).toBeNull();
    expect(grid!.merchants.length).toBeGreaterThan(0);
    expect(grid!.segments.length).toBeGreaterThan(0);
    expect(grid!.merchants.every((r) => r.cell === null)).toBe(true);
  });

  it('lists the last published month’s accountable merchants for the dashboard, newly accountable first, in scope', async () => {
    // Before any test here locks this month: the last published month is the seed's last.
    const all = (await listAccountableMerchants(t.db, { scope: { scopeType: 'district', scopeAreaId: null }, limit: 1000 }))!;
    expect(all.month).toBe(cstMonthStartIso(now, 1).slice(0, 7));
    expect(all.total).toBeGreaterThan(0); // the demo seed's persistent offenders
    expect(all.entries.every((e) => e.explanation.length > 0)).toBe(true);
    const firstOld = all.entries.findIndex((e) => !e.isNew);
    if (firstOld >= 0) expect(all.entries.slice(firstOld).every((e) => !e.isNew)).toBe(true);
    expect(all.newCount).toBe(all.entries.filter((e) => e.isNew).length);
    const [street] = await t.db.execute(sql`select name from area_units where id = ${streetId}`).then((r) => (r as unknown as { rows: { name: string }[] }).rows);
    const mine = (await listAccountableMerchants(t.db, { scope: { scopeType: 'street', scopeAreaId: streetId }, limit: 1000 }))!;
    expect(mine.entries.every((e) => e.streetName === street!.name)).toBe(true);
    expect(await listAccountableMerchants(t.db, { scope: { scopeType: 'chief', scopeAreaId: null } })).toBeNull();
  });

  it('saves several cells in one go and audits the save', async () => {
    const grid = (await loadRatingGrid(t.db, { streetId, month }))!;
    const [a, b] = grid.merchants;
    const seg = grid.segments[0]!;
    const result = await saveRatingCells(t.db, {
      streetId,
      month,
      actor,
      now,
      changes: [
        { subject: 'merchant', id: a!.id, flag: 'black', reasons: ['乱堆乱放', 'outside_business'], version: null },
        { subject: 'merchant', id: b!.id, flag: 'red', reasons: [], version: null },
        { subject: 'segment', id: seg.id, flag: 'red', reasons: ['tidy_front'], version: null },
      ],
    });
    expect(result).toEqual({ ok: true, saved: 3 });
    const after = (await loadRatingGrid(t.db, { streetId, month }))!;
    expect(after.merchants[0]!.cell).toMatchObject({ flag: 'black', reasons: ['piling', 'outside_business'] });
    expect(after.merchants[1]!.cell?.flag).toBe('red');
    expect(after.segments[0]!.cell).toMatchObject({ flag: 'red', reasons: ['tidy_front'] });
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'rating.save'), eq(auditLog.entityId, `${streetId}/${month}`)));
    expect(audits).toHaveLength(1);
    expect((audits[0]!.detail as { changes: unknown[] }).changes).toHaveLength(3);
  });

  it('refuses a black flag without a reason and writes nothing', async () => {
    const grid = (await loadRatingGrid(t.db, { streetId, month }))!;
    const c = grid.merchants[2]!;
    const d = grid.merchants[3]!;
    const result = await saveRatingCells(t.db, {
      streetId,
      month,
      actor,
      now,
      changes: [
        { subject: 'merchant', id: d.id, flag: 'red', reasons: [], version: null },
        { subject: 'merchant', id: c.id, flag: 'black', reasons: [], version: null },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok || result.error === 'conflict') throw new Error('expected invalid');
    expect(result.cells).toEqual([{ subject: 'merchant', id: c.id, message: '黑旗必须至少选择一个原因。' }]);
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(ratings).where(and(eq(ratings.merchantId, d.id), eq(ratings.month, month)));
    expect(n!.n).toBe(0);
  });

  it('tells the second of two inspectors which cells the first changed, and keeps the first one’s flags', async () => {
    const seen = (await loadRatingGrid(t.db, { streetId, month }))!; // both open the grid
    const a = seen.merchants[0]!;
    const e = seen.merchants[4]!;
    const first = await saveRatingCells(t.db, {
      streetId,
      month,
      actor: { id: null, label: 'first' },
      now,
      changes: [{ subject: 'merchant', id: a.id, flag: 'red', reasons: [], version: a.cell!.version }],
    });
    expect(first.ok).toBe(true);
    const second = await saveRatingCells(t.db, {
      streetId,
      month,
      actor: { id: null, label: 'second' },
      now,
      changes: [
        { subject: 'merchant', id: e.id, flag: 'red', reasons: [], version: null },
        { subject: 'merchant', id: a.id, flag: 'black', reasons: ['门前不洁'], version: a.cell!.version },
      ],
    });
    expect(second.ok).toBe(false);
    if (second.ok || second.error !== 'conflict') throw new Error('expected a conflict');
    expect(second.conflicts.map((c) => c.id)).toEqual([a.id]);
    expect(second.message).toContain(a.name);
    expect(second.message).toContain('红旗');
    const now2 = (await loadRatingGrid(t.db, { streetId, month }))!;
    expect(now2.merchants[0]!.cell?.flag).toBe('red');
    expect(now2.merchants[4]!.cell).toBeNull(); // all or nothing
  });

  it('two first flags for the same cell: the later save is a conflict, not a duplicate row', async () => {
    const seen = (await loadRatingGrid(t.db, { streetId, month }))!;
    const f = seen.merchants[5]!;
    const save = (flag: 'red' | 'black') =>
      saveRatingCells(t.db, { streetId, month, actor, now, changes: [{ subject: 'merchant', id: f.id, flag, reasons: flag === 'black' ? ['piling'] : [], version: null }] });
    expect((await save('red')).ok).toBe(true);
    const later = await save('black');
    expect(later.ok === false && later.error).toBe('conflict');
  });

  it('refuses merchants of another street', async () => {
    const [other] = await t.db.select({ id: merchants.id }).from(merchants).where(sql`${merchants.streetId} <> ${streetId}`).limit(1);
    const result = await saveRatingCells(t.db, { streetId, month, actor, now, changes: [{ subject: 'merchant', id: other!.id, flag: 'red', reasons: [], version: null }] });
    expect(result.ok === false && result.error).toBe('invalid');
  });

  it('refuses a month that has not come yet', async () => {
    const next = cstMonthStartIso(new Date(now.getTime() + 40 * 86_400_000));
    const grid = (await loadRatingGrid(t.db, { streetId, month }))!;
    const result = await saveRatingCells(t.db, { streetId, month: next, actor, now, changes: [{ subject: 'merchant', id: grid.merchants[0]!.id, flag: 'red', reasons: [], version: null }] });
    expect(result.ok === false && result.error).toBe('future');
  });

  it('a locked month refuses every flag; locking twice is refused; both are audited once', async () => {
    const grid = (await loadRatingGrid(t.db, { streetId, month }))!;
    const locked = await lockRatingMonth(t.db, { streetId, month, actor, now });
    expect(locked.ok).toBe(true);
    expect((await loadRatingGrid(t.db, { streetId, month }))!.locked).not.toBeNull();
    const g = grid.merchants[6]!;
    const refused = await saveRatingCells(t.db, { streetId, month, actor, now, changes: [{ subject: 'merchant', id: g.id, flag: 'red', reasons: [], version: null }] });
    expect(refused.ok === false && refused.error).toBe('locked');
    expect(refused.ok === false && refused.message).toContain('已锁定');
    const again = await lockRatingMonth(t.db, { streetId, month, actor, now });
    expect(again.ok === false && again.error).toBe('locked');
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'rating.lock'), eq(auditLog.entityId, `${streetId}/${month}`)));
    expect(audits).toHaveLength(1);
  });

  it('the seed’s past months are locked', async () => {
    const past = cstMonthStartIso(now, 1);
    const [seg] = await t.db.select({ id: segments.id }).from(segments).where(eq(segments.streetId, streetId)).limit(1);
    const refused = await saveRatingCells(t.db, { streetId, month: past, actor, now, changes: [{ subject: 'segment', id: seg!.id, flag: 'red', reasons: [], version: null }] });
    expect(refused.ok === false && refused.error).toBe('locked');
  });

  it('street-scoped staff rate only their street', () => {
    expect(mayRateStreet({ scopeType: 'district', scopeAreaId: null }, streetId)).toBe(true);
    expect(mayRateStreet({ scopeType: 'street', scopeAreaId: streetId }, streetId)).toBe(true);
    expect(mayRateStreet({ scopeType: 'street', scopeAreaId: streetId + 1 }, streetId)).toBe(false);
    expect(mayRateStreet({ scopeType: 'chief', scopeAreaId: null }, streetId)).toBe(false);
  });

  it('shows each merchant’s standing by the rule engine, from its stored flags', async () => {
    const grid = (await loadRatingGrid(t.db, { streetId, month }))!;
    const ids = grid.merchants.map((m) => m.id);
    const standings = await gridStandings(t.db, { merchantIds: ids, month });
    expect([...standings.keys()]).toEqual(ids);
    const yearStart = `${countingYearStart(month, 1)}-01`;
    for (const id of ids.slice(0, 10)) {
      const [n] = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(ratings)
        .where(and(eq(ratings.merchantId, id), eq(ratings.flag, 'black'), sql`${ratings.month} >= ${yearStart}`, sql`${ratings.month} <= ${month}`));
      expect(standings.get(id)!.blackCount).toBe(n!.n);
      expect(standings.get(id)!.label).toMatch(/^(良好|警示|问责) · 本年黑旗计 \d+ 面/);
    }
  });

});

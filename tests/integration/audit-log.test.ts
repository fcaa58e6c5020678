/**
 * 留痕: the audit log is append-only in the database itself (a trigger refuses UPDATE, DELETE and
 * TRUNCATE from the app's own connection), and the audit page's query filters and pages through it.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, writeAudit } from '@/lib/audit/queries';
import { auditFilterOf, auditSearchSchema } from '@/lib/audit/schema';
import { auditLog } from '@/lib/db/schema';
import { openTestDb, testDriver, type TestDb } from '../fixtures/db';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

/** The Postgres error a statement failed with (drizzle wraps the driver's error in `cause`). */
async function pgFailure(run: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await run();
  } catch (error) {
    const e = ((error as { cause?: unknown }).cause ?? error) as { code?: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('the statement succeeded');
}

describe('audit_log is append-only', () => {
  it('refuses to update an entry, and the entry stays as written', async () => {
    await writeAudit(t.db, { actorUserId: null, actorLabel: 'immutable-test', action: 'test.write', entityType: 'thing', entityId: 1, detail: { a: 1 } });
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.actorLabel, 'immutable-test'));
    const failure = await pgFailure(() => t.db.update(auditLog).set({ action: 'test.rewritten' }).where(eq(auditLog.id, row!.id)));
    expect(failure.code).toBe('42501');
    expect(failure.message).toContain('audit_log is append-only: UPDATE');
    const [after] = await t.db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(after).toEqual(row);
  });

  it('refuses to delete entries, even with a where that matches none', async () => {
    const before = await t.db.$count(auditLog);
    expect((await pgFailure(() => t.db.delete(auditLog).where(eq(auditLog.actorLabel, 'immutable-test')))).message).toContain('append-only: DELETE');
    expect((await pgFailure(() => t.db.delete(auditLog).where(eq(auditLog.id, -1)))).message).toContain('append-only: DELETE');
    expect(await t.db.$count(auditLog)).toBe(before);
  });

  it('refuses TRUNCATE and raw SQL updates', async () => {
    const before = await t.db.$count(auditLog);
    expect((await pgFailure(() => t.db.execute(sql`truncate audit_log`))).message).toContain('append-only: TRUNCATE');
    expect((await pgFailure(() => t.db.execute(sql`update audit_log set detail = null`))).message).toContain('append-only: UPDATE');
    expect(await t.db.$count(auditLog)).toBe(before);
  });

  it.runIf(testDriver === 'pg')('binds a separate login role that holds UPDATE and DELETE privileges on the table', async () => {
    const role = `lz_app_${randomBytes(4).toString('hex')}`;
    await t.db.execute(sql.raw(`create role ${role} login`));
    await t.db.execute(sql.raw(`grant select, insert, update, delete, truncate on audit_log to ${role}`));
    const u = new URL(t.url!);
    u.username = role;
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    try {
      const fail = (q: string) => client.query(q).then(() => ({ code: 'none', message: 'succeeded' }), (e: { code: string; message: string }) => e);
      expect(await fail('update audit_log set action = action')).toMatchObject({ code: '42501', message: 'audit_log is append-only: UPDATE is not allowed' });
      expect(await fail('delete from audit_log')).toMatchObject({ code: '42501', message: 'audit_log is append-only: DELETE is not allowed' });
      expect(await fail('truncate audit_log')).toMatchObject({ code: '42501', message: 'audit_log is append-only: TRUNCATE is not allowed' });
    } finally {
      await client.end();
      await t.db.execute(sql.raw(`drop owned by ${role}`));
      await t.db.execute(sql.raw(`drop role ${role}`));
    }
  });

  it('still accepts new entries inside a transaction that is rolled back as a whole when something else fails', async () => {
    const before = await t.db.$count(auditLog);
    await t.db.transaction(async (tx) => {
      await writeAudit(tx, { actorUserId: null, actorLabel: 'tx-test', action: 'test.tx' });
    });
    expect(await t.db.$count(auditLog)).toBe(before + 1);
  });
});

describe('audit page query', () => {
  beforeAll(async () => {
    for (let i = 0; i < 7; i++) {
      await writeAudit(t.db, { actorUserId: null, actorLabel: i % 2 ? 'Zhang_San' : 'lisi', action: i % 3 ? 'case.dispatch' : 'auth.login', entityType: 'case', entityId: `C${i}` });
    }
  });

  it('pages newest first by id without gaps or repeats', async () => {
    const filter = { entityType: 'case' };
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await listAuditEntries(t.db, { filter, before, limit: 3 });
      seen.push(...page.rows.map((r) => r.id));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toHaveLength(7);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('filters by actor prefix (case-insensitive, wildcards literal), action prefix and entity id', async () => {
    expect((await listAuditEntries(t.db, { filter: { actor: 'zhang_' } })).rows.map((r) => r.actorLabel)).toEqual(['Zhang_San', 'Zhang_San', 'Zhang_San']);
    expect((await listAuditEntries(t.db, { filter: { actor: 'zhang%' } })).rows).toEqual([]);
    const auth = (await listAuditEntries(t.db, { filter: { action: 'auth.', entityType: 'case' } })).rows;
    expect(auth.map((r) => r.entityId)).toEqual(['C6', 'C3', 'C0']);
    expect((await listAuditEntries(t.db, { filter: { entityType: 'case', entityId: 'C4' } })).rows.map((r) => r.action)).toEqual(['case.dispatch']);
  });

  it('filters by CST day range, the end day included', async () => {
    const today = new Date();
    const cst = new Date(today.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const search = auditSearchSchema.parse({ from: cst, to: cst, entityType: 'case' });
    expect((await listAuditEntries(t.db, { filter: auditFilterOf(search) })).rows).toHaveLength(7);
    const yesterday = new Date(Date.parse(cst) - 86_400_000).toISOString().slice(0, 10);
    const old = auditSearchSchema.parse({ from: '2020-01-01', to: yesterday, entityType: 'case' });
    expect((await listAuditEntries(t.db, { filter: auditFilterOf(old) })).rows).toHaveLength(0);
  });

  it('answers bad filters with Chinese messages', () => {
    const bad = auditSearchSchema.safeParse({ from: '2026-02-30', to: '2026-13-01', before: 'abc' });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toContain('开始日期不是有效的日期');
    expect(messages).toContain('结束日期不是有效的日期');
    expect(messages).toContain('翻页参数有误');
    expect(auditSearchSchema.safeParse({ from: '23/11/2026' }).error?.issues[0]?.message).toBe('开始日期应为 年-月-日，例如 2026-11-23');
    expect(auditSearchSchema.safeParse({ from: '2026-11-23', to: '2026-11-01' }).error?.issues[0]?.message).toBe('开始日期不能晚于结束日期');
  });
});

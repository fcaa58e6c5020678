/** Reads of cases: the lookup by number, the dispatcher inbox and the demo's sample cases. Writes come with the case state machine. */
import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { caseEvents, cases, categories } from '../db/schema';

export async function getCaseByNumber(db: Db, { number }: { number: string }) {
  const [row] = await db
    .select({
      id: cases.id,
      number: cases.number,
      lookupCode: cases.lookupCode,
      status: cases.status,
      categoryName: categories.name,
      segmentId: cases.segmentId,
      createdAt: cases.createdAt,
      closedAt: cases.closedAt,
      deadlineAt: cases.deadlineAt,
      version: cases.version,
    })
    .from(cases)
    .leftJoin(categories, eq(categories.id, cases.categoryId))
    .where(eq(cases.number, number));
  if (!row) return null;
  const events = await db
    .select({ action: caseEvents.action, toStatus: caseEvents.toStatus, note: caseEvents.note, visibility: caseEvents.visibility, at: caseEvents.at })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, row.id))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
  return { ...row, events };
}

export type InboxCursor = { deadlineAt: string | null; id: number };

/**
 * One page of the dispatcher inbox for a status (and optionally a street), soonest deadline first,
 * cases without a deadline last; keyset pagination on (deadline, id) so page 100 costs what page 1 does.
 */
export async function listInbox(
  db: Db,
  { status, streetId, after, limit = 50 }: { status: (typeof cases.status.enumValues)[number]; streetId?: number; after?: InboxCursor; limit?: number },
) {
  const conditions: (SQL | undefined)[] = [eq(cases.status, status), streetId === undefined ? undefined : eq(cases.streetId, streetId)];
  if (after) {
    conditions.push(
      after.deadlineAt === null
        ? and(sql`${cases.deadlineAt} is null`, gt(cases.id, after.id))
        : or(
            gt(cases.deadlineAt, new Date(after.deadlineAt)),
            and(eq(cases.deadlineAt, new Date(after.deadlineAt)), gt(cases.id, after.id)),
            sql`${cases.deadlineAt} is null`,
          ),
    );
  }
  const rows = await db
    .select({ id: cases.id, number: cases.number, status: cases.status, segmentId: cases.segmentId, deadlineAt: cases.deadlineAt, createdAt: cases.createdAt })
    .from(cases)
    .where(and(...conditions))
    .orderBy(sql`${cases.deadlineAt} asc nulls last`, asc(cases.id))
    .limit(limit);
  const last = rows[rows.length - 1];
  const next: InboxCursor | null = rows.length === limit && last ? { deadlineAt: last.deadlineAt?.toISOString() ?? null, id: last.id } : null;
  return { rows, next };
}

/**
 * Demo mode only (the page checks): a few demo cases with their lookup codes, so a newcomer without a
 * receipt can try 查进度 — one closed and not yet rated, one in progress, one not taken up.
 */
export async function listDemoTrackSamples(db: Db) {
  const pick = (status: 'closed' | 'dispatched' | 'rejected', label: string, extra?: SQL) =>
    db
      .select({ number: cases.number, lookupCode: cases.lookupCode })
      .from(cases)
      .where(and(eq(cases.status, status), eq(cases.source, 'citizen'), extra))
      .orderBy(sql`${cases.createdAt} desc`, asc(cases.id))
      .limit(1)
      .then((rows) => rows.map((r) => ({ ...r, label })));
  const rows = await Promise.all([
    pick('closed', '已办结，可评价', sql`${cases.satisfaction} is null`),
    pick('dispatched', '处理中'),
    pick('rejected', '未受理'),
  ]);
  return rows.flat();
}

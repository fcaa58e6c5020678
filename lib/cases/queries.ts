/** Reads of cases: the lookup by number, the dispatcher inbox and the demo's sample cases. Writes come with the case state machine. */
import { and, asc, desc, eq, gt, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { areaUnits, caseEvents, chiefAssignments, cases, categories, chiefs, departments, segments } from '../db/schema';
import { cstIsoDate } from '../domain/calendar';
import { OPEN_STATUSES, type InboxCursor, type InboxSort, type InboxSource, type InboxStatus as CaseStatus } from '../domain/inbox-query';

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

export type { InboxCursor } from '../domain/inbox-query';

/** Whose cases a staff member may see: the fields of a staff account that scope it (lib/domain/case-flow has the same rule). */
export interface ScopeActor {
  scopeType: 'district' | 'street' | 'chief' | 'department';
  scopeAreaId: number | null;
  chiefId: number | null;
  departmentId: number | null;
}

/**
 * The scope as SQL: a district or street by its area, a road chief's or a department's own assigned cases.
 * A scope missing its id sees nothing rather than everything.
 */
export function scopeCondition(actor: ScopeActor, now: Date = new Date()): SQL {
  switch (actor.scopeType) {
    case 'district':
      return actor.scopeAreaId === null ? sql`true` : eq(cases.districtId, actor.scopeAreaId);
    case 'street':
      return actor.scopeAreaId === null ? sql`false` : eq(cases.streetId, actor.scopeAreaId);
    case 'chief':
      // Assigned to them, or on a segment they are a current chief of (case-flow's inScope).
      return actor.chiefId === null
        ? sql`false`
        : or(
            eq(cases.assigneeChiefId, actor.chiefId),
            sql`${cases.segmentId} in (select ${chiefAssignments.segmentId} from ${chiefAssignments} where ${chiefAssignments.chiefId} = ${actor.chiefId} and (${chiefAssignments.endsOn} is null or ${chiefAssignments.endsOn} >= ${cstIsoDate(now)}))`,
          )!;
    case 'department':
      return actor.departmentId === null ? sql`false` : eq(cases.assigneeDepartmentId, actor.departmentId);
  }
}

export interface InboxFilters {
  streetId?: number;
  segmentId?: number;
  categoryId?: number;
  source?: InboxSource;
  overdue?: boolean;
  dueWithinHours?: number;
  /** Only the cases this staff member may see. */
  scope?: ScopeActor;
  now?: Date;
}

/** The filters other than status, as conditions on `cases`; all are equalities or deadline ranges (index-friendly). */
function filterConditions(f: InboxFilters): (SQL | undefined)[] {
  const now = f.now ?? new Date();
  return [
    f.scope ? scopeCondition(f.scope, now) : undefined,
    f.streetId === undefined ? undefined : eq(cases.streetId, f.streetId),
    f.segmentId === undefined ? undefined : eq(cases.segmentId, f.segmentId),
    f.categoryId === undefined ? undefined : eq(cases.categoryId, f.categoryId),
    f.source === undefined ? undefined : eq(cases.source, f.source),
    f.overdue ? and(lt(cases.deadlineAt, now), inArray(cases.status, [...OPEN_STATUSES])) : undefined,
    f.dueWithinHours === undefined ? undefined : and(gte(cases.deadlineAt, now), lt(cases.deadlineAt, new Date(now.getTime() + f.dueWithinHours * 3_600_000))),
  ];
}

/**
 * One page of the dispatcher inbox for a status with filters: by deadline (soonest first, none last;
 * keyset on (deadline, id) so page 100 costs what page 1 does, on the (status, street, deadline, id)
 * index), or newest/oldest first (keyset on id, the primary key).
 */
export async function listInbox(
  db: Db | Tx,
  { status, after, limit = 50, sort = 'deadline', ...filters }: InboxFilters & { status: CaseStatus; after?: InboxCursor; limit?: number; sort?: InboxSort },
) {
  const conditions: (SQL | undefined)[] = [eq(cases.status, status), ...filterConditions(filters)];
  if (after && sort === 'deadline') {
    conditions.push(
      after.deadlineAt === null
        ? and(sql`${cases.deadlineAt} is null`, gt(cases.id, after.id))
        : or(
            gt(cases.deadlineAt, new Date(after.deadlineAt)),
            and(eq(cases.deadlineAt, new Date(after.deadlineAt)), gt(cases.id, after.id)),
            sql`${cases.deadlineAt} is null`,
          ),
    );
  } else if (after) {
    conditions.push(sort === 'newest' ? lt(cases.id, after.id) : gt(cases.id, after.id));
  }
  const order = sort === 'deadline' ? [sql`${cases.deadlineAt} asc nulls last`, asc(cases.id)] : sort === 'newest' ? [desc(cases.id)] : [asc(cases.id)];
  const rows = await db
    .select({
      id: cases.id,
      number: cases.number,
      status: cases.status,
      source: cases.source,
      description: cases.description,
      level: cases.level,
      segmentId: cases.segmentId,
      segmentCode: segments.code,
      segmentName: segments.name,
      streetId: cases.streetId,
      streetName: areaUnits.name,
      categoryName: categories.name,
      chiefName: chiefs.name,
      departmentName: departments.shortName,
      deadlineAt: cases.deadlineAt,
      createdAt: cases.createdAt,
      superviseCount: cases.superviseCount,
      isPublic: cases.isPublic,
      version: cases.version,
    })
    .from(cases)
    .leftJoin(segments, eq(segments.id, cases.segmentId))
    .leftJoin(areaUnits, eq(areaUnits.id, cases.streetId))
    .leftJoin(categories, eq(categories.id, cases.categoryId))
    .leftJoin(chiefs, eq(chiefs.id, cases.assigneeChiefId))
    .leftJoin(departments, eq(departments.id, cases.assigneeDepartmentId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(limit);
  const last = rows[rows.length - 1];
  const next: InboxCursor | null = rows.length === limit && last ? { deadlineAt: last.deadlineAt?.toISOString() ?? null, id: last.id } : null;
  return { rows, next };
}

/**
 * Counts for the inbox tabs under the same filters: each open status, and how many of them are overdue.
 * Finished cases (closed, rejected) are not counted: at city scale that is most of the table.
 */
export async function countInbox(db: Db | Tx, filters: InboxFilters) {
  const now = filters.now ?? new Date();
  const rows = await db
    .select({ status: cases.status, n: sql<number>`count(*)::int`, overdue: sql<number>`count(*) filter (where ${cases.deadlineAt} < ${now})::int` })
    .from(cases)
    .where(and(inArray(cases.status, [...OPEN_STATUSES]), ...filterConditions(filters)))
    .groupBy(cases.status);
  const counts = Object.fromEntries(OPEN_STATUSES.map((s) => [s, 0])) as Record<(typeof OPEN_STATUSES)[number], number>;
  let overdue = 0;
  for (const r of rows) {
    counts[r.status as (typeof OPEN_STATUSES)[number]] = r.n;
    overdue += r.overdue;
  }
  return { byStatus: counts, overdue };
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

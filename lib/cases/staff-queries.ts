/**
 * Back-office reads of cases: the staff case page (everything about one case, reporter contact included),
 * nearby possible duplicates, a handler's 我的待办, the dashboard numbers, staff photos, and the option
 * lists the forms need. Callers check role and scope (case-flow's inScope) before showing anything.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { readImageForDisplay, type ImageSize } from '../media/queries';
import { areaUnits, caseEvents, caseMedia, cases, categories, chiefAssignments, chiefs, departments, segments, staffUsers } from '../db/schema';
import { cstMonthStart, CST_OFFSET_MS } from '../domain/calendar';
import { OPEN_STATUSES } from '../domain/inbox-query';
import { scopeCondition, type ScopeActor } from './queries';

const DAY_MS = 86_400_000;

/** Everything the staff case page shows. */
export async function getStaffCase(db: Db | Tx, { caseId }: { caseId: number }) {
  const [row] = await db
    .select({
      c: cases,
      categoryName: categories.name,
      categoryCode: categories.code,
      categoryHours: categories.timeLimitHours,
      segmentCode: segments.code,
      segmentName: segments.name,
      streetName: areaUnits.name,
      chiefName: chiefs.name,
      chiefPhone: chiefs.phone,
      departmentName: departments.name,
    })
    .from(cases)
    .leftJoin(categories, eq(categories.id, cases.categoryId))
    .leftJoin(segments, eq(segments.id, cases.segmentId))
    .leftJoin(areaUnits, eq(areaUnits.id, cases.streetId))
    .leftJoin(chiefs, eq(chiefs.id, cases.assigneeChiefId))
    .leftJoin(departments, eq(departments.id, cases.assigneeDepartmentId))
    .where(eq(cases.id, caseId));
  if (!row) return null;

  const [events, photos, duplicateOf, duplicates] = await Promise.all([
    db
      .select({
        id: caseEvents.id,
        action: caseEvents.action,
        fromStatus: caseEvents.fromStatus,
        toStatus: caseEvents.toStatus,
        actorLabel: caseEvents.actorLabel,
        actorName: staffUsers.displayName,
        note: caseEvents.note,
        visibility: caseEvents.visibility,
        data: caseEvents.data,
        at: caseEvents.at,
      })
      .from(caseEvents)
      .leftJoin(staffUsers, eq(staffUsers.id, caseEvents.actorUserId))
      .where(eq(caseEvents.caseId, caseId))
      .orderBy(asc(caseEvents.at), asc(caseEvents.id)),
    db
      .select({ mediaId: caseMedia.mediaId, role: caseMedia.role, eventId: caseMedia.eventId })
      .from(caseMedia)
      .where(eq(caseMedia.caseId, caseId))
      .orderBy(asc(caseMedia.sortOrder), asc(caseMedia.mediaId)),
    row.c.duplicateOfId === null
      ? Promise.resolve([])
      : db.select({ id: cases.id, number: cases.number, status: cases.status }).from(cases).where(eq(cases.id, row.c.duplicateOfId)),
    db
      .select({ id: cases.id, number: cases.number, status: cases.status })
      .from(cases)
      .where(eq(cases.duplicateOfId, caseId))
      .orderBy(asc(cases.id))
      .limit(50),
  ]);
  return {
    ...row.c,
    categoryName: row.categoryName,
    categoryCode: row.categoryCode,
    categoryHours: row.categoryHours,
    segmentCode: row.segmentCode,
    segmentName: row.segmentName,
    streetName: row.streetName,
    chiefName: row.chiefName,
    chiefPhone: row.chiefPhone,
    departmentName: row.departmentName,
    events,
    photos,
    duplicateOf: duplicateOf[0] ?? null,
    duplicates,
  };
}
export type StaffCase = NonNullable<Awaited<ReturnType<typeof getStaffCase>>>;

/**
 * Possible duplicates of a case: others on the same segment with the same category reported within ±3
 * days (the (segment, category, created) index), not already merged away, nearest in time first.
 */
export async function listNearbyDuplicates(
  db: Db | Tx,
  { caseId, segmentId, categoryId, createdAt, days = 3, limit = 10 }: { caseId: number; segmentId: number | null; categoryId: number | null; createdAt: Date; days?: number; limit?: number },
) {
  if (segmentId === null || categoryId === null) return [];
  return db
    .select({ id: cases.id, number: cases.number, status: cases.status, description: cases.description, createdAt: cases.createdAt, duplicateOfId: cases.duplicateOfId })
    .from(cases)
    .where(
      and(
        eq(cases.segmentId, segmentId),
        eq(cases.categoryId, categoryId),
        gte(cases.createdAt, new Date(createdAt.getTime() - days * DAY_MS)),
        lte(cases.createdAt, new Date(createdAt.getTime() + days * DAY_MS)),
        ne(cases.id, caseId),
      ),
    )
    .orderBy(sql`abs(extract(epoch from ${cases.createdAt} - ${createdAt}))`, asc(cases.id))
    .limit(limit);
}

/**
 * 我的待办: the cases dispatched to this road chief or department (handled ones waiting for 核查 too),
 * overdue first, then by deadline. `chiefId`/`departmentId` come from the signed-in handler's account.
 */
export async function listTodo(db: Db | Tx, { chiefId, departmentId, limit = 200 }: { chiefId: number | null; departmentId: number | null; limit?: number }) {
  const mine = or(
    chiefId === null ? undefined : eq(cases.assigneeChiefId, chiefId),
    departmentId === null ? undefined : eq(cases.assigneeDepartmentId, departmentId),
  );
  if (!mine) return [];
  return db
    .select({
      id: cases.id,
      number: cases.number,
      status: cases.status,
      description: cases.description,
      address: cases.address,
      categoryName: categories.name,
      segmentCode: segments.code,
      segmentName: segments.name,
      deadlineAt: cases.deadlineAt,
      dispatchedAt: cases.dispatchedAt,
      superviseCount: cases.superviseCount,
      version: cases.version,
    })
    .from(cases)
    .leftJoin(categories, eq(categories.id, cases.categoryId))
    .leftJoin(segments, eq(segments.id, cases.segmentId))
    .where(and(mine, inArray(cases.status, ['dispatched', 'handled'])))
    // Work to do before work done; within it, the earliest deadline (so the overdue ones) first.
    .orderBy(sql`case when ${cases.status} = 'dispatched' then 0 else 1 end`, sql`${cases.deadlineAt} asc nulls last`, asc(cases.id))
    .limit(limit);
}

/** The start of the CST day of `now`. */
function cstDayStart(now: Date): Date {
  const local = now.getTime() + CST_OFFSET_MS;
  return new Date(local - (local % DAY_MS) - CST_OFFSET_MS);
}

/**
 * The dashboard numbers for what a staff member may see: today's new cases, open overdue cases by street
 * and by department, and this month's on-time rate (closed this month with the result reported by the
 * deadline, as on the segment pages).
 */
export async function getDashboard(db: Db | Tx, { scope, now = new Date() }: { scope: ScopeActor; now?: Date }) {
  const inScope = scopeCondition(scope, now);
  const dayStart = cstDayStart(now);
  const monthStart = cstMonthStart(now);
  const overdue = and(inScope, inArray(cases.status, [...OPEN_STATUSES]), lt(cases.deadlineAt, now));
  const [today, byStreet, byDepartment, month, open] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(inScope, gte(cases.createdAt, dayStart))),
    db
      .select({ streetId: cases.streetId, name: areaUnits.name, n: sql<number>`count(*)::int` })
      .from(cases)
      .leftJoin(areaUnits, eq(areaUnits.id, cases.streetId))
      .where(overdue)
      .groupBy(cases.streetId, areaUnits.name)
      .orderBy(desc(sql`count(*)`), asc(areaUnits.name)),
    db
      .select({ departmentId: cases.assigneeDepartmentId, name: departments.name, n: sql<number>`count(*)::int` })
      .from(cases)
      .innerJoin(departments, eq(departments.id, cases.assigneeDepartmentId))
      .where(and(overdue, isNotNull(cases.assigneeDepartmentId)))
      .groupBy(cases.assigneeDepartmentId, departments.name)
      .orderBy(desc(sql`count(*)`), asc(departments.name)),
    db
      .select({
        closed: sql<number>`count(*)::int`,
        onTime: sql<number>`count(*) filter (where ${cases.deadlineAt} is null or ${cases.handledAt} <= ${cases.deadlineAt})::int`,
      })
      .from(cases)
      .where(and(inScope, eq(cases.status, 'closed'), gte(cases.closedAt, monthStart), lte(cases.closedAt, now))),
    db
      .select({ status: cases.status, n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(inScope, inArray(cases.status, [...OPEN_STATUSES])))
      .groupBy(cases.status),
  ]);
  const closed = month[0]?.closed ?? 0;
  const onTime = month[0]?.onTime ?? 0;
  const overdueChiefCases = byStreet.reduce((s, r) => s + r.n, 0) - byDepartment.reduce((s, r) => s + r.n, 0);
  return {
    today: today[0]?.n ?? 0,
    overdueTotal: byStreet.reduce((s, r) => s + r.n, 0),
    overdueByStreet: byStreet.map((r) => ({ streetId: r.streetId, name: r.name ?? '未定位街道', n: r.n })),
    overdueByDepartment: byDepartment.map((r) => ({ departmentId: r.departmentId!, name: r.name, n: r.n })),
    /** Overdue cases not with a department (with road chiefs, or not yet dispatched). */
    overdueNotDepartment: overdueChiefCases,
    month: { closed, onTime, rate: closed === 0 ? null : onTime / closed },
    open: Object.fromEntries(open.map((r) => [r.status, r.n])) as Partial<Record<(typeof OPEN_STATUSES)[number], number>>,
  };
}

export type { ImageSize as StaffPhotoSize } from '../media/queries';

/**
 * A photo linked to a case, any role, for staff who may see the case (the route checks). `thumb` serves the
 * 400 px derivative when there is one. Originals are never served.
 */
export async function getStaffPhoto(db: Db | Tx, { caseId, mediaId, size }: { caseId: number; mediaId: number; size: ImageSize }) {
  const [link] = await db
    .select({ mediaId: caseMedia.mediaId })
    .from(caseMedia)
    .where(and(eq(caseMedia.caseId, caseId), eq(caseMedia.mediaId, mediaId)))
    .limit(1);
  if (!link) return null;
  return readImageForDisplay(db, mediaId, size);
}

/** Option lists for the inbox filters and the action forms. */
export async function listStreets(db: Db | Tx) {
  return db.select({ id: areaUnits.id, name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.level, 'street')).orderBy(asc(areaUnits.sortOrder), asc(areaUnits.id));
}

/** Leaf categories (小类: the ones with a time limit), by code. */
export async function listCaseCategories(db: Db | Tx) {
  return db
    .select({ id: categories.id, code: categories.code, name: categories.name, hours: categories.timeLimitHours })
    .from(categories)
    .where(and(eq(categories.active, true), isNotNull(categories.timeLimitHours)))
    .orderBy(asc(categories.code));
}

export async function listSegmentOptions(db: Db | Tx, { streetId }: { streetId?: number } = {}) {
  return db
    .select({ id: segments.id, code: segments.code, name: segments.name, streetId: segments.streetId })
    .from(segments)
    .where(and(eq(segments.active, true), streetId === undefined ? undefined : eq(segments.streetId, streetId)))
    .orderBy(asc(segments.code));
}

export async function listDepartmentOptions(db: Db | Tx) {
  return db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.active, true)).orderBy(asc(departments.code));
}

/** The current chiefs of a segment with their level: who a case on it is dispatched to. */
export async function listSegmentChiefOptions(db: Db | Tx, { segmentId }: { segmentId: number | null }) {
  if (segmentId === null) return [];
  return db
    .select({ id: chiefs.id, name: chiefs.name, title: chiefs.title, level: chiefAssignments.level })
    .from(chiefAssignments)
    .innerJoin(chiefs, eq(chiefs.id, chiefAssignments.chiefId))
    .where(and(eq(chiefAssignments.segmentId, segmentId), isNull(chiefAssignments.endsOn), eq(chiefs.active, true)))
    .orderBy(sql`case ${chiefAssignments.level} when 'third' then 0 when 'second' then 1 when 'first' then 2 else 3 end`, asc(chiefs.id));
}

/** The current third-level chief of a case's segment (the lowest level, who patrols it): where 批量派遣 sends each case. */
export async function thirdLevelChiefOf(db: Db | Tx, { caseId }: { caseId: number }): Promise<number | null> {
  const [row] = await db
    .select({ chiefId: chiefAssignments.chiefId })
    .from(cases)
    .innerJoin(chiefAssignments, and(eq(chiefAssignments.segmentId, cases.segmentId), isNull(chiefAssignments.endsOn), eq(chiefAssignments.level, 'third')))
    .innerJoin(chiefs, and(eq(chiefs.id, chiefAssignments.chiefId), eq(chiefs.active, true)))
    .where(eq(cases.id, caseId))
    .orderBy(asc(chiefAssignments.startsOn), asc(chiefAssignments.id))
    .limit(1);
  return row?.chiefId ?? null;
}

/**
 * The inspectors' monthly rating grid: one street's merchants and segments with this month's flags,
 * saving changed cells in bulk with optimistic concurrency (each cell carries the version it was read
 * at), and locking a month, which makes it official and public. Every write is audited in its transaction.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/queries';
import type { Db, Tx } from '../db/client';
import { appeals, areaUnits, auditLog, merchants, ratingPeriods, ratings, segments, staffUsers } from '../db/schema';
import { cstMonthStartIso } from '../domain/calendar';
import { computeStanding, ratingRulesFromSettings, RATING_SETTING_KEYS, STATUS_LABEL, type MonthFlag, type Standing } from '../domain/flags';
import { getSettings } from '../settings/queries';
import { getFlagList } from './public';
import { checkCell, FLAG_LABEL, futureMonthMessage, monthLabel, reasonLabel, type Flag, type RatingReason } from '../domain/rating-grid';

export type RatingSubject = 'merchant' | 'segment';

export interface Actor {
  id: number | null;
  label: string;
}

/** Who may rate which street: district-wide staff any street, street staff their own. */
export interface RatingScope {
  scopeType: 'district' | 'street' | 'chief' | 'department';
  scopeAreaId: number | null;
}

export function mayRateStreet(scope: RatingScope, streetId: number): boolean {
  return scope.scopeType === 'district' || (scope.scopeType === 'street' && scope.scopeAreaId === streetId);
}

export interface GridCell {
  flag: Flag;
  reasons: string[];
  note: string | null;
  /** The row's updated_at to the microsecond, as text: what a save must still find. */
  version: string;
  inspectorName: string | null;
  revoked: boolean;
}

export interface GridRow {
  subject: RatingSubject;
  id: number;
  code: string;
  name: string;
  segmentCode: string | null;
  cell: GridCell | null;
}

export interface RatingGrid {
  streetId: number;
  streetName: string;
  month: string;
  locked: { at: Date; byName: string | null } | null;
  merchants: GridRow[];
  segments: GridRow[];
}

const version = sql<string>`${ratings.updatedAt}::text`;

async function cellsFor(db: Db | Tx, month: string, subject: RatingSubject, ids: number[]) {
  if (ids.length === 0) return new Map<number, GridCell>();
  const idColumn = subject === 'merchant' ? ratings.merchantId : ratings.segmentId;
  const rows = await db
    .select({
      subjectId: idColumn,
      flag: ratings.flag,
      reasons: ratings.reasons,
      note: ratings.note,
      version,
      inspectorName: staffUsers.displayName,
      revokedByAppealId: ratings.revokedByAppealId,
    })
    .from(ratings)
    .leftJoin(staffUsers, eq(staffUsers.id, ratings.inspectorUserId))
    .where(and(eq(ratings.month, month), inArray(idColumn, ids)));
  return new Map(
    rows.map((r) => [
      r.subjectId!,
      { flag: r.flag, reasons: r.reasons, note: r.note, version: r.version, inspectorName: r.inspectorName, revoked: r.revokedByAppealId !== null },
    ]),
  );
}

/** The lock state of a street's month, or null while it is open. */
export async function getPeriodLock(db: Db | Tx, { streetId, month }: { streetId: number; month: string }) {
  const [row] = await db
    .select({ at: ratingPeriods.lockedAt, byName: staffUsers.displayName })
    .from(ratingPeriods)
    .leftJoin(staffUsers, eq(staffUsers.id, ratingPeriods.lockedBy))
    .where(and(eq(ratingPeriods.streetId, streetId), eq(ratingPeriods.month, month)));
  return row?.at ? { at: row.at, byName: row.byName } : null;
}

/** One street's grid for a month (optionally one segment's merchants only). Null when the street does not exist. */
export async function loadRatingGrid(
  db: Db | Tx,
  { streetId, month, segmentId }: { streetId: number; month: string; segmentId?: number },
): Promise<RatingGrid | null> {
  const [street] = await db
    .select({ id: areaUnits.id, name: areaUnits.name })
    .from(areaUnits)
    .where(and(eq(areaUnits.id, streetId), eq(areaUnits.level, 'street')));
  if (!street) return null;
  const [merchantRows, segmentRows, locked] = await Promise.all([
    db
      .select({ id: merchants.id, code: merchants.code, name: merchants.name, segmentCode: segments.code })
      .from(merchants)
      .innerJoin(segments, eq(segments.id, merchants.segmentId))
      .where(and(eq(merchants.streetId, streetId), eq(merchants.active, true), segmentId === undefined ? undefined : eq(merchants.segmentId, segmentId)))
      .orderBy(asc(segments.code), asc(merchants.code)),
    db
      .select({ id: segments.id, code: segments.code, name: segments.name })
      .from(segments)
      .where(and(eq(segments.streetId, streetId), eq(segments.active, true), segmentId === undefined ? undefined : eq(segments.id, segmentId)))
      .orderBy(asc(segments.code)),
    getPeriodLock(db, { streetId, month }),
  ]);
  const [mCells, sCells] = await Promise.all([
    cellsFor(db, month, 'merchant', merchantRows.map((m) => m.id)),
    cellsFor(db, month, 'segment', segmentRows.map((s) => s.id)),
  ]);
  return {
    streetId,
    streetName: street.name,
    month,
    locked,
    merchants: merchantRows.map((m) => ({ subject: 'merchant', id: m.id, code: m.code, name: m.name, segmentCode: m.segmentCode, cell: mCells.get(m.id) ?? null })),
    segments: segmentRows.map((s) => ({ subject: 'segment', id: s.id, code: s.code, name: s.name, segmentCode: s.code, cell: sCells.get(s.id) ?? null })),
  };
}

/** One changed cell as a grid sends it: the new value and the version it was read at (null: there was no flag). */
export interface CellChange {
  subject: RatingSubject;
  id: number;
  flag: Flag;
  reasons: string[];
  note?: string | null;
  version: string | null;
}

export interface CellConflict {
  subject: RatingSubject;
  id: number;
  code: string;
  name: string;
  /** What is saved now, in words, e.g. 黑旗（乱堆乱放），张三. */
  now: string;
}

export type SaveResult =
  | { ok: true; saved: number }
  | { ok: false; error: 'locked' | 'future' | 'invalid'; message: string; cells?: { subject: RatingSubject; id: number; message: string }[] }
  | { ok: false; error: 'conflict'; message: string; conflicts: CellConflict[] };

class Rollback extends Error {
  constructor(readonly result: Exclude<SaveResult, { ok: true }>) {
    super(result.message);
  }
}

function describeCell(c: { flag: Flag; reasons: string[]; inspectorName: string | null } | null): string {
  if (!c) return '未评';
  const reasons = c.reasons.length ? `（${c.reasons.map(reasonLabel).join('、')}）` : '';
  return `${FLAG_LABEL[c.flag]}${reasons}${c.inspectorName ? `，${c.inspectorName}评` : ''}`;
}

/**
 * Makes sure the period row exists and locks it for this transaction, so a save and a lock of the same
 * street's month run one after the other. Returns whether the month is locked.
 */
export async function holdPeriod(tx: Tx, streetId: number, month: string): Promise<boolean> {
  await tx.insert(ratingPeriods).values({ streetId, month }).onConflictDoNothing();
  const [p] = await tx
    .select({ lockedAt: ratingPeriods.lockedAt })
    .from(ratingPeriods)
    .where(and(eq(ratingPeriods.streetId, streetId), eq(ratingPeriods.month, month)))
    .for('update');
  return Boolean(p?.lockedAt);
}

/**
 * Saves the changed cells of one street's month, all or nothing. A cell whose row changed since the
 * grid was read (another inspector saved it) is a conflict: nothing is written and every conflicting
 * cell is listed with what is saved now. A locked month refuses every flag.
 */
export async function saveRatingCells(
  db: Db,
  { streetId, month, changes, actor, now = new Date() }: { streetId: number; month: string; changes: CellChange[]; actor: Actor; now?: Date },
): Promise<SaveResult> {
  const future = futureMonthMessage(month, cstMonthStartIso(now));
  if (future) return { ok: false, error: 'future', message: future };
  const cells: { subject: RatingSubject; id: number; message: string }[] = [];
  const clean = changes.map((c) => {
    const checked = checkCell(c.flag, c.reasons);
    if (!checked.ok) cells.push({ subject: c.subject, id: c.id, message: checked.message });
    return { ...c, reasons: checked.ok ? checked.reasons : [], note: c.note?.trim() || null };
  });
  const keys = new Set(changes.map((c) => `${c.subject}:${c.id}`));
  if (keys.size !== changes.length) return { ok: false, error: 'invalid', message: '同一个商户或路段在一次保存中出现了两次。' };
  if (cells.length) return { ok: false, error: 'invalid', message: '有单元格填写不完整，请按提示修改后再保存。', cells };
  if (clean.length === 0) return { ok: true, saved: 0 };

  try {
    return await db.transaction(async (tx) => {
      if (await holdPeriod(tx, streetId, month)) {
        throw new Rollback({ ok: false, error: 'locked', message: `${monthLabel(month)}的评比已锁定发布，不能再修改。` });
      }
      const written = await writeCells(tx, { streetId, month, changes: clean, actor, checkVersions: true });
      await writeAudit(tx, {
        actorUserId: actor.id,
        actorLabel: actor.label,
        action: 'rating.save',
        entityType: 'rating_period',
        entityId: `${streetId}/${month}`,
        detail: { month, changes: written },
      });
      return { ok: true as const, saved: written.length };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

interface SubjectInfo {
  id: number;
  code: string;
  name: string;
  streetId: number;
}

/** The merchants or segments with these ids (any street): for checks and for the audit's codes. */
async function subjects(db: Db | Tx, subject: RatingSubject, ids: number[]): Promise<Map<number, SubjectInfo>> {
  if (ids.length === 0) return new Map();
  const t = subject === 'merchant' ? merchants : segments;
  const rows = await db.select({ id: t.id, code: t.code, name: t.name, streetId: t.streetId }).from(t).where(inArray(t.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Writes cells of one street's month inside `tx` (the period already held). With `checkVersions`, a
 * cell whose stored version differs from the one sent throws a conflict listing every such cell.
 * Returns the audit's list of changes.
 */
export async function writeCells(
  tx: Tx,
  {
    streetId,
    month,
    changes,
    actor,
    checkVersions,
  }: { streetId: number; month: string; changes: (Omit<CellChange, 'reasons'> & { reasons: RatingReason[] })[]; actor: Actor; checkVersions: boolean },
) {
  const bySubject = { merchant: changes.filter((c) => c.subject === 'merchant'), segment: changes.filter((c) => c.subject === 'segment') };
  const info = {
    merchant: await subjects(tx, 'merchant', bySubject.merchant.map((c) => c.id)),
    segment: await subjects(tx, 'segment', bySubject.segment.map((c) => c.id)),
  };
  const foreign = changes.filter((c) => info[c.subject].get(c.id)?.streetId !== streetId);
  if (foreign.length) {
    throw new Rollback({ ok: false, error: 'invalid', message: '有商户或路段不属于这个街道（或已不存在），请刷新页面后重试。' });
  }
  // Current rows, locked until the end of the transaction: a concurrent save waits and then sees our version.
  const current = new Map<string, { id: number; flag: Flag; reasons: string[]; version: string; inspectorName: string | null }>();
  for (const subject of ['merchant', 'segment'] as const) {
    const ids = bySubject[subject].map((c) => c.id);
    if (ids.length === 0) continue;
    const idColumn = subject === 'merchant' ? ratings.merchantId : ratings.segmentId;
    const rows = await tx
      .select({ id: ratings.id, subjectId: idColumn, flag: ratings.flag, reasons: ratings.reasons, version, inspectorUserId: ratings.inspectorUserId })
      .from(ratings)
      .where(and(eq(ratings.month, month), inArray(idColumn, ids)))
      .for('update');
    const names = await inspectorNames(tx, rows.map((r) => r.inspectorUserId));
    for (const r of rows) current.set(`${subject}:${r.subjectId}`, { ...r, inspectorName: r.inspectorUserId === null ? null : (names.get(r.inspectorUserId) ?? null) });
  }
  const conflicts: CellConflict[] = [];
  if (checkVersions) {
    for (const c of changes) {
      const now = current.get(`${c.subject}:${c.id}`);
      if ((now?.version ?? null) !== c.version) {
        const s = info[c.subject].get(c.id)!;
        conflicts.push({ subject: c.subject, id: c.id, code: s.code, name: s.name, now: describeCell(now ?? null) });
      }
    }
  }
  if (conflicts.length) throw conflictRollback(conflicts);

  const audit: { subject: RatingSubject; code: string; from: string | null; to: Flag; reasons: string[] }[] = [];
  for (const c of changes) {
    const before = current.get(`${c.subject}:${c.id}`);
    const s = info[c.subject].get(c.id)!;
    if (before && before.flag === c.flag && sameReasons(before.reasons, c.reasons) && !c.note) continue;
    if (!before && c.flag === 'none' && !c.note) continue; // 未评 → 无: nothing to record
    if (before) {
      await tx
        .update(ratings)
        .set({ flag: c.flag, reasons: c.reasons, note: c.note ?? null, inspectorUserId: actor.id, updatedAt: sql`clock_timestamp()` })
        .where(eq(ratings.id, before.id));
    } else {
      const inserted = await tx
        .insert(ratings)
        .values({
          subject: c.subject,
          merchantId: c.subject === 'merchant' ? c.id : null,
          segmentId: c.subject === 'segment' ? c.id : null,
          streetId,
          month,
          flag: c.flag,
          reasons: c.reasons,
          note: c.note ?? null,
          inspectorUserId: actor.id,
          updatedAt: sql`clock_timestamp()`,
        })
        .onConflictDoNothing()
        .returning({ id: ratings.id });
      // Another inspector's first flag for this cell committed while we were reading.
      if (inserted.length === 0) throw conflictRollback([{ subject: c.subject, id: c.id, code: s.code, name: s.name, now: '刚刚被他人评定' }]);
    }
    audit.push({ subject: c.subject, code: s.code, from: before?.flag ?? null, to: c.flag, reasons: c.reasons });
  }
  return audit;
}

function conflictRollback(conflicts: CellConflict[]) {
  const list = conflicts.map((c) => `${c.name}（${c.code}）现为${c.now}`).join('；');
  return new Rollback({
    ok: false,
    error: 'conflict',
    message: `保存失败：有 ${conflicts.length} 个单元格在您打开本页后已被他人修改，您的修改都没有保存。${list}。请刷新页面查看最新结果后再修改。`,
    conflicts,
  });
}

const sameReasons = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r, i) => r === b[i]);

async function inspectorNames(db: Db | Tx, ids: (number | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map<number, string>();
  const rows = await db.select({ id: staffUsers.id, name: staffUsers.displayName }).from(staffUsers).where(inArray(staffUsers.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type LockResult = { ok: true; lockedAt: Date } | { ok: false; error: 'locked' | 'future' | 'missing'; message: string };

/**
 * Locks a street's month: its flags become official and public, and no flag for it is accepted after.
 * Locking the current month is allowed (ratings are often done in its last days); a later one is not.
 */
export async function lockRatingMonth(
  db: Db,
  { streetId, month, actor, now = new Date() }: { streetId: number; month: string; actor: Actor; now?: Date },
): Promise<LockResult> {
  const future = futureMonthMessage(month, cstMonthStartIso(now));
  if (future) return { ok: false, error: 'future', message: future };
  const [street] = await db.select({ id: areaUnits.id }).from(areaUnits).where(and(eq(areaUnits.id, streetId), eq(areaUnits.level, 'street')));
  if (!street) return { ok: false, error: 'missing', message: '没有这个街道。' };
  return db.transaction(async (tx) => {
    await tx.insert(ratingPeriods).values({ streetId, month }).onConflictDoNothing();
    const [done] = await tx
      .update(ratingPeriods)
      .set({ lockedAt: now, lockedBy: actor.id })
      .where(and(eq(ratingPeriods.streetId, streetId), eq(ratingPeriods.month, month), isNull(ratingPeriods.lockedAt)))
      .returning({ lockedAt: ratingPeriods.lockedAt });
    if (!done?.lockedAt) return { ok: false as const, error: 'locked' as const, message: `${monthLabel(month)}的评比已经锁定发布过了。` };
    const [counts] = await tx
      .select({
        red: sql<number>`count(*) filter (where ${ratings.flag} = 'red')::int`,
        black: sql<number>`count(*) filter (where ${ratings.flag} = 'black')::int`,
      })
      .from(ratings)
      .where(and(eq(ratings.streetId, streetId), eq(ratings.month, month), isNull(ratings.revokedByAppealId)));
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorLabel: actor.label,
      action: 'rating.lock',
      entityType: 'rating_period',
      entityId: `${streetId}/${month}`,
      detail: { month, red: counts?.red ?? 0, black: counts?.black ?? 0 },
    });
    return { ok: true as const, lockedAt: done.lockedAt };
  });
}

export const UNLOCK_REASON_MAX = 200;

export type UnlockResult =
  | { ok: true }
  | { ok: false; error: 'invalid' | 'missing' | 'not_locked' | 'stale' | 'appeals_pending'; message: string; field?: 'reason' };

/**
 * Unlocks a street's locked month (an admin correcting a mistake): its flags leave the public lists and
 * merchant pages until it is locked again, and can be edited. Refused while an appeal against one of its
 * flags is pending — the appeal would lose the flag it argues against; decide it first. `expectedLockedAt`
 * is the lock the page showed: a month locked again since is not unlocked by an old form. The reason is
 * kept in the audit log with the lock it lifted.
 */
export async function unlockRatingMonth(
  db: Db,
  { streetId, month, reason, expectedLockedAt, actor }: { streetId: number; month: string; reason: string; expectedLockedAt?: Date; actor: Actor },
): Promise<UnlockResult> {
  const why = reason.trim();
  if ([...why].length < 4) return { ok: false, error: 'invalid', field: 'reason', message: '请写明解锁原因（至少 4 个字），例如哪几户评错了。' };
  if ([...why].length > UNLOCK_REASON_MAX) return { ok: false, error: 'invalid', field: 'reason', message: `解锁原因最多 ${UNLOCK_REASON_MAX} 字。` };
  const [street] = await db.select({ id: areaUnits.id }).from(areaUnits).where(and(eq(areaUnits.id, streetId), eq(areaUnits.level, 'street')));
  if (!street) return { ok: false, error: 'missing', message: '没有这个街道。' };
  return db.transaction(async (tx): Promise<UnlockResult> => {
    // The period row first, as saves, locks and appeals take it: they run one after the other.
    const [period] = await tx
      .select({ lockedAt: ratingPeriods.lockedAt, lockedBy: ratingPeriods.lockedBy })
      .from(ratingPeriods)
      .where(and(eq(ratingPeriods.streetId, streetId), eq(ratingPeriods.month, month)))
      .for('update');
    if (!period?.lockedAt) return { ok: false, error: 'not_locked', message: `${monthLabel(month)}的评比没有锁定，无需解锁。` };
    if (expectedLockedAt && period.lockedAt.getTime() !== expectedLockedAt.getTime()) {
      return { ok: false, error: 'stale', message: `${monthLabel(month)}的评比在你打开本页后被重新锁定过，请刷新页面后再决定是否解锁。` };
    }
    const [pending] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(appeals)
      .innerJoin(ratings, eq(ratings.id, appeals.ratingId))
      .where(and(eq(ratings.streetId, streetId), eq(ratings.month, month), eq(appeals.status, 'pending')));
    if ((pending?.n ?? 0) > 0) {
      return {
        ok: false,
        error: 'appeals_pending',
        message: `${monthLabel(month)}有 ${pending!.n} 条申诉待处理，不能解锁：解锁后黑旗可能被改动，申诉就失去了对象。请先在「申诉处理」中处理完这些申诉。`,
      };
    }
    await tx.update(ratingPeriods).set({ lockedAt: null, lockedBy: null }).where(and(eq(ratingPeriods.streetId, streetId), eq(ratingPeriods.month, month)));
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorLabel: actor.label,
      action: 'rating.unlock',
      entityType: 'rating_period',
      entityId: `${streetId}/${month}`,
      detail: { month, reason: why, lockedAt: period.lockedAt.toISOString(), lockedBy: period.lockedBy },
    });
    return { ok: true };
  });
}

/** The last unlock of a street's month (who, when, why), for the grid page while the month is open again; null if never. */
export async function lastUnlock(db: Db | Tx, { streetId, month }: { streetId: number; month: string }) {
  const [row] = await db
    .select({ at: auditLog.at, byName: staffUsers.displayName, actorLabel: auditLog.actorLabel, detail: auditLog.detail })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entityType, 'rating_period'), eq(auditLog.entityId, `${streetId}/${month}`), eq(auditLog.action, 'rating.unlock')))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  if (!row) return null;
  const reason = typeof row.detail?.reason === 'string' ? row.detail.reason : '';
  return { at: row.at, byName: row.byName ?? row.actorLabel, reason };
}

/** Streets for the grid's picker (all, or the one a street-scoped inspector works in). */
export async function listRatingStreets(db: Db | Tx, scope: RatingScope) {
  const rows = await db
    .select({ id: areaUnits.id, name: areaUnits.name })
    .from(areaUnits)
    .where(and(eq(areaUnits.level, 'street'), scope.scopeType === 'district' ? undefined : eq(areaUnits.id, scope.scopeAreaId ?? -1)))
    .orderBy(asc(areaUnits.sortOrder), asc(areaUnits.name));
  return rows;
}

/**
 * Each merchant's standing at `month` by the rule engine, from its flags of the two years up to it
 * (an upheld appeal's flag does not count), for the grid's standing column.
 */
export async function gridStandings(db: Db | Tx, { merchantIds, month }: { merchantIds: number[]; month: string }): Promise<Map<number, Standing & { label: string }>> {
  if (merchantIds.length === 0) return new Map();
  const from = `${Number(month.slice(0, 4)) - 2}${month.slice(4)}`;
  const [settings, rows] = await Promise.all([
    getSettings(db, [...RATING_SETTING_KEYS]),
    db
      .select({ merchantId: ratings.merchantId, month: ratings.month, flag: ratings.flag })
      .from(ratings)
      .where(and(inArray(ratings.merchantId, merchantIds), sql`${ratings.month} > ${from}`, sql`${ratings.month} <= ${month}`, isNull(ratings.revokedByAppealId))),
  ]);
  const rules = ratingRulesFromSettings(settings);
  const history = new Map<number, MonthFlag[]>();
  for (const r of rows) {
    const list = history.get(r.merchantId!) ?? [];
    list.push({ month: r.month, flag: r.flag });
    history.set(r.merchantId!, list);
  }
  const out = new Map<number, Standing & { label: string }>();
  for (const id of merchantIds) {
    const s = computeStanding(history.get(id) ?? [], month, rules);
    const label = `${STATUS_LABEL[s.status]} · 本年黑旗计 ${s.countedBlack} 面${s.consecutiveBlack > 1 ? `，连续 ${s.consecutiveBlack} 个月` : ''}`;
    out.set(id, { ...s, label });
  }
  return out;
}

/**
 * Accountable merchants in the last locked month (of the staff member's street, or the district), for the
 * staff dashboard: those that became accountable that month first. From part A's black list.
 */
export async function listAccountableMerchants(db: Db, { scope, limit = 10 }: { scope: RatingScope; limit?: number }) {
  if (scope.scopeType !== 'district' && scope.scopeType !== 'street') return null;
  const streetId = scope.scopeType === 'street' ? (scope.scopeAreaId ?? -1) : undefined;
  const list = await getFlagList(db, { flag: 'black', subject: 'merchant', streetId });
  if (!list.month) return null;
  const accountable = list.entries
    .filter((e) => e.standing?.status === 'accountable')
    .map((e) => ({ code: e.code, name: e.name, streetName: e.streetName, isNew: e.standing!.accountable?.since === list.month, explanation: e.standing!.explanation }))
    .sort((a, b) => Number(b.isNew) - Number(a.isNew));
  return { month: list.month, total: accountable.length, newCount: accountable.filter((a) => a.isNew).length, entries: accountable.slice(0, limit) };
}

export { Rollback as RatingRollback };

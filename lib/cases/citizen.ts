/**
 * The two things a reporter may do to their own case from /track: rate it once after closure, and answer
 * 问题未解决 within the reopen window, which hands it back to the dispatcher. Each is one transaction that
 * locks the case, checks the version the page was drawn with, writes the case and its event together.
 * 问题未解决 changes the case's status, so it goes through the state machine (lib/cases/transitions).
 */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { caseEvents, cases } from '../db/schema';
import { canRate, reopenCheck } from '../domain/citizen-view';
import { COMMENT_MAX, REOPEN_REASON_MAX, type CitizenWriteError } from '../domain/track-input';
import { getSettings } from '../settings/queries';
import { CITIZEN_ACTOR_LABEL, applyCitizenReopen } from './transitions';

export { CITIZEN_ACTOR_LABEL };

export type CitizenWriteResult = { ok: true; version: number } | { ok: false; error: CitizenWriteError };

async function lockCase(tx: Tx, caseId: number) {
  const [row] = await tx
    .select({ status: cases.status, satisfaction: cases.satisfaction, closedAt: cases.closedAt, version: cases.version })
    .from(cases)
    .where(eq(cases.id, caseId))
    .for('update');
  return row ?? null;
}

/** 1–5 stars and an optional comment (already cleaned, ≤ 200 characters), once per case, after closure. */
export async function rateClosedCase(
  db: Db | Tx,
  { caseId, expectedVersion, stars, comment, now = new Date() }: { caseId: number; expectedVersion: number; stars: number; comment: string; now?: Date },
): Promise<CitizenWriteResult> {
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new RangeError(`stars must be 1..5, got ${stars}`);
  if ([...comment].length > COMMENT_MAX) throw new RangeError(`comment longer than ${COMMENT_MAX}`);
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, caseId);
    if (!row) return { ok: false, error: 'not_found' } as const;
    // Rating twice is answered as such even from a stale page: that is what the person needs to hear.
    if (row.satisfaction !== null) return { ok: false, error: 'already_rated' } as const;
    if (row.version !== expectedVersion) return { ok: false, error: 'stale' } as const;
    if (!canRate(row)) return { ok: false, error: 'not_closed' } as const;
    const version = row.version + 1;
    const updated = await tx
      .update(cases)
      .set({ satisfaction: stars, version, updatedAt: now })
      .where(and(eq(cases.id, caseId), eq(cases.version, expectedVersion)))
      .returning({ id: cases.id });
    if (updated.length !== 1) return { ok: false, error: 'stale' } as const;
    // Internal: the comment is the reporter's own words and may name people; staff read it, the public does not.
    await tx.insert(caseEvents).values({
      caseId,
      action: 'rate',
      fromStatus: row.status,
      toStatus: row.status,
      actorUserId: null,
      actorLabel: CITIZEN_ACTOR_LABEL,
      note: comment || null,
      visibility: 'internal',
      data: { stars },
      at: now,
    });
    return { ok: true, version } as const;
  });
}

/**
 * 问题未解决: within the window after closure, the case goes back to 'accepted' for the dispatcher, with the
 * reporter's reason on a public `reopen` event. closedAt is cleared; the rating, if any, stays. The write
 * itself is the state machine's (lib/cases/transitions), the one way a case's status changes.
 */
export async function reopenClosedCase(
  db: Db | Tx,
  { caseId, expectedVersion, reason, now = new Date() }: { caseId: number; expectedVersion: number; reason: string; now?: Date },
): Promise<CitizenWriteResult> {
  if (reason.trim() === '' || [...reason].length > REOPEN_REASON_MAX) throw new RangeError(`reason must be 1..${REOPEN_REASON_MAX} characters`);
  const windowDays = (await getSettings(db, ['track.reopenWindowDays']))['track.reopenWindowDays'];
  return applyCitizenReopen(db, {
    caseId,
    expectedVersion,
    reason,
    now,
    check: (row) => reopenCheck({ status: row.status, closedAt: row.closedAt, now, windowDays }),
  });
}

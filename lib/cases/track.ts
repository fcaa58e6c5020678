/**
 * 查进度 (/track): looking a case up by number + lookup code or phone's last 4 digits, rate limited so
 * neither can be enumerated; the access that a lookup grants; and the citizen's view of the case and its
 * photos. Nothing here ever returns the reporter's name or phone, staff names, actor labels or internal notes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { readImageForDisplay, type ImageSize } from '../media/queries';
import { caseEvents, caseMedia, cases, categories, departments, segments } from '../db/schema';
import { hitRateLimit } from '../abuse/rate-limit';
import {
  canRate,
  citizenActionLabel,
  citizenStage,
  citizenSteps,
  handlingUnitLabel,
  rejectReasonText,
  reopenCheck,
  reopenDeadline,
  type CitizenStage,
  type CitizenStep,
} from '../domain/citizen-view';
import { CITIZEN_STAGE_LABEL } from '../domain/labels';
import { NOT_FOUND_MESSAGE, lookupRefusedMessage, type LookupLimitScope, type TrackLookup } from '../domain/track-input';
import { getSettings } from '../settings/queries';
import { signTrackAccess, verifyTrackAccess } from './track-access';

const TEN_MINUTES = 600;
const DAY = 86_400;

export type TrackLookupResult =
  | { ok: true; number: string; token: string }
  | { ok: false; error: 'not_found'; message: string }
  | { ok: false; error: 'rate_limited'; scope: LookupLimitScope; retryAfterSeconds: number; message: string };

const digest = (s: string) => createHash('sha256').update(s).digest();
/** Equal-time comparison of two short strings (through their hashes, so lengths do not matter). */
const sameText = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));
/** Compared against when the case does not exist, so a missing case costs what a wrong pair costs. */
const NO_CASE = { id: 0, number: '', lookupCode: '\u0000no-case', reporterPhone: null as string | null };

const refused = (scope: LookupLimitScope, retryAfterSeconds: number): TrackLookupResult => ({
  ok: false,
  error: 'rate_limited',
  scope,
  retryAfterSeconds,
  message: lookupRefusedMessage(scope, retryAfterSeconds),
});

/** The last 4 digits of a stored phone as the reporter would read them off their own phone. */
function phoneLast4(phone: string | null): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : '\u0000none'; // never equal to 4 typed digits
}

/**
 * One lookup attempt. Both rate limits are counted before the pair is checked, and a wrong pair, a case
 * without a phone and a case that does not exist all come back as the same `not_found` after the same work.
 */
export async function lookupTrackedCase(
  db: Db,
  { lookup, ip, secret, now = new Date() }: { lookup: TrackLookup; ip: string; secret: string; now?: Date },
): Promise<TrackLookupResult> {
  const limits = await getSettings(db, ['track.lookupsPer10MinutesPerIp', 'track.lookupsPerCasePerDay']);
  const byIp = await hitRateLimit(db, `track:ip:${ip}`, [{ windowSeconds: TEN_MINUTES, max: limits['track.lookupsPer10MinutesPerIp'] }], now);
  if (!byIp.ok) return refused('ip', byIp.retryAfterSeconds);
  const byCase = await hitRateLimit(db, `track:case:${lookup.number}`, [{ windowSeconds: DAY, max: limits['track.lookupsPerCasePerDay'] }], now);
  if (!byCase.ok) return refused('case', byCase.retryAfterSeconds);

  const [found] = await db
    .select({ id: cases.id, number: cases.number, lookupCode: cases.lookupCode, reporterPhone: cases.reporterPhone })
    .from(cases)
    .where(eq(cases.number, lookup.number));
  const row = found ?? NO_CASE;
  // Both comparisons always run, whichever proof was given.
  const codeMatches = sameText(lookup.code ?? '\u0000none', row.lookupCode);
  const phoneMatches = sameText(lookup.phoneLast4 ?? '\u0000none', phoneLast4(row.reporterPhone));
  const matches = lookup.code !== null ? codeMatches : phoneMatches;
  if (!found || !matches) return { ok: false, error: 'not_found', message: NOT_FOUND_MESSAGE };
  return { ok: true, number: found.number, token: signTrackAccess({ secret, number: found.number, lookupCode: found.lookupCode, now }) };
}

/**
 * The case a request may see: the one named in the path, when the access token was made for it. Null for
 * a missing case and a missing, expired or forged token alike.
 */
export async function authorizedCase(
  db: Db | Tx,
  { number, token, secret, now = new Date() }: { number: string; token: string | null | undefined; secret: string; now?: Date },
): Promise<{ caseId: number; number: string } | null> {
  if (!token) return null;
  const [row] = await db.select({ id: cases.id, number: cases.number, lookupCode: cases.lookupCode }).from(cases).where(eq(cases.number, number));
  if (!row || !verifyTrackAccess({ secret, number: row.number, lookupCode: row.lookupCode, token, now })) return null;
  return { caseId: row.id, number: row.number };
}

export interface CitizenCaseView {
  number: string;
  stage: CitizenStage;
  stageLabel: string;
  steps: CitizenStep[];
  /** Only for 未受理. */
  rejectReason: string | null;
  category: string | null;
  segment: { code: string; name: string } | null;
  address: string | null;
  handlingUnit: string | null;
  description: string;
  createdAt: Date;
  closedAt: Date | null;
  /** Public timeline entries, oldest first: what happened and the public note, never who. */
  replies: { at: Date; title: string; note: string | null }[];
  /** Media ids of the reporter's own photos, and of the result photos once the case is closed. */
  photos: { report: number[]; after: number[] };
  satisfaction: number | null;
  canRate: boolean;
  /** 问题未解决: whether it may be said now, until when (closed cases), and the window's length in days. */
  reopen: { allowed: boolean; until: Date | null; windowDays: number };
  /** The case's version when the page was drawn; the two writes check it. */
  version: number;
  /** 合并办理: the master case this report was merged into; the steps, replies and result are the master's. */
  mergedInto: string | null;
}

/** The case whose progress a reporter follows: the master of a case merged as a duplicate, else itself. */
async function followedCase(db: Db | Tx, caseId: number): Promise<{ id: number; number: string } | null> {
  const [row] = await db
    .select({ status: cases.status, rejectReason: cases.rejectReason, duplicateOfId: cases.duplicateOfId })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!row || row.status !== 'rejected' || row.rejectReason !== 'duplicate' || row.duplicateOfId === null) return null;
  const [master] = await db.select({ id: cases.id, number: cases.number }).from(cases).where(eq(cases.id, row.duplicateOfId));
  return master ?? null;
}

/** Everything the citizen's case page shows, for a case the caller has already authorised. */
export async function getCitizenCaseView(db: Db | Tx, { caseId, now = new Date() }: { caseId: number; now?: Date }): Promise<CitizenCaseView | null> {
  // A report merged into a master shows the master's progress, with its own words and photos.
  const master = await followedCase(db, caseId);
  if (master) {
    const own = await getCitizenCaseView(db, { caseId: master.id, now });
    const self = await citizenCaseViewOf(db, caseId, now);
    if (!own || !self) return self;
    return {
      ...own,
      number: self.number,
      description: self.description,
      address: self.address,
      createdAt: self.createdAt,
      replies: [{ at: own.createdAt, title: '合并办理', note: `与案件 ${master.number} 反映的是同一问题，合并办理，以下为该案件的办理进度。` }, ...own.replies],
      photos: { report: self.photos.report, after: own.photos.after },
      satisfaction: self.satisfaction,
      canRate: false,
      reopen: { allowed: false, until: null, windowDays: own.reopen.windowDays },
      version: self.version,
      mergedInto: master.number,
    };
  }
  return citizenCaseViewOf(db, caseId, now);
}

async function citizenCaseViewOf(db: Db | Tx, caseId: number, now: Date): Promise<CitizenCaseView | null> {
  const [row] = await db
    .select({
      number: cases.number,
      status: cases.status,
      rejectReason: cases.rejectReason,
      description: cases.description,
      address: cases.address,
      createdAt: cases.createdAt,
      closedAt: cases.closedAt,
      satisfaction: cases.satisfaction,
      version: cases.version,
      chiefAssigned: cases.assigneeChiefId,
      categoryName: categories.name,
      segmentCode: segments.code,
      segmentName: segments.name,
      departmentName: departments.name,
    })
    .from(cases)
    .leftJoin(categories, eq(categories.id, cases.categoryId))
    .leftJoin(segments, eq(segments.id, cases.segmentId))
    .leftJoin(departments, eq(departments.id, cases.assigneeDepartmentId))
    .where(eq(cases.id, caseId));
  if (!row) return null;

  // Every status change dates the steps; only public entries are shown. Actor labels are never read.
  const events = await db
    .select({ action: caseEvents.action, fromStatus: caseEvents.fromStatus, toStatus: caseEvents.toStatus, note: caseEvents.note, visibility: caseEvents.visibility, at: caseEvents.at })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
  const windowDays = (await getSettings(db, ['track.reopenWindowDays']))['track.reopenWindowDays'];

  const stage = citizenStage(row.status);
  const closed = row.status === 'closed';
  const photoRows = await db
    .select({ mediaId: caseMedia.mediaId, role: caseMedia.role })
    .from(caseMedia)
    .where(and(eq(caseMedia.caseId, caseId), closed ? inArray(caseMedia.role, ['report', 'after']) : eq(caseMedia.role, 'report')))
    .orderBy(asc(caseMedia.sortOrder), asc(caseMedia.mediaId));
  const unique = (ids: number[]) => [...new Set(ids)];

  const reopen = reopenCheck({ status: row.status, closedAt: row.closedAt, now, windowDays });
  return {
    number: row.number,
    stage,
    stageLabel: CITIZEN_STAGE_LABEL[stage],
    steps: citizenSteps({ status: row.status, createdAt: row.createdAt, changes: events }),
    rejectReason: stage === 'rejected' ? rejectReasonText(row.rejectReason) : null,
    category: row.categoryName,
    segment: row.segmentCode && row.segmentName ? { code: row.segmentCode, name: row.segmentName } : null,
    // The seed and many reports repeat the segment's name as the address; say it once.
    address: row.address && row.address !== row.segmentName ? row.address : null,
    handlingUnit: handlingUnitLabel({ stage, departmentName: row.departmentName, chiefAssigned: row.chiefAssigned !== null, segmentName: row.segmentName }),
    description: row.description,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    replies: events.filter((e) => e.visibility === 'public').map((e) => ({ at: e.at, title: citizenActionLabel(e.action), note: e.note })),
    photos: {
      report: unique(photoRows.filter((p) => p.role === 'report').map((p) => p.mediaId)),
      after: unique(photoRows.filter((p) => p.role === 'after').map((p) => p.mediaId)),
    },
    satisfaction: row.satisfaction,
    canRate: canRate({ status: row.status, satisfaction: row.satisfaction }),
    reopen: { allowed: reopen.ok, until: closed && row.closedAt ? reopenDeadline(row.closedAt, windowDays) : null, windowDays },
    version: row.version,
    mergedInto: null,
  };
}

export type { ImageSize as PhotoSize } from '../media/queries';

/**
 * A photo of an authorised case: the reporter's own (role 'report') at any time, the result ('after')
 * once closed. `mediaId` is the id the case links; `thumb` serves its 400 px derivative when there is one.
 * Originals are never served.
 */
export async function getCitizenPhoto(db: Db | Tx, { caseId, mediaId, size }: { caseId: number; mediaId: number; size: ImageSize }) {
  // A merged report's result photos are its master's.
  const resultCaseId = (await followedCase(db, caseId))?.id ?? caseId;
  const [link] = await db
    .select({ mediaId: caseMedia.mediaId })
    .from(caseMedia)
    .innerJoin(cases, eq(cases.id, caseMedia.caseId))
    .where(
      and(
        eq(caseMedia.mediaId, mediaId),
        or(
          and(eq(caseMedia.caseId, caseId), eq(caseMedia.role, 'report')),
          and(eq(caseMedia.caseId, resultCaseId), eq(caseMedia.role, 'after'), eq(cases.status, 'closed')),
        ),
      ),
    )
    .limit(1);
  if (!link) return null;
  return readImageForDisplay(db, mediaId, size);
}

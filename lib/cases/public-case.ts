/**
 * 公开 / 取消公开 of a case (issues 8 and 9), and the public's read of a public case's photo. Marking is one
 * transaction like a transition (lib/cases/transitions): the row locked, role, scope and version checked,
 * lib/domain/public-case asked, then the case (version + 1), an internal timeline entry and the audit
 * log written together. What a public case shows is read by lib/open311 and lib/stats.
 */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { caseMedia, cases } from '../db/schema';
import { checkMarkPublic, PUBLIC_PARTS, PUBLIC_PHOTO_ROLE } from '../domain/public-case';
import { readImageForDisplay } from '../media/queries';
import { commit, flowCaseOf, lockCase, refuse, Refused, TRANSITION_MESSAGE, type ActionActor, type ActionErrorCode, type CaseRow } from './transitions';

export type MarkPublicResult =
  | { ok: true; isPublic: boolean; version: number; /** false: it already was so (a repeated submit); nothing written. */ changed: boolean }
  | { ok: false; code: ActionErrorCode; message: string; errors?: Record<string, string> };

export const MARK_PUBLIC_MESSAGE = {
  confirm: '请先勾选确认：你已核对问题描述、地址和处置后照片，其中没有个人信息。',
} as const;

/**
 * Marks a case 公开 (`makePublic`) or takes it back. `confirmed` is the confirmation the form asks for
 * before marking. A repeat of the same request (a double click, a second tab) answers ok without writing;
 * anything else on a version the case no longer has answers 'stale'.
 */
export async function setCasePublic(
  db: Db,
  args: { caseId: number; expectedVersion: number; actor: ActionActor; makePublic: boolean; confirmed: boolean; ip?: string; now?: Date },
): Promise<MarkPublicResult> {
  const now = args.now ?? new Date();
  const { actor, makePublic } = args;
  try {
    return await db.transaction(async (tx): Promise<MarkPublicResult> => {
      const row = await lockCase(tx, args.caseId);
      if (!row) return refuse('not_found', TRANSITION_MESSAGE.notFound);
      const check = checkMarkPublic(actor, await markPublicCaseOf(tx, row, now), makePublic);
      if (!check.ok && check.code === 'forbidden') return refuse('forbidden', check.message);
      if (row.isPublic === makePublic) return { ok: true, isPublic: row.isPublic, version: row.version, changed: false };
      if (row.version !== args.expectedVersion) return refuse('stale', TRANSITION_MESSAGE.stale(row.status));
      if (!check.ok) return refuse(check.code, check.message, check.field ? { [check.field]: check.message } : undefined);
      if (makePublic && !args.confirmed) return refuse('invalid', MARK_PUBLIC_MESSAGE.confirm, { confirm: MARK_PUBLIC_MESSAGE.confirm });
      const photos = makePublic ? await publicPhotoIds(tx, row.id) : [];
      const r = await commit(tx, {
        row,
        action: 'comment',
        auditAction: makePublic ? 'case.publish' : 'case.unpublish',
        to: row.status,
        set: { isPublic: makePublic },
        writer: { userId: actor.userId, label: actor.label, ip: args.ip },
        note: makePublic ? `标记为公开：${PUBLIC_PARTS.join('、')}在 Open311 接口和开放数据中可见（处置后照片 ${photos.length} 张）。` : '取消公开：问题描述、地址和照片不再对外提供。',
        visibility: 'internal',
        data: makePublic ? { public: true, photos } : { public: false },
        now,
      });
      return { ok: true, isPublic: makePublic, version: r.version, changed: true };
    });
  } catch (e) {
    if (e instanceof Refused) return e.result;
    throw e;
  }
}

async function markPublicCaseOf(tx: Tx, row: CaseRow, now: Date) {
  return { ...(await flowCaseOf(tx, row, now)), isPublic: row.isPublic, description: row.description, address: row.address };
}

/** The media ids of a case's photos that are public while the case is: its 处置后 photos, in their order. */
export async function publicPhotoIds(db: Db | Tx, caseId: number): Promise<number[]> {
  const rows = await db
    .select({ mediaId: caseMedia.mediaId })
    .from(caseMedia)
    .where(and(eq(caseMedia.caseId, caseId), eq(caseMedia.role, PUBLIC_PHOTO_ROLE)))
    .orderBy(caseMedia.sortOrder, caseMedia.mediaId);
  return rows.map((r) => r.mediaId);
}

/**
 * A photo of a public case for anyone (/open311/media/{number}/{mediaId}.jpg): only while the case is
 * public, only a 处置后 photo of that case, always the 1600 px re-encoded copy. Null otherwise.
 */
export async function getPublicCasePhoto(db: Db, { number, mediaId }: { number: string; mediaId: number }) {
  const [link] = await db
    .select({ mediaId: caseMedia.mediaId })
    .from(cases)
    .innerJoin(caseMedia, and(eq(caseMedia.caseId, cases.id), eq(caseMedia.mediaId, mediaId), eq(caseMedia.role, PUBLIC_PHOTO_ROLE)))
    .where(and(eq(cases.number, number), eq(cases.isPublic, true)))
    .limit(1);
  return link ? readImageForDisplay(db, link.mediaId, 'large') : null;
}

/**
 * Writes of 曝光台 / 点赞榜 entries: creating a draft from a closed case, a merchant, a chief or segment,
 * or from scratch; saving a draft under an optimistic version check; the review workflow; the privacy
 * masks of each photo; and 点赞. Every staff write is audited in the same transaction.
 */
import { and, asc, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { areaUnits, caseMedia, cases, categories, chiefAssignments, chiefs, media, merchants, publicationLikes, publicationMedia, publications, ratings, segments } from '../db/schema';
import { writeAudit } from '../audit/queries';
import { cstMonthStartIso } from '../domain/calendar';
import {
  ACTION_LABEL,
  bodySource,
  checkDraft,
  checkMasks,
  editable,
  nextStatus,
  parseBody,
  WORKFLOW_MESSAGE,
  type FieldErrors,
  type MaskRect,
  type PublicationAction,
  LIKE_MESSAGE,
  type PublicationKind,
  type PublicationStatus,
} from '../domain/publication';
import { processReportPhoto, storeReportPhoto, type PhotoLimits } from '../media/pipeline';
import { sha256 } from '../media/queries';
import { getSettings } from '../settings/queries';
import { renderMasked } from './mask';

export interface PublicityActor {
  userId: number;
  label: string;
  ip?: string | null;
}

export type PublicationSource =
  | { type: 'case'; caseId: number }
  | { type: 'merchant'; merchantId: number }
  | { type: 'chief'; chiefId: number }
  | { type: 'segment'; segmentId: number }
  | { type: 'scratch' };

export type ServiceError = 'not_found' | 'invalid' | 'case_not_closed' | 'stale' | 'not_editable' | 'workflow' | 'photo';
export type ServiceResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ServiceError; message: string; errors?: FieldErrors };

const fail = (error: ServiceError, message: string, errors?: FieldErrors) => ({ ok: false as const, error, message, errors });
const STALE = '这条内容在你打开之后已被别人修改或改变了状态，你的修改没有保存。请刷新页面，看过最新内容后再改。';

/** The public masked derivative of `sourceId` (a stored, already metadata-free photo), made when staff save its masks. */
async function saveMasked(tx: Db | Tx, sourceId: number, rects: readonly MaskRect[]): Promise<number> {
  const [src] = await tx.select({ data: media.data }).from(media).where(eq(media.id, sourceId));
  if (!src?.data) throw new Error(`media ${sourceId} has no stored bytes`);
  const out = await renderMasked(src.data, rects);
  const [row] = await tx
    .insert(media)
    .values({
      sha256: sha256(out.data),
      variant: 'masked',
      sourceId,
      contentType: 'image/jpeg',
      width: out.width,
      height: out.height,
      sizeBytes: out.data.length,
      data: out.data,
      isPublic: true,
    })
    .onConflictDoUpdate({ target: [media.sha256, media.variant], set: { isPublic: true } })
    .returning({ id: media.id });
  return row!.id;
}

/** The current 三级路长 (the one who answers for the segment day to day), else any current chief. */
async function chiefOfSegment(tx: Db | Tx, segmentId: number): Promise<number | null> {
  const rows = await tx
    .select({ chiefId: chiefAssignments.chiefId, level: chiefAssignments.level })
    .from(chiefAssignments)
    .where(and(eq(chiefAssignments.segmentId, segmentId), isNull(chiefAssignments.endsOn)))
    .orderBy(desc(chiefAssignments.level), asc(chiefAssignments.id));
  return (rows.find((r) => r.level === 'third') ?? rows[0])?.chiefId ?? null;
}

/** Creates a draft. A case must be closed; its before/after photos come along, private until their masks are saved. */
export async function createPublication(
  db: Db,
  { actor, kind, source, now = new Date() }: { actor: PublicityActor; kind: PublicationKind; source: PublicationSource; now?: Date },
): Promise<ServiceResult<{ id: number }>> {
  return db.transaction(async (tx) => {
    let values: typeof publications.$inferInsert = { kind, title: '', body: parseBody(''), editorUserId: actor.userId, month: cstMonthStartIso(now), tags: [] };
    let photos: { mediaId: number; role: string }[] = [];
    if (source.type === 'case') {
      const [c] = await tx
        .select({
          id: cases.id,
          number: cases.number,
          status: cases.status,
          segmentId: cases.segmentId,
          streetId: cases.streetId,
          address: cases.address,
          category: categories.name,
          segmentName: segments.name,
        })
        .from(cases)
        .leftJoin(categories, eq(categories.id, cases.categoryId))
        .leftJoin(segments, eq(segments.id, cases.segmentId))
        .where(eq(cases.id, source.caseId));
      if (!c) return fail('not_found', '找不到这件案件。');
      if (c.status !== 'closed') return fail('case_not_closed', `案件 ${c.number} 尚未办结，不能用于曝光台或点赞榜：请等案件核查结案后再选。`);
      const where = c.segmentName ?? c.address ?? '';
      // The reporter's words are not copied: they may hold a name or a phone number. Staff write the text.
      // The public page's facts box already shows 处置结果 (the closing date), so the body does not repeat it.
      values = {
        ...values,
        caseId: c.id,
        segmentId: c.segmentId,
        streetId: c.streetId,
        chiefId: c.segmentId ? await chiefOfSegment(tx, c.segmentId) : null,
        title: `${where}${c.category ?? '问题'}`.slice(0, 60),
        body: parseBody(`## 问题\n\n${where}存在${c.category ?? '问题'}。\n\n## 整改情况\n\n经核查，已整改到位。`),
        tags: [c.category].filter((t): t is string => !!t),
      };
      const links = await tx
        .select({ mediaId: caseMedia.mediaId, role: caseMedia.role })
        .from(caseMedia)
        .where(eq(caseMedia.caseId, c.id))
        .orderBy(asc(caseMedia.sortOrder), asc(caseMedia.mediaId));
      const before = links.filter((l) => l.role === 'before');
      photos = [
        ...(before.length ? before : links.filter((l) => l.role === 'report')).slice(0, 3).map((l) => ({ mediaId: l.mediaId, role: 'before' })),
        ...links.filter((l) => l.role === 'after').slice(0, 3).map((l) => ({ mediaId: l.mediaId, role: 'after' })),
      ];
    } else if (source.type === 'merchant') {
      const [m] = await tx
        .select({ id: merchants.id, name: merchants.name, segmentId: merchants.segmentId, streetId: merchants.streetId, segmentName: segments.name })
        .from(merchants)
        .innerJoin(segments, eq(segments.id, merchants.segmentId))
        .where(eq(merchants.id, source.merchantId));
      if (!m) return fail('not_found', '找不到这家商户。');
      const flags = await tx
        .select({ month: ratings.month, flag: ratings.flag })
        .from(ratings)
        .where(and(eq(ratings.merchantId, m.id), isNull(ratings.revokedByAppealId), gte(ratings.month, cstMonthStartIso(now, 12))))
        .orderBy(asc(ratings.month));
      const black = flags.filter((f) => f.flag === 'black').map((f) => `${Number(f.month.slice(5, 7))}月`);
      const red = flags.filter((f) => f.flag === 'red').length;
      values = {
        ...values,
        merchantId: m.id,
        segmentId: m.segmentId,
        streetId: m.streetId,
        chiefId: await chiefOfSegment(tx, m.segmentId),
        title: kind === 'exposure' ? `${m.name} 屡教不改` : `${m.name} 门前三包做得好`,
        body: parseBody(
          kind === 'exposure'
            ? `${m.segmentName}${m.name}近一年被评为黑旗 ${black.length} 次${black.length ? `（${black.join('、')}）` : ''}。\n\n## 整改要求\n\n`
            : `${m.segmentName}${m.name}近一年获评红旗 ${red} 次。`,
        ),
      };
    } else if (source.type === 'chief' || source.type === 'segment') {
      if (source.type === 'chief') {
        const [ch] = await tx.select({ id: chiefs.id, name: chiefs.name, title: chiefs.title }).from(chiefs).where(eq(chiefs.id, source.chiefId));
        if (!ch) return fail('not_found', '找不到这位路长。');
        const [seg] = await tx
          .select({ id: segments.id, streetId: segments.streetId, name: segments.name })
          .from(chiefAssignments)
          .innerJoin(segments, eq(segments.id, chiefAssignments.segmentId))
          .where(and(eq(chiefAssignments.chiefId, ch.id), isNull(chiefAssignments.endsOn)))
          .limit(1);
        values = { ...values, chiefId: ch.id, segmentId: seg?.id ?? null, streetId: seg?.streetId ?? null, title: `十佳路长：${ch.title}${ch.name}`, body: parseBody(`${ch.title}${ch.name}负责${seg?.name ?? '所辖路段'}。`) };
      } else {
        const [seg] = await tx.select({ id: segments.id, streetId: segments.streetId, name: segments.name }).from(segments).where(eq(segments.id, source.segmentId));
        if (!seg) return fail('not_found', '找不到这个路段。');
        values = { ...values, segmentId: seg.id, streetId: seg.streetId, chiefId: await chiefOfSegment(tx, seg.id), title: `${seg.name}`, body: parseBody(`${seg.name}`) };
      }
    }
    const [row] = await tx.insert(publications).values(values).returning({ id: publications.id });
    const id = row!.id;
    // Until the privacy tool has run, an entry links the case's own (private) photo; only masked derivatives are ever public.
    for (const [i, p] of photos.entries()) {
      await tx.insert(publicationMedia).values({ publicationId: id, mediaId: p.mediaId, role: p.role, sortOrder: i }).onConflictDoNothing();
    }
    await writeAudit(tx, { actorUserId: actor.userId, actorLabel: actor.label, action: 'publication.create', entityType: 'publication', entityId: id, ip: actor.ip, detail: { kind, source } });
    return { ok: true, id };
  });
}

/** Loads the row for a write, locked, and checks the version the editor saw. */
async function lockForWrite(tx: Tx, id: number, expectedVersion: number) {
  const [row] = await tx.select().from(publications).where(eq(publications.id, id)).for('update');
  if (!row) return fail('not_found', '找不到这条内容，可能已被删除。');
  if (row.version !== expectedVersion) return fail('stale', STALE);
  return { ok: true as const, row };
}

export interface DraftFields {
  title: string;
  body: string;
  tags: string[];
  streetId: number | null;
  month: string | null;
}

/** Saves a draft only if nobody saved it since `expectedVersion`; the later of two editors is told, not overwritten. */
export async function saveDraft(
  db: Db,
  { id, expectedVersion, actor, fields }: { id: number; expectedVersion: number; actor: PublicityActor; fields: DraftFields },
): Promise<ServiceResult<{ version: number }>> {
  const checked = checkDraft(fields);
  if (!checked.ok) return fail('invalid', '请按提示修改后再保存。', checked.errors);
  if (fields.month !== null && !/^\d{4}-(0[1-9]|1[0-2])-01$/.test(fields.month)) return fail('invalid', '月份格式应为 2026-11。');
  return db.transaction(async (tx) => {
    const locked = await lockForWrite(tx, id, expectedVersion);
    if (!locked.ok) return locked;
    if (!editable(locked.row.status)) return fail('not_editable', '只有草稿可以修改：待审核的请先退回，已发布的请先撤下。');
    if (fields.streetId !== null) {
      const [street] = await tx.select({ id: areaUnits.id }).from(areaUnits).where(and(eq(areaUnits.id, fields.streetId), eq(areaUnits.level, 'street')));
      if (!street) return fail('invalid', '所选街道不存在。');
    }
    const version = locked.row.version + 1;
    await tx
      .update(publications)
      .set({ title: checked.title, body: checked.body, tags: checked.tags, streetId: fields.streetId, month: fields.month, version, updatedAt: new Date() })
      .where(eq(publications.id, id));
    await writeAudit(tx, { actorUserId: actor.userId, actorLabel: actor.label, action: 'publication.edit', entityType: 'publication', entityId: id, ip: actor.ip, detail: { version } });
    return { ok: true, version };
  });
}

/** Whether every photo of the entry has been through the privacy tool (its derivative is public). */
async function photosChecked(tx: Db | Tx, id: number): Promise<boolean> {
  const rows = await tx
    .select({ isPublic: media.isPublic, variant: media.variant })
    .from(publicationMedia)
    .innerJoin(media, eq(media.id, publicationMedia.mediaId))
    .where(eq(publicationMedia.publicationId, id));
  return rows.every((r) => r.isPublic && r.variant === 'masked');
}

/** submit / return / publish / withdraw, with the district's second-reviewer setting and the version check. */
export async function transitionPublication(
  db: Db,
  {
    id,
    expectedVersion,
    actor,
    action,
    reason,
    now = new Date(),
  }: { id: number; expectedVersion: number; actor: PublicityActor; action: PublicationAction; reason?: string; now?: Date },
): Promise<ServiceResult<{ status: PublicationStatus; kind: PublicationKind; version: number }>> {
  const { 'publication.requireSecondReviewer': requireSecondReviewer } = await getSettings(db, ['publication.requireSecondReviewer']);
  return db.transaction(async (tx) => {
    const locked = await lockForWrite(tx, id, expectedVersion);
    if (!locked.ok) return locked;
    const { row } = locked;
    const verdict = nextStatus({
      status: row.status,
      action,
      actorUserId: actor.userId,
      editorUserId: row.editorUserId,
      requireSecondReviewer,
      photosChecked: action === 'publish' || action === 'submit' ? await photosChecked(tx, id) : true,
      reason,
    });
    if (!verdict.ok) return fail('workflow', WORKFLOW_MESSAGE[verdict.error]);
    if (action === 'publish' || action === 'submit') {
      // What is published must pass the same checks as a save (a new draft from scratch is still empty).
      const checked = checkDraft({ title: row.title, body: bodySource(row.body), tags: row.tags });
      if (!checked.ok) return fail('invalid', `还不能${ACTION_LABEL[action]}：${Object.values(checked.errors).join(' ')}`, checked.errors);
    }
    const version = row.version + 1;
    await tx
      .update(publications)
      .set({
        status: verdict.status,
        version,
        updatedAt: now,
        ...(action === 'publish' ? { publishedAt: now, reviewerUserId: actor.userId, withdrawnAt: null, withdrawReason: null } : {}),
        ...(action === 'withdraw' ? { withdrawnAt: now, withdrawReason: reason!.trim() } : {}),
        ...(action === 'return' ? { returnReason: reason!.trim() } : action === 'submit' ? { returnReason: null } : {}),
      })
      .where(eq(publications.id, id));
    await writeAudit(tx, {
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: `publication.${action}`,
      entityType: 'publication',
      entityId: id,
      ip: actor.ip,
      detail: { from: row.status, to: verdict.status, label: ACTION_LABEL[action], ...(reason ? { reason: reason.trim() } : {}) },
    });
    return { ok: true, status: verdict.status, kind: row.kind, version };
  });
}

/**
 * Applies the privacy masks to one photo of a draft: a new pixelated derivative of the photo's source
 * replaces the link, and is public. Zero rectangles is a confirmation that nothing needs hiding.
 */
export async function maskPhoto(
  db: Db,
  { id, expectedVersion, mediaId, rects, actor }: { id: number; expectedVersion: number; mediaId: number; rects: MaskRect[]; actor: PublicityActor },
): Promise<ServiceResult<{ mediaId: number; version: number }>> {
  return db.transaction(async (tx) => {
    const locked = await lockForWrite(tx, id, expectedVersion);
    if (!locked.ok) return locked;
    if (!editable(locked.row.status)) return fail('not_editable', '只有草稿可以修改照片：待审核的请先退回，已发布的请先撤下。');
    const [link] = await tx
      .select({ role: publicationMedia.role, caption: publicationMedia.caption, sortOrder: publicationMedia.sortOrder, variant: media.variant, sourceId: media.sourceId })
      .from(publicationMedia)
      .innerJoin(media, eq(media.id, publicationMedia.mediaId))
      .where(and(eq(publicationMedia.publicationId, id), eq(publicationMedia.mediaId, mediaId)));
    // Masks always start again from the unmasked source, never from an earlier derivative.
    const sourceId = link?.variant === 'masked' ? link.sourceId : link ? mediaId : null;
    if (!link || !sourceId) return fail('not_found', '这张照片不属于这条内容。');
    const [src] = await tx.select({ width: media.width, height: media.height }).from(media).where(eq(media.id, sourceId));
    const ok = checkMasks(rects, src!);
    if (!ok.ok) return fail('photo', ok.message);
    const maskedId = await saveMasked(tx, sourceId, rects);
    // The link keeps the rectangles, so the tool shows them again and a second save starts from them.
    const masks = rects.map(({ x, y, width, height }) => ({ x, y, width, height }));
    if (maskedId !== mediaId) {
      await tx.delete(publicationMedia).where(and(eq(publicationMedia.publicationId, id), eq(publicationMedia.mediaId, mediaId)));
      await tx.insert(publicationMedia).values({ publicationId: id, mediaId: maskedId, role: link.role, caption: link.caption, sortOrder: link.sortOrder, masks }).onConflictDoNothing();
    } else {
      await tx.update(publicationMedia).set({ masks }).where(and(eq(publicationMedia.publicationId, id), eq(publicationMedia.mediaId, mediaId)));
    }
    const version = locked.row.version + 1;
    await tx.update(publications).set({ version, updatedAt: new Date() }).where(eq(publications.id, id));
    await writeAudit(tx, { actorUserId: actor.userId, actorLabel: actor.label, action: 'publication.mask', entityType: 'publication', entityId: id, ip: actor.ip, detail: { sourceId, maskedId, rects } });
    return { ok: true, mediaId: maskedId, version };
  });
}

/** Adds an uploaded photo to a draft (through the 随手拍 pipeline: no EXIF, no GPS), private until its masks are saved. */
export async function addUploadedPhoto(
  db: Db,
  { id, expectedVersion, file, role, actor, limits }: { id: number; expectedVersion: number; file: { name: string; data: Buffer }; role: 'before' | 'after' | 'photo'; actor: PublicityActor; limits: PhotoLimits },
): Promise<ServiceResult<{ mediaId: number; version: number }>> {
  const processed = await processReportPhoto(file.data, { readLocation: false, limits, name: file.name });
  if (!processed.ok) return fail('photo', processed.message);
  return db.transaction(async (tx) => {
    const locked = await lockForWrite(tx, id, expectedVersion);
    if (!locked.ok) return locked;
    if (!editable(locked.row.status)) return fail('not_editable', '只有草稿可以添加照片。');
    const { largeId } = await storeReportPhoto(tx, processed.photo);
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(publicationMedia).where(eq(publicationMedia.publicationId, id))) as [{ n: number }];
    await tx.insert(publicationMedia).values({ publicationId: id, mediaId: largeId, role, sortOrder: n }).onConflictDoNothing();
    const version = locked.row.version + 1;
    await tx.update(publications).set({ version, updatedAt: new Date() }).where(eq(publications.id, id));
    await writeAudit(tx, { actorUserId: actor.userId, actorLabel: actor.label, action: 'publication.photo', entityType: 'publication', entityId: id, ip: actor.ip, detail: { mediaId: largeId, role } });
    return { ok: true, mediaId: largeId, version };
  });
}

/** Removes a photo from a draft. */
export async function removePhoto(
  db: Db,
  { id, expectedVersion, mediaId, actor }: { id: number; expectedVersion: number; mediaId: number; actor: PublicityActor },
): Promise<ServiceResult<{ version: number }>> {
  return db.transaction(async (tx) => {
    const locked = await lockForWrite(tx, id, expectedVersion);
    if (!locked.ok) return locked;
    if (!editable(locked.row.status)) return fail('not_editable', '只有草稿可以删除照片。');
    await tx.delete(publicationMedia).where(and(eq(publicationMedia.publicationId, id), eq(publicationMedia.mediaId, mediaId)));
    const version = locked.row.version + 1;
    await tx.update(publications).set({ version, updatedAt: new Date() }).where(eq(publications.id, id));
    await writeAudit(tx, { actorUserId: actor.userId, actorLabel: actor.label, action: 'publication.photo_remove', entityType: 'publication', entityId: id, ip: actor.ip, detail: { mediaId } });
    return { ok: true, version };
  });
}

export type LikeResult = { ok: true; liked: boolean; count: number; kind: PublicationKind } | { ok: false; error: 'not_found'; message: string };

/** One 点赞 per device and entry, counted in Postgres; a second tap from the same device changes nothing. */
export async function likePublication(db: Db, { id, deviceHash }: { id: number; deviceHash: string }): Promise<LikeResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ status: publications.status, kind: publications.kind }).from(publications).where(eq(publications.id, id));
    if (!row || row.status !== 'published') return { ok: false as const, error: 'not_found' as const, message: LIKE_MESSAGE.gone };
    const inserted = await tx.insert(publicationLikes).values({ publicationId: id, deviceHash }).onConflictDoNothing().returning({ id: publicationLikes.publicationId });
    const [after] = inserted.length
      ? await tx
          .update(publications)
          .set({ likeCount: sql`${publications.likeCount} + 1` })
          .where(eq(publications.id, id))
          .returning({ count: publications.likeCount })
      : await tx.select({ count: publications.likeCount }).from(publications).where(eq(publications.id, id));
    return { ok: true as const, liked: inserted.length > 0, count: after!.count, kind: row.kind };
  });
}

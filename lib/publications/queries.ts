/**
 * Reads of 曝光台 / 点赞榜 entries: the public lists, detail and feeds (published entries only, public
 * masked photos only, never a reporter), and the staff lists and editor.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { areaUnits, chiefs, media, merchants, publicationMedia, publications, segments, staffUsers, cases } from '../db/schema';
import type { PublicationKind, PublicationStatus } from '../domain/publication';

/** Every cached public read carries this tag; publish and withdraw revalidate it. */
export const PUBLICATIONS_TAG = 'publications';
export function publicationTag(id: number): string {
  return `publication:${id}`;
}

export interface PublicPhoto {
  id: number;
  role: string;
  caption: string | null;
  width: number;
  height: number;
}

export interface PublicCard {
  id: number;
  kind: PublicationKind;
  title: string;
  body: unknown;
  month: string | null;
  streetName: string | null;
  segmentName: string | null;
  publishedAt: string; // ISO: cached results are JSON
  likeCount: number;
  tags: string[];
  cover: PublicPhoto | null;
}

/** Photos of entries that are safe to show: masked derivatives that staff confirmed (public). */
async function publicPhotos(db: Db | Tx, ids: number[]): Promise<Map<number, PublicPhoto[]>> {
  const out = new Map<number, PublicPhoto[]>();
  if (!ids.length) return out;
  const rows = await db
    .select({ publicationId: publicationMedia.publicationId, id: media.id, role: publicationMedia.role, caption: publicationMedia.caption, width: media.width, height: media.height })
    .from(publicationMedia)
    .innerJoin(media, eq(media.id, publicationMedia.mediaId))
    .where(and(inArray(publicationMedia.publicationId, ids), eq(media.isPublic, true), eq(media.variant, 'masked')))
    .orderBy(asc(publicationMedia.sortOrder), asc(media.id));
  for (const { publicationId, ...p } of rows) out.set(publicationId, [...(out.get(publicationId) ?? []), p]);
  return out;
}

export interface PublicListFilter {
  kind: PublicationKind;
  month?: string | null;
  streetId?: number | null;
  limit?: number;
  offset?: number;
}

/** Published entries of one kind, newest first, optionally of one month and one street. */
export async function listPublicPublications(db: Db | Tx, { kind, month, streetId, limit = 24, offset = 0 }: PublicListFilter): Promise<{ rows: PublicCard[]; more: boolean }> {
  const where: SQL[] = [eq(publications.kind, kind), eq(publications.status, 'published')];
  if (month) where.push(eq(publications.month, month));
  if (streetId) where.push(eq(publications.streetId, streetId));
  const rows = await db
    .select({
      id: publications.id,
      kind: publications.kind,
      title: publications.title,
      body: publications.body,
      month: publications.month,
      streetName: areaUnits.name,
      segmentName: segments.name,
      publishedAt: publications.publishedAt,
      likeCount: publications.likeCount,
      tags: publications.tags,
    })
    .from(publications)
    .leftJoin(areaUnits, eq(areaUnits.id, publications.streetId))
    .leftJoin(segments, eq(segments.id, publications.segmentId))
    .where(and(...where))
    .orderBy(desc(publications.publishedAt), desc(publications.id))
    .limit(limit + 1)
    .offset(offset);
  const page = rows.slice(0, limit);
  const photos = await publicPhotos(
    db,
    page.map((r) => r.id),
  );
  return {
    rows: page.map((r) => ({ ...r, publishedAt: (r.publishedAt ?? new Date(0)).toISOString(), cover: photos.get(r.id)?.[0] ?? null })),
    more: rows.length > limit,
  };
}

/** The months and streets that have published entries of a kind, for the list's filters. */
export async function listPublicFilters(db: Db | Tx, { kind }: { kind: PublicationKind }) {
  const base = and(eq(publications.kind, kind), eq(publications.status, 'published'));
  const months = await db
    .selectDistinct({ month: publications.month })
    .from(publications)
    .where(and(base, isNotNull(publications.month)))
    .orderBy(desc(publications.month));
  const streets = await db
    .selectDistinct({ id: areaUnits.id, name: areaUnits.name, sortOrder: areaUnits.sortOrder })
    .from(publications)
    .innerJoin(areaUnits, eq(areaUnits.id, publications.streetId))
    .where(base)
    .orderBy(asc(areaUnits.sortOrder), asc(areaUnits.id));
  return { months: months.map((m) => m.month!), streets: streets.map(({ id, name }) => ({ id, name })) };
}

export type PublicDetail =
  | { status: 'published'; entry: PublicCard & { photos: PublicPhoto[]; chief: { name: string; title: string } | null; merchant: { code: string; name: string } | null; outcome: string | null; segmentCode: string | null } }
  | { status: 'withdrawn'; kind: PublicationKind; withdrawnAt: string | null };

/** One entry for its public page: published → its content; withdrawn → only that it was withdrawn; else null. */
export async function getPublicPublication(db: Db | Tx, { kind, id }: { kind: PublicationKind; id: number }): Promise<PublicDetail | null> {
  const [r] = await db
    .select({
      id: publications.id,
      kind: publications.kind,
      status: publications.status,
      title: publications.title,
      body: publications.body,
      month: publications.month,
      streetName: areaUnits.name,
      segmentName: segments.name,
      segmentCode: segments.code,
      publishedAt: publications.publishedAt,
      withdrawnAt: publications.withdrawnAt,
      likeCount: publications.likeCount,
      tags: publications.tags,
      chiefName: chiefs.name,
      chiefTitle: chiefs.title,
      merchantCode: merchants.code,
      merchantName: merchants.name,
      caseStatus: cases.status,
      caseClosedAt: cases.closedAt,
    })
    .from(publications)
    .leftJoin(areaUnits, eq(areaUnits.id, publications.streetId))
    .leftJoin(segments, eq(segments.id, publications.segmentId))
    .leftJoin(chiefs, eq(chiefs.id, publications.chiefId))
    .leftJoin(merchants, eq(merchants.id, publications.merchantId))
    .leftJoin(cases, eq(cases.id, publications.caseId))
    .where(and(eq(publications.id, id), eq(publications.kind, kind)));
  if (!r || r.status === 'draft' || r.status === 'review') return null;
  if (r.status === 'withdrawn') return { status: 'withdrawn', kind: r.kind, withdrawnAt: r.withdrawnAt?.toISOString() ?? null };
  const photos = (await publicPhotos(db, [r.id])).get(r.id) ?? [];
  const closed = r.caseStatus === 'closed' && r.caseClosedAt ? new Date(r.caseClosedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null;
  return {
    status: 'published',
    entry: {
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      month: r.month,
      streetName: r.streetName,
      segmentName: r.segmentName,
      segmentCode: r.segmentCode,
      publishedAt: (r.publishedAt ?? new Date(0)).toISOString(),
      likeCount: r.likeCount,
      tags: r.tags,
      cover: photos[0] ?? null,
      photos,
      chief: r.chiefName ? { name: r.chiefName, title: r.chiefTitle ?? '' } : null,
      merchant: r.merchantCode ? { code: r.merchantCode, name: r.merchantName ?? '' } : null,
      outcome: closed ? `已于 ${closed} 办结` : null,
    },
  };
}

/** A public photo's bytes: only masked derivatives staff confirmed, and only while linked to a published entry. */
export async function getPublicPhoto(db: Db | Tx, { mediaId }: { mediaId: number }) {
  const [row] = await db
    .select({ data: media.data, contentType: media.contentType, sha256: media.sha256 })
    .from(media)
    .innerJoin(publicationMedia, eq(publicationMedia.mediaId, media.id))
    .innerJoin(publications, eq(publications.id, publicationMedia.publicationId))
    .where(and(eq(media.id, mediaId), eq(media.isPublic, true), eq(media.variant, 'masked'), eq(publications.status, 'published')))
    .limit(1);
  return row?.data ? row : null;
}

// ── Staff ─────────────────────────────────────────────────────────────────

/**
 * The staff list. `editor` is the username of whoever created the entry (editorUserId); entries loaded
 * by the demo seed have none recorded, so it is null for them.
 */
export async function listStaffPublications(db: Db | Tx, { status, kind }: { status?: PublicationStatus; kind?: PublicationKind } = {}) {
  const where: SQL[] = [];
  if (status) where.push(eq(publications.status, status));
  if (kind) where.push(eq(publications.kind, kind));
  return db
    .select({
      id: publications.id,
      kind: publications.kind,
      title: publications.title,
      status: publications.status,
      streetName: areaUnits.name,
      updatedAt: publications.updatedAt,
      publishedAt: publications.publishedAt,
      likeCount: publications.likeCount,
      editor: staffUsers.username,
    })
    .from(publications)
    .leftJoin(areaUnits, eq(areaUnits.id, publications.streetId))
    .leftJoin(staffUsers, eq(staffUsers.id, publications.editorUserId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(publications.updatedAt), desc(publications.id))
    .limit(200);
}

/** Everything the editor page shows: the row, its photos (with their sources and whether checked), names. */
export async function getStaffPublication(db: Db | Tx, { id }: { id: number }) {
  const [row] = await db
    .select({
      p: publications,
      streetName: areaUnits.name,
      segmentName: segments.name,
      chiefName: chiefs.name,
      merchantName: merchants.name,
      caseNumber: cases.number,
    })
    .from(publications)
    .leftJoin(areaUnits, eq(areaUnits.id, publications.streetId))
    .leftJoin(segments, eq(segments.id, publications.segmentId))
    .leftJoin(chiefs, eq(chiefs.id, publications.chiefId))
    .leftJoin(merchants, eq(merchants.id, publications.merchantId))
    .leftJoin(cases, eq(cases.id, publications.caseId))
    .where(eq(publications.id, id));
  if (!row) return null;
  const rows = await db
    .select({
      mediaId: publicationMedia.mediaId,
      role: publicationMedia.role,
      caption: publicationMedia.caption,
      masks: publicationMedia.masks,
      variant: media.variant,
      sourceId: media.sourceId,
      isPublic: media.isPublic,
      width: media.width,
      height: media.height,
    })
    .from(publicationMedia)
    .innerJoin(media, eq(media.id, publicationMedia.mediaId))
    .where(eq(publicationMedia.publicationId, id))
    .orderBy(asc(publicationMedia.sortOrder), asc(media.id));
  // A photo not yet through the privacy tool links its unmasked source; `checked` says whether the public may see it.
  const photos = rows.map(({ variant, sourceId, isPublic, ...p }) => {
    const checked = variant === 'masked' && isPublic;
    return { ...p, checked, isPublic: checked, sourceId: variant === 'masked' ? sourceId : p.mediaId };
  });
  return { ...row, photos };
}

/** Bytes of a photo (masked or its source) of one entry, for the staff editor only. */
export async function getStaffPublicationPhoto(db: Db | Tx, { id, mediaId }: { id: number; mediaId: number }) {
  const links = await db
    .select({ mediaId: media.id, sourceId: media.sourceId })
    .from(publicationMedia)
    .innerJoin(media, eq(media.id, publicationMedia.mediaId))
    .where(eq(publicationMedia.publicationId, id));
  if (!links.some((l) => l.mediaId === mediaId || l.sourceId === mediaId)) return null;
  const [row] = await db.select({ data: media.data, contentType: media.contentType, sha256: media.sha256 }).from(media).where(eq(media.id, mediaId));
  return row?.data ? row : null;
}

/** Closed cases to start an entry from, newest first (numbers and places only: no reporter). */
export async function listClosedCasesForPublicity(db: Db | Tx, { limit = 30 }: { limit?: number } = {}) {
  return db
    .select({ id: cases.id, number: cases.number, segmentName: segments.name, closedAt: cases.closedAt })
    .from(cases)
    .leftJoin(segments, eq(segments.id, cases.segmentId))
    .where(eq(cases.status, 'closed'))
    .orderBy(desc(cases.closedAt))
    .limit(limit);
}

export async function countPublicationsByStatus(db: Db | Tx) {
  const rows = await db.select({ status: publications.status, n: sql<number>`count(*)::int` }).from(publications).groupBy(publications.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<PublicationStatus, number>>;
}

/** What staff type to start an entry (case number, merchant code, segment code, chief id) → the row id, or null. */
export async function resolveSourceId(db: Db | Tx, { type, ref }: { type: 'case' | 'merchant' | 'chief' | 'segment'; ref: string }): Promise<number | null> {
  const r = ref.trim();
  if (!r || r.length > 40) return null;
  const pick = async (q: Promise<{ id: number }[]>) => (await q)[0]?.id ?? null;
  switch (type) {
    case 'case':
      return pick(db.select({ id: cases.id }).from(cases).where(eq(cases.number, r)).limit(1));
    case 'merchant':
      return pick(db.select({ id: merchants.id }).from(merchants).where(eq(merchants.code, r)).limit(1));
    case 'segment':
      return pick(db.select({ id: segments.id }).from(segments).where(eq(segments.code, r.toUpperCase())).limit(1));
    case 'chief':
      return /^\d{1,9}$/.test(r) ? pick(db.select({ id: chiefs.id }).from(chiefs).where(eq(chiefs.id, Number(r))).limit(1)) : pick(db.select({ id: chiefs.id }).from(chiefs).where(eq(chiefs.name, r)).limit(1));
  }
}

/** The streets, for the editor's street field. */
export async function listStreetOptions(db: Db | Tx) {
  return db.select({ id: areaUnits.id, name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.level, 'street')).orderBy(asc(areaUnits.sortOrder), asc(areaUnits.id));
}

/** Whether an entry of this kind exists and was withdrawn (its URL answers 410). */
export async function publicationGone(db: Db | Tx, { kind, id }: { kind: PublicationKind; id: number }): Promise<boolean> {
  const [row] = await db.select({ status: publications.status }).from(publications).where(and(eq(publications.id, id), eq(publications.kind, kind)));
  return row?.status === 'withdrawn';
}

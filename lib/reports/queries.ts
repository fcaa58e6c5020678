/** Reads the 随手拍 form needs: the category choices, the place choices, and the nearest segment to a location. */
import { timingSafeEqual } from 'node:crypto';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client';
import { areaUnits, cases, categories, segments } from '../db/schema';
import { nearestLine } from '../domain/geo';

export type FaceCode = 'ground' | 'facade' | 'roof';

/** The dozen common problems (grouped by 三面 on the form) and the whole standard tree for 更多. */
export async function reportCategoryChoices(db: Db) {
  const rows = await db
    .select({ id: categories.id, parentId: categories.parentId, code: categories.code, name: categories.name, face: categories.face, commonRank: categories.commonRank, kind: categories.kind })
    .from(categories)
    .where(eq(categories.active, true))
    .orderBy(asc(categories.sortOrder), asc(categories.code));
  const common = rows.filter((r) => r.commonRank !== null).sort((a, b) => a.commonRank! - b.commonRank!);
  const groups = rows
    .filter((r) => r.parentId === null)
    .map((g) => ({ code: g.code, name: g.name, kind: g.kind, items: rows.filter((r) => r.parentId === g.id).map((r) => ({ code: r.code, name: r.name })) }))
    .filter((g) => g.items.length > 0);
  return { common: common.map((r) => ({ code: r.code, name: r.name, face: r.face as FaceCode | null })), groups };
}

/** Streets and their active segments, for the street → segment choice. */
export async function reportPlaceChoices(db: Db) {
  const rows = await db
    .select({ code: segments.code, name: segments.name, streetName: areaUnits.name, streetOrder: areaUnits.sortOrder, streetId: areaUnits.id })
    .from(segments)
    .innerJoin(areaUnits, eq(areaUnits.id, segments.streetId))
    .where(eq(segments.active, true))
    .orderBy(asc(areaUnits.sortOrder), asc(areaUnits.id), asc(segments.code));
  const streets: { name: string; segments: { code: string; name: string }[] }[] = [];
  for (const r of rows) {
    const last = streets[streets.length - 1];
    if (last && last.name === r.streetName) last.segments.push({ code: r.code, name: r.name });
    else streets.push({ name: r.streetName, segments: [{ code: r.code, name: r.name }] });
  }
  return streets;
}

/** An active segment by its canonical code, with what a case needs from it. */
export async function segmentForReport(db: Db | Tx, code: string) {
  const [row] = await db
    .select({ id: segments.id, code: segments.code, name: segments.name, streetId: segments.streetId, districtId: segments.districtId })
    .from(segments)
    .where(and(eq(segments.code, code), eq(segments.active, true)));
  return row ?? null;
}

/** An active category (小类 only: a report names a concrete problem) by its standard code. */
export async function categoryForReport(db: Db | Tx, code: string) {
  const [row] = await db
    .select({ id: categories.id, code: categories.code, name: categories.name, face: categories.face })
    .from(categories)
    .where(and(eq(categories.code, code), eq(categories.active, true), isNotNull(categories.parentId)));
  return row ?? null;
}

/** The district a report without a segment belongs to (one deployment serves one district). */
export async function defaultDistrictId(db: Db | Tx): Promise<number> {
  const [row] = await db.select({ id: areaUnits.id }).from(areaUnits).where(eq(areaUnits.level, 'district')).orderBy(asc(areaUnits.sortOrder), asc(areaUnits.id)).limit(1);
  if (!row) throw new Error('no district configured');
  return row.id;
}

/** How far from a segment's centre line a location still suggests it (a wide road plus GPS error). */
export const NEAREST_SEGMENT_MAX_M = 150;

/** The segment nearest to a location, where segments have geometry; null when none is close enough. */
export async function nearestSegment(db: Db, lat: number, lng: number) {
  // A district has hundreds of segments, not millions: exact distances over all of them beat an approximate index.
  const rows = await db
    .select({ code: segments.code, name: segments.name, geometry: segments.geometry })
    .from(segments)
    .where(and(eq(segments.active, true), isNotNull(segments.geometry)));
  const hit = nearestLine(
    [lng, lat],
    rows.map((r) => ({ code: r.code, name: r.name, coordinates: r.geometry?.coordinates ?? null })),
    NEAREST_SEGMENT_MAX_M,
  );
  return hit ? { code: hit.item.code, name: hit.item.name, distanceM: Math.round(hit.distanceM) } : null;
}

/** What the receipt shows, only for the right number + lookup code pair; null otherwise (same answer either way). */
export async function receiptView(db: Db, number: string, lookupCode: string) {
  const similar = alias(cases, 'similar');
  const [row] = await db
    .select({
      number: cases.number,
      lookupCode: cases.lookupCode,
      createdAt: cases.createdAt,
      categoryName: categories.name,
      segmentCode: segments.code,
      segmentName: segments.name,
      address: cases.address,
      similarNumber: similar.number,
    })
    .from(cases)
    .leftJoin(categories, eq(categories.id, cases.categoryId))
    .leftJoin(segments, eq(segments.id, cases.segmentId))
    .leftJoin(similar, eq(similar.id, cases.duplicateOfId))
    .where(eq(cases.number, number));
  if (!row) return null;
  const a = Buffer.from(row.lookupCode);
  const b = Buffer.from(lookupCode);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return row;
}

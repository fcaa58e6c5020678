/**
 * Open311 reads: the service list from the category tree, service definitions (the segment list and the
 * 三面), and service requests as the public pages show them — category, segment, stage, dates, handling
 * unit; the description, typed address, location and a photo only where staff marked the case public;
 * never the reporter.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { areaUnits, caseMedia, cases, categories, departments, segments } from '../db/schema';
import { handlingUnitLabel, citizenStage, type CaseStatusCode } from '../domain/citizen-view';
import { PUBLIC_PHOTO_ROLE, publicCasePhotoPath } from '../domain/public-case';
import { MAX_REQUESTS, open311Stage, open311Status, statusesFor, w3cTime, type RequestQuery } from '../domain/open311';

const FACE_LABEL = { ground: '地面', facade: '立面', roof: '屋面' } as const;

/** Active 小类 with their 大类, in the order of the 随手拍 form's tree. */
export async function listServices(db: Db) {
  const parent = alias(categories, 'parent');
  const rows = await db
    .select({ code: categories.code, name: categories.name, face: categories.face, keywords: categories.keywords, kind: categories.kind, timeLimitHours: categories.timeLimitHours, group: parent.name })
    .from(categories)
    .innerJoin(parent, eq(parent.id, categories.parentId))
    .where(and(eq(categories.active, true), eq(parent.active, true)))
    .orderBy(asc(parent.sortOrder), asc(parent.code), asc(categories.sortOrder), asc(categories.code));
  return rows.map((r) => ({
    service_code: r.code,
    service_name: r.name,
    description: [
      `${r.kind === 'component' ? '部件' : '事件'}类 · ${r.group}`,
      r.face ? `三面：${FACE_LABEL[r.face]}` : null,
      r.timeLimitHours ? `处置时限 ${r.timeLimitHours} 个工作小时` : null,
    ]
      .filter(Boolean)
      .join('；'),
    // Every service can name its segment (attribute[segment]), so clients should read the definition.
    metadata: true,
    type: 'realtime',
    keywords: [...new Set([...r.keywords, r.group, r.face ? FACE_LABEL[r.face] : null].filter((k): k is string => Boolean(k)))].join(', '),
    group: r.group,
  }));
}

/** The definition of an active 小类, or null: the segment to pick (optional) and its 三面 as information. */
export async function serviceDefinition(db: Db, code: string) {
  const [category] = await db
    .select({ code: categories.code, face: categories.face })
    .from(categories)
    .where(and(eq(categories.code, code), eq(categories.active, true), isNotNull(categories.parentId)));
  if (!category) return null;
  const segs = await db
    .select({ code: segments.code, name: segments.name, street: areaUnits.name })
    .from(segments)
    .innerJoin(areaUnits, eq(areaUnits.id, segments.streetId))
    .where(eq(segments.active, true))
    .orderBy(asc(areaUnits.sortOrder), asc(areaUnits.id), asc(segments.code));
  const attributes = [
    {
      variable: true,
      code: 'segment',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: '路段编号，如 EQ-0123（路长公示牌二维码旁印有编号）；也可作为 address_id 提交。',
      order: 1,
      description: '问题所在的路段。不填时按 lat/long 找最近的路段，或只按 address_string 记录地址。',
      values: segs.map((s) => ({ key: s.code, name: `${s.name}（${s.street}）` })),
    },
  ];
  if (category.face) {
    attributes.push({
      variable: false,
      code: 'face',
      datatype: 'string',
      required: false,
      datatype_description: '',
      order: 2,
      description: `三面：这类问题属于${FACE_LABEL[category.face]}（地面 / 立面 / 屋面）。`,
      values: [],
    });
  }
  return { service_code: category.code, attributes };
}

export type PublicRequest = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  /** Always empty (no postcodes here), but present: the spec lists it among the fields every request carries. */
  zipcode: null;
  /** Empty unless staff made the case public (the public pages show the segment, not a point). */
  lat: number | null;
  long: number | null;
  media_url: string | null;
  /** Extensions (docs/open311.md): the citizen view's stage and the closed loop's step in words. */
  stage: string;
  stage_label: string;
};

const street = alias(areaUnits, 'street');
const district = alias(areaUnits, 'district');

function requestColumns() {
  return {
    id: cases.id,
    number: cases.number,
    status: cases.status,
    isPublic: cases.isPublic,
    description: cases.description,
    address: cases.address,
    lat: cases.lat,
    lng: cases.lng,
    createdAt: cases.createdAt,
    updatedAt: cases.updatedAt,
    closedAt: cases.closedAt,
    deadlineAt: cases.deadlineAt,
    chiefAssigned: sql<boolean>`${cases.assigneeChiefId} is not null`,
    categoryCode: categories.code,
    categoryName: categories.name,
    segmentCode: segments.code,
    segmentName: segments.name,
    streetName: street.name,
    districtName: district.name,
    departmentName: departments.name,
    // The first 处置后 photo (lib/domain/public-case), only for a case staff made public.
    photoId: sql<number | null>`case when ${cases.isPublic} then (select ${caseMedia.mediaId} from ${caseMedia} where ${caseMedia.caseId} = ${cases.id} and ${caseMedia.role} = ${PUBLIC_PHOTO_ROLE} order by ${caseMedia.sortOrder}, ${caseMedia.mediaId} limit 1) end`,
  };
}

type Row = Awaited<ReturnType<typeof baseQuery>>[number];

function baseQuery(db: Db) {
  return db
    .select(requestColumns())
    .from(cases)
    .leftJoin(categories, eq(categories.id, cases.categoryId))
    .leftJoin(segments, eq(segments.id, cases.segmentId))
    .leftJoin(street, eq(street.id, cases.streetId))
    .innerJoin(district, eq(district.id, cases.districtId))
    .leftJoin(departments, eq(departments.id, cases.assigneeDepartmentId));
}

function toPublic(r: Row, baseUrl: string): PublicRequest {
  const status = r.status as CaseStatusCode;
  const { stage, label } = open311Stage(status);
  const place = [r.segmentName, r.streetName, r.districtName].filter(Boolean).join('，');
  const closed = open311Status(status) === 'closed';
  return {
    service_request_id: r.number,
    status: open311Status(status),
    status_notes: label,
    service_name: r.categoryName,
    service_code: r.categoryCode,
    description: r.isPublic ? r.description || null : null,
    agency_responsible: handlingUnitLabel({ stage: citizenStage(status), departmentName: r.departmentName, chiefAssigned: r.chiefAssigned, segmentName: r.segmentName }),
    service_notice: null,
    requested_datetime: w3cTime(r.createdAt),
    updated_datetime: w3cTime(closed ? (r.closedAt ?? r.updatedAt) : r.updatedAt),
    expected_datetime: r.deadlineAt && !closed ? w3cTime(r.deadlineAt) : null,
    address: r.isPublic && r.address ? `${r.address}，${place}` : place || null,
    address_id: r.segmentCode,
    zipcode: null,
    lat: r.isPublic ? r.lat : null,
    long: r.isPublic ? r.lng : null,
    media_url: r.photoId ? `${baseUrl}${publicCasePhotoPath(r.number, r.photoId)}` : null,
    stage,
    stage_label: label,
  };
}

/**
 * GET requests: by ids (any date), or by the filters within the jurisdiction's district (the index on
 * district and creation time serves the newest-first window), newest first, at most 1,000.
 */
export async function findRequests(db: Db, query: RequestQuery, baseUrl: string, districtId?: number): Promise<PublicRequest[]> {
  if (query.kind === 'ids') {
    const rows = await baseQuery(db).where(inArray(cases.number, query.ids)).orderBy(desc(cases.createdAt), desc(cases.id)).limit(MAX_REQUESTS);
    return rows.map((r) => toPublic(r, baseUrl));
  }
  const conditions = [gte(cases.createdAt, query.start), lte(cases.createdAt, query.end)];
  if (districtId !== undefined) conditions.push(eq(cases.districtId, districtId));
  if (query.serviceCodes.length > 0) conditions.push(inArray(categories.code, query.serviceCodes));
  const statuses = [...new Set(query.statuses)];
  if (statuses.length === 1) conditions.push(inArray(cases.status, statusesFor(statuses[0]!)));
  const rows = await baseQuery(db)
    .where(and(...conditions))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(MAX_REQUESTS);
  return rows.map((r) => toPublic(r, baseUrl));
}

/** The service codes of `codes` that are not categories at all (a filter naming them is a mistake). */
export async function unknownServiceCodes(db: Db, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const known = await db.select({ code: categories.code }).from(categories).where(inArray(categories.code, codes));
  const set = new Set(known.map((k) => k.code));
  return codes.filter((c) => !set.has(c));
}

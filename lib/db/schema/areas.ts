/** Where things are and who answers for them: area units, roads, segments, chiefs, teams, departments, merchants. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { areaLevel, chiefLevel, patrolFrequency, segmentGrade } from './enums';

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** District → street/town → community. Staff scopes and statistics hang on these. */
export const areaUnits = pgTable(
  'area_units',
  {
    id: serial().primaryKey(),
    parentId: integer().references((): AnyPgColumn => areaUnits.id),
    level: areaLevel().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    hotline: text(), // supervising hotline shown on boards of this unit; falls back to the parent's
    sortOrder: smallint().notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('area_units_code_uq').on(t.code), index('area_units_parent_idx').on(t.parentId)],
);

export const roads = pgTable(
  'roads',
  {
    id: serial().primaryKey(),
    districtId: integer()
      .notNull()
      .references(() => areaUnits.id),
    name: text().notNull(),
    grade: segmentGrade().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('roads_district_name_uq').on(t.districtId, t.name)],
);

/** A numbered 路段. `code` is printed in QR codes on metal: it never changes once issued. */
export const segments = pgTable(
  'segments',
  {
    id: serial().primaryKey(),
    code: text().notNull(),
    roadId: integer()
      .notNull()
      .references(() => roads.id),
    name: text().notNull(), // e.g. 中山路（解放大道—青年路）
    fromCross: text().notNull(),
    toCross: text().notNull(),
    grade: segmentGrade().notNull(),
    districtId: integer()
      .notNull()
      .references(() => areaUnits.id),
    streetId: integer()
      .notNull()
      .references(() => areaUnits.id),
    communityId: integer().references(() => areaUnits.id),
    geometry: jsonb().$type<{ type: 'LineString'; coordinates: [number, number][] }>(),
    lengthM: integer(),
    hotline: text(), // overrides the street's hotline on this board
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('segments_code_uq').on(t.code),
    index('segments_street_idx').on(t.streetId, t.code),
    index('segments_road_idx').on(t.roadId),
    index('segments_name_prefix_idx').on(t.name.op('text_pattern_ops')),
  ],
);

/** A 路长: the person and the duty phone published on boards (not necessarily a private mobile). */
export const chiefs = pgTable(
  'chiefs',
  {
    id: serial().primaryKey(),
    districtId: integer()
      .notNull()
      .references(() => areaUnits.id),
    name: text().notNull(),
    title: text().notNull(), // 职务
    organization: text(), // 单位
    phone: text().notNull(), // published duty phone
    patrolFrequency: patrolFrequency().notNull(),
    duties: text().notNull(),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [index('chiefs_district_name_idx').on(t.districtId, t.name)],
);

/** Chief ↔ segment with a level and a date range, so the history survives a change of chief. */
export const chiefAssignments = pgTable(
  'chief_assignments',
  {
    id: serial().primaryKey(),
    chiefId: integer()
      .notNull()
      .references(() => chiefs.id),
    segmentId: integer()
      .notNull()
      .references(() => segments.id),
    level: chiefLevel().notNull(),
    startsOn: date().notNull(),
    endsOn: date(), // null = current
    ...timestamps,
  },
  (t) => [
    index('chief_assignments_segment_idx').on(t.segmentId, t.endsOn),
    index('chief_assignments_chief_idx').on(t.chiefId, t.endsOn),
  ],
);

/** The other people on a segment's board: 城管队员, 片警, 交警, 环卫, 绿化, 协管员… */
export const teamMembers = pgTable(
  'team_members',
  {
    id: serial().primaryKey(),
    segmentId: integer()
      .notNull()
      .references(() => segments.id),
    role: text().notNull(),
    name: text().notNull(),
    unit: text(),
    phone: text(),
    sortOrder: smallint().notNull().default(0),
    ...timestamps,
  },
  (t) => [index('team_members_segment_idx').on(t.segmentId, t.sortOrder)],
);

/** 职能部门: the bodies cases are dispatched to. */
export const departments = pgTable(
  'departments',
  {
    id: serial().primaryKey(),
    districtId: integer()
      .notNull()
      .references(() => areaUnits.id),
    code: text().notNull(),
    name: text().notNull(),
    shortName: text().notNull(),
    kind: text().notNull(),
    phone: text(),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('departments_district_code_uq').on(t.districtId, t.code)],
);

/** 沿街商户/单位 under 门前三包. `code` is printed on its 责任牌 QR and never changes. */
export const merchants = pgTable(
  'merchants',
  {
    id: serial().primaryKey(),
    code: text().notNull(),
    name: text().notNull(),
    address: text().notNull(),
    segmentId: integer()
      .notNull()
      .references(() => segments.id),
    streetId: integer()
      .notNull()
      .references(() => areaUnits.id),
    kind: text().notNull(),
    creditCode: text(), // 统一社会信用代码
    responsiblePerson: text().notNull(),
    contactPhone: text(), // private: staff only
    agreementSignedOn: date(), // 《市容环境卫生责任书》签订日期
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('merchants_code_uq').on(t.code),
    uniqueIndex('merchants_credit_code_uq').on(t.creditCode).where(sql`${t.creditCode} is not null`),
    index('merchants_segment_idx').on(t.segmentId),
    index('merchants_street_name_idx').on(t.streetId, t.name),
    index('merchants_name_prefix_idx').on(t.name.op('text_pattern_ops')),
  ],
);

/** A board as printed: its content hash tells which printed boards are out of date. */
export const signboardPrints = pgTable(
  'signboard_prints',
  {
    id: serial().primaryKey(),
    segmentId: integer().references(() => segments.id),
    merchantId: integer().references(() => merchants.id),
    template: text().notNull(),
    contentHash: text().notNull(),
    printedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    printedBy: integer(),
  },
  (t) => [
    index('signboard_prints_segment_idx').on(t.segmentId, t.printedAt),
    index('signboard_prints_merchant_idx').on(t.merchantId, t.printedAt),
  ],
);

/** The problem taxonomy (数字化城管 部件/事件, 大类/小类) with handling time limits. Data, not code. */
import { boolean, doublePrecision, index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { categoryKind, face } from './enums';

export const categories = pgTable(
  'categories',
  {
    id: serial().primaryKey(),
    parentId: integer().references((): AnyPgColumn => categories.id),
    kind: categoryKind().notNull(),
    code: text().notNull(), // standard code, e.g. B0101 (部件 上水井盖), S0102 (事件 暴露垃圾)
    name: text().notNull(),
    face: face(), // 三面 where it fits
    timeLimitHours: doublePrecision(), // handling limit in working hours (0.5 h for a gas leak); null on 大类
    timeLimitIsDefault: boolean().notNull().default(true), // true = not sourced from a standard, admin should confirm
    commonRank: smallint(), // 1..12: shown first on the 随手拍 form
    keywords: text().array().notNull().default([]),
    active: boolean().notNull().default(true),
    sortOrder: smallint().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('categories_code_uq').on(t.code), index('categories_parent_idx').on(t.parentId, t.sortOrder)],
);

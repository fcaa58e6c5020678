/** 曝光台 / 点赞榜 entries, their curated photos, and citizens' 点赞. */
import { index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, date } from 'drizzle-orm/pg-core';
import { areaUnits, chiefs, merchants, segments } from './areas';
import { cases } from './cases';
import { publicationKind, publicationStatus } from './enums';
import { media } from './media';
import type { MaskRect } from '../../domain/publication';

export const publications = pgTable(
  'publications',
  {
    id: serial().primaryKey(),
    kind: publicationKind().notNull(),
    title: text().notNull(),
    body: jsonb().$type<unknown>().notNull(), // a safe rich-text document (never raw HTML from users)
    status: publicationStatus().notNull().default('draft'),
    caseId: integer().references(() => cases.id),
    merchantId: integer().references(() => merchants.id),
    chiefId: integer().references(() => chiefs.id),
    segmentId: integer().references(() => segments.id),
    streetId: integer().references(() => areaUnits.id),
    month: date(), // first day of the month it is filed under
    tags: text().array().notNull().default([]),
    editorUserId: integer(),
    reviewerUserId: integer(),
    likeCount: integer().notNull().default(0),
    version: integer().notNull().default(1),
    publishedAt: timestamp({ withTimezone: true }),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawReason: text(),
    /** Why the reviewer sent it back (退回修改), shown to the editor until it is submitted again. */
    returnReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('publications_public_idx').on(t.kind, t.status, t.publishedAt),
    index('publications_street_idx').on(t.streetId, t.month),
  ],
);

/** An entry's photos: public only as masked derivatives staff confirmed; before that, the (private) source is linked. */
export const publicationMedia = pgTable(
  'publication_media',
  {
    publicationId: integer()
      .notNull()
      .references(() => publications.id),
    mediaId: integer()
      .notNull()
      .references(() => media.id),
    role: text().notNull(), // before / after / photo
    caption: text(),
    sortOrder: smallint().notNull().default(0),
    /** The rectangles (source pixels) the linked masked derivative was drawn with; null while unprocessed. */
    masks: jsonb().$type<MaskRect[]>(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.mediaId] })],
);

export const publicationLikes = pgTable(
  'publication_likes',
  {
    publicationId: integer()
      .notNull()
      .references(() => publications.id),
    deviceHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.deviceHash] })],
);

/** Uploaded and derived images, stored by content hash (bytea by default; `storageKey` for a blob store). */
import { boolean, bigint, customType, index, integer, pgTable, serial, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { mediaVariant } from './enums';

export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array)),
});

export const media = pgTable(
  'media',
  {
    id: serial().primaryKey(),
    sha256: text().notNull(),
    variant: mediaVariant().notNull(),
    sourceId: integer().references((): AnyPgColumn => media.id), // the original a derivative was made from
    contentType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    data: bytea(), // null when stored in a blob store under storageKey
    storageKey: text(),
    isPublic: boolean().notNull().default(false), // originals of citizen photos never are
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('media_sha256_variant_uq').on(t.sha256, t.variant), index('media_source_idx').on(t.sourceId)],
);

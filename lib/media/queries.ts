/** Reads and writes of stored images. Images are keyed by content hash, so the same bytes are stored once. */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { media } from '../db/schema';

export interface NewImage {
  data: Buffer;
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  variant: (typeof media.$inferInsert)['variant'];
  sourceId?: number | null;
  isPublic?: boolean;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Stores an image once per (hash, variant) and returns its id, whether or not it was already there. */
export async function saveImage(db: Db | Tx, image: NewImage): Promise<number> {
  const hash = sha256(image.data);
  const [row] = await db
    .insert(media)
    .values({
      sha256: hash,
      variant: image.variant,
      sourceId: image.sourceId ?? null,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      sizeBytes: image.data.length,
      data: image.data,
      isPublic: image.isPublic ?? false,
    })
    .onConflictDoUpdate({ target: [media.sha256, media.variant], set: { sha256: sql`excluded.sha256` } })
    .returning({ id: media.id });
  return row!.id;
}

export async function getImage(db: Db, { id, publicOnly }: { id: number; publicOnly: boolean }) {
  const [row] = await db
    .select({ data: media.data, contentType: media.contentType, sha256: media.sha256 })
    .from(media)
    .where(publicOnly ? and(eq(media.id, id), eq(media.isPublic, true)) : eq(media.id, id));
  return row ?? null;
}

/** Reads and writes of stored images. Images are keyed by content hash, so the same bytes are stored once. */
import { createHash } from 'node:crypto';
import { and, eq, or, sql } from 'drizzle-orm';
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

export type ImageSize = 'thumb' | 'large';

/**
 * The bytes to show for a linked image at a size: the image itself or its derivative of that variant,
 * never an original and never one held only in a blob store. The caller has already checked that the
 * viewer may see `mediaId`.
 */
export async function readImageForDisplay(db: Db | Tx, mediaId: number, size: ImageSize) {
  const candidates = await db
    .select({ id: media.id, variant: media.variant, sourceId: media.sourceId, stored: sql<boolean>`${media.data} is not null` })
    .from(media)
    .where(or(eq(media.id, mediaId), eq(media.sourceId, mediaId)));
  const linked = candidates.find((m) => m.id === mediaId);
  const derived = (variant: string) => candidates.find((m) => m.sourceId === mediaId && m.variant === variant);
  const shown = (m: (typeof candidates)[number] | undefined) => (m && m.variant !== 'original' && m.stored ? m : undefined);
  const chosen = size === 'thumb' ? (shown(derived('thumb')) ?? shown(linked) ?? shown(derived('large'))) : (shown(linked) ?? shown(derived('large')) ?? shown(derived('thumb')));
  if (!chosen) return null;
  const [pick] = await db.select({ data: media.data, contentType: media.contentType, sha256: media.sha256 }).from(media).where(eq(media.id, chosen.id));
  return pick?.data ? { data: pick.data, contentType: pick.contentType, etag: `"${pick.sha256.slice(0, 32)}"` } : null;
}

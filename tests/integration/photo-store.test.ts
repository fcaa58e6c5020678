/** storeReportPhoto on a real database: a processed photo becomes a private large and its thumb, once per content. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { media } from '@/lib/db/schema';
import { sha256 } from '@/lib/media/queries';
import { processReportPhoto, storeReportPhoto, type ProcessedPhoto } from '@/lib/media/pipeline';
import { openTestDb, type TestDb } from '../fixtures/db';

const limits = { maxBytes: 10 * 1024 * 1024, maxPixels: 60_000_000 };

/** A photo no other test file makes: a gradient with a colour from the label. */
async function photoOf(label: string): Promise<ProcessedPhoto> {
  const width = 1800;
  const height = 1200;
  const seed = [...label].reduce((h, c) => (h * 31 + c.charCodeAt(0)) & 0xff, 7);
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      px[i] = (x * 255) / width;
      px[i + 1] = (y * 255) / height;
      px[i + 2] = seed;
    }
  }
  const jpeg = await sharp(px, { raw: { width, height, channels: 3 } }).jpeg().toBuffer();
  const result = await processReportPhoto(jpeg, { readLocation: false, limits, name: `${label}.jpg` });
  if (!result.ok) throw new Error(result.message);
  return result.photo;
}

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

describe('storeReportPhoto', () => {
  it('stores a private large and a private thumb whose source is the large', async () => {
    const photo = await photoOf('store-once');
    const { largeId, thumbId } = await t.db.transaction((tx) => storeReportPhoto(tx, photo));
    expect(thumbId).not.toBe(largeId);

    const rows = await t.db.select().from(media).where(inArray(media.id, [largeId, thumbId]));
    const large = rows.find((r) => r.id === largeId)!;
    const thumb = rows.find((r) => r.id === thumbId)!;
    expect(large).toMatchObject({ variant: 'large', sourceId: null, isPublic: false, contentType: 'image/jpeg', width: 1600, height: 1067 });
    expect(thumb).toMatchObject({ variant: 'thumb', sourceId: largeId, isPublic: false, contentType: 'image/jpeg', width: 400, height: 267 });
    expect(large.sha256).toBe(sha256(photo.large.data));
    expect(large.data?.equals(photo.large.data)).toBe(true);
    expect(thumb.data?.equals(photo.thumb.data)).toBe(true);
    expect(large.sizeBytes).toBe(photo.large.data.length);
  });

  it('gives the same ids when the same photo is uploaded again, and stores it once', async () => {
    const first = await t.db.transaction(async (tx) => storeReportPhoto(tx, await photoOf('twice')));
    const again = await t.db.transaction(async (tx) => storeReportPhoto(tx, await photoOf('twice')));
    expect(again).toEqual(first);
    const copies = await t.db.select({ id: media.id }).from(media).where(eq(media.sha256, sha256((await photoOf('twice')).large.data)));
    expect(copies).toHaveLength(1);
  });

  it('keeps different photos apart', async () => {
    const a = await storeReportPhoto(t.db, await photoOf('photo-a'));
    const b = await storeReportPhoto(t.db, await photoOf('photo-b'));
    expect(b.largeId).not.toBe(a.largeId);
    expect(b.thumbId).not.toBe(a.thumbId);
  });

  it('leaves nothing behind when the caller’s transaction rolls back', async () => {
    const photo = await photoOf('rolled-back');
    await expect(
      t.db.transaction(async (tx) => {
        await storeReportPhoto(tx, photo);
        throw new Error('case insert failed');
      }),
    ).rejects.toThrow('case insert failed');
    const left = await t.db.select({ id: media.id }).from(media).where(inArray(media.sha256, [sha256(photo.large.data), sha256(photo.thumb.data)]));
    expect(left).toEqual([]);
  });

  it('never makes anything public', async () => {
    const { largeId, thumbId } = await storeReportPhoto(t.db, await photoOf('private'));
    const rows = await t.db.select({ isPublic: media.isPublic }).from(media).where(inArray(media.id, [largeId, thumbId]));
    expect(rows).toEqual([{ isPublic: false }, { isPublic: false }]);
  });
});

/** Base data every deployment needs, demo or not: the category tree and the default settings. Idempotent. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { categories, settings } from '../schema';
import { SETTING_DEFAULTS } from '../../domain/settings';
import { CATEGORY_TREE } from './categories';

export async function seedBase(db: Db): Promise<{ categories: number }> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    let count = 0;
    for (const [g, group] of CATEGORY_TREE.entries()) {
      // Existing rows keep whatever an admin changed: insert only what is missing.
      await tx
        .insert(categories)
        .values({ kind: group.kind, code: group.code, name: group.name, sortOrder: g, timeLimitIsDefault: true })
        .onConflictDoNothing({ target: categories.code });
      const [parent] = await tx.select({ id: categories.id }).from(categories).where(sql`${categories.code} = ${group.code}`);
      await tx
        .insert(categories)
        .values(
          group.children.map((c, i) => ({
            parentId: parent!.id,
            kind: group.kind,
            code: c.code,
            name: c.name,
            face: c.face,
            timeLimitHours: c.timeLimitHours,
            timeLimitIsDefault: c.timeLimitSource === 'default',
            commonRank: c.common ?? null,
            keywords: c.keywords ?? [],
            sortOrder: i,
          })),
        )
        .onConflictDoNothing({ target: categories.code });
      count += 1 + group.children.length;
    }
    await tx
      .insert(settings)
      .values(Object.entries(SETTING_DEFAULTS).map(([key, value]) => ({ key, value })))
      .onConflictDoNothing({ target: settings.key });
    return { categories: count };
  });
}

/** Reads of merchants. Private fields (contact phone) are never selected for public callers. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { likeLiteral } from '../db/like';
import { merchants } from '../db/schema';


/** Merchants whose name starts with `prefix`, optionally in one street; served by the text_pattern_ops index. */
export async function searchMerchantsByName(db: Db, { prefix, streetId, limit = 20 }: { prefix: string; streetId?: number; limit?: number }) {
  const term = prefix.normalize('NFKC').trim();
  if (!term) return [];
  return db
    .select({ id: merchants.id, code: merchants.code, name: merchants.name, address: merchants.address, segmentId: merchants.segmentId })
    .from(merchants)
    .where(
      and(
        sql`${merchants.name} like ${`${likeLiteral(term)}%`}`,
        eq(merchants.active, true),
        streetId === undefined ? undefined : eq(merchants.streetId, streetId),
      ),
    )
    .orderBy(asc(merchants.name))
    .limit(limit);
}

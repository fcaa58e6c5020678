/** A new case's number (date + the day's sequence from `counters`, in the caller's transaction) and its random lookup code. */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { counters } from '../db/schema';
import { caseDay, formatCaseNumber, lookupCodeFromBytes } from '../domain/case-number';

export async function allocateCaseNumber(tx: Tx, now: Date): Promise<{ number: string; lookupCode: string }> {
  const [counter] = await tx
    .insert(counters)
    .values({ name: `case:${caseDay(now)}`, value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  return { number: formatCaseNumber(now, counter!.value), lookupCode: lookupCodeFromBytes(randomBytes(6)) };
}

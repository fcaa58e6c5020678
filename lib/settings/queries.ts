/** Settings as stored, over the named defaults in lib/domain/settings. */
import { inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { settings } from '../db/schema';
import { SETTING_DEFAULTS, type SettingKey, type SettingValue } from '../domain/settings';

export async function getSettings<K extends SettingKey>(db: Db | Tx, keys: readonly K[]): Promise<{ [P in K]: SettingValue<P> }> {
  const rows = await db.select().from(settings).where(inArray(settings.key, [...keys]));
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return Object.fromEntries(keys.map((k) => [k, stored.has(k) ? stored.get(k) : SETTING_DEFAULTS[k]])) as { [P in K]: SettingValue<P> };
}

/** Writes one setting (inside the caller's transaction where the change has an audit entry). */
export async function setSetting<K extends SettingKey>(db: Db | Tx, key: K, value: SettingValue<K>, updatedBy: number | null): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedBy })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy, updatedAt: new Date() } });
}

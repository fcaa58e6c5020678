/** Every master-data list the back office has, and the saves that run through them (validated, one transaction, audited). */
import { z } from 'zod';
import type { Db } from '../db/client';
import { areaEntity, roadEntity, teamEntity } from './areas';
import { chiefEntity } from './chiefs';
import { categoryEntity, departmentEntity } from './departments';
import { merchantEntity } from './merchants';
import { segmentEntity } from './segments';
import type { Actor, EntityDef, SaveResult } from './types';

export const ENTITIES = {
  segments: segmentEntity,
  chiefs: chiefEntity,
  merchants: merchantEntity,
  departments: departmentEntity,
  categories: categoryEntity,
  areas: areaEntity,
  roads: roadEntity,
  teams: teamEntity,
} as unknown as Record<string, EntityDef>;

export const ENTITY_KEYS = Object.keys(ENTITIES);

export function getEntity(key: string): EntityDef | null {
  return Object.hasOwn(ENTITIES, key) ? ENTITIES[key]! : null;
}

/** Parses a form's fields with the entity's schema and saves in one transaction; zod messages land on their fields. */
export async function saveEntity(db: Db, def: EntityDef, id: number | null, values: Record<string, unknown>, actor: Actor): Promise<SaveResult> {
  const parsed = def.schema.safeParse(values);
  if (!parsed.success) return { ok: false, error: '请检查标红的项。', fields: fieldErrors(parsed.error) };
  return db.transaction((tx) => def.save(tx, id, parsed.data, actor));
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_');
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Retires or restores a row in one transaction; returns the segment pages that changed. */
export async function setEntityActive(db: Db, def: EntityDef, id: number, active: boolean, actor: Actor): Promise<string[]> {
  if (!def.setActive) return [];
  return db.transaction((tx) => def.setActive!(tx, id, active, actor));
}

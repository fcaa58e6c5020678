/** The one shape every master-data list (segments, chiefs, merchants, departments…) plugs into: list, form, save, retire, export. */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '../db/client';
import { segments } from '../db/schema';
import { normalizeSegmentCode } from '../domain/segment-code';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldDef {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'date' | 'select';
  required?: boolean;
  hint?: string;
  /** Static options, or loaded from the database when the form is drawn. */
  options?: FieldOption[] | ((db: Db) => Promise<FieldOption[]>);
}

export interface ListRow {
  id: number;
  active: boolean;
  cells: (string | number | null)[];
}

export interface Actor {
  id: number | null;
  label: string;
}

export type SaveResult = { ok: true; id: number; segmentCodes: string[] } | { ok: false; error: string; fields?: Record<string, string> };

export interface EntityDef<Input extends Record<string, unknown> = Record<string, unknown>> {
  key: string;
  title: string; // 路段
  unit: string; // 个 / 人 / 家
  columns: string[];
  searchHint: string;
  /** false where rows come from a standard and are only edited (categories). */
  canCreate?: boolean;
  list(db: Db, q: { search?: string; afterId?: number; limit: number }): Promise<ListRow[]>;
  fields(existing: { id: number; values: Record<string, string> } | null, db: Db): Promise<FieldDef[]>;
  /** The form's values for an existing row, as strings; null if there is none. */
  load(db: Db, id: number): Promise<Record<string, string> | null>;
  schema: z.ZodType<Input>;
  save(tx: Tx, id: number | null, input: Input, actor: Actor): Promise<SaveResult>;
  /** Retires (or brings back) a row; returns the segment codes whose pages changed. */
  setActive?(tx: Tx, id: number, active: boolean, actor: Actor): Promise<string[]>;
  /** Lists other than the three 台账 (which export in their import template's columns, lib/ledger/export). */
  exportSheet?(db: Db): { headers: string[]; rows: AsyncIterable<(string | number | Date | null)[]> };
}

/** Reads a table in id order in batches, for exports. */
export async function* byId<T extends { id: number }>(read: (afterId: number) => Promise<T[]>, size = 1000): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const rows = await read(after);
    yield* rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Postgres unique violation, through drizzle's wrapper. */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; e && i < 5; i++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** A refusal that marks one field of the form. */
export function invalid(field: string, message: string): SaveResult {
  return { ok: false, error: '请检查标红的项。', fields: { [field]: message } };
}

/** The in-use segment a form's 路段编号 names, or the refusal that marks that field. */
export async function activeSegment(tx: Tx, typed: string): Promise<{ id: number; code: string; streetId: number } | SaveResult> {
  const code = normalizeSegmentCode(typed);
  const [segment] = code ? await tx.select({ id: segments.id, code: segments.code, streetId: segments.streetId }).from(segments).where(and(eq(segments.code, code), eq(segments.active, true))) : [];
  return segment ?? invalid('segmentCode', `没有编号为「${typed}」的在用路段。`);
}

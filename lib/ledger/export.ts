/** Templates and exports of the 台账 as xlsx; an export has the template's columns, so it can be imported again. */
import type { Readable } from 'node:stream';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { areaUnits, chiefAssignments, chiefs, merchants, roads, segments } from '../db/schema';
import { CHIEF_LEVEL_LABEL, GRADE_LABEL } from '../domain/labels';
import { LEDGER_COLUMNS, LEDGER_LABEL, PATROL_SHORT, exampleRow, type LedgerKind } from '../domain/ledger';
import { streamWorkbook, type SheetSpec } from './xlsx';

type Row = (string | number | Date | null)[];

function sheetSpec(kind: LedgerKind, name: string, withLists: boolean): SheetSpec {
  const cols = LEDGER_COLUMNS[kind];
  const lists: Record<number, string[]> = {};
  cols.forEach((c, i) => {
    if (c.type === 'choice') lists[i + 1] = c.key === 'patrolFrequency' ? Object.values(PATROL_SHORT) : [...new Set(Object.keys(c.choices!))];
  });
  return {
    name,
    headers: cols.map((c) => c.header),
    widths: cols.map((c) => Math.max(12, Math.min(40, (c.maxLength ?? 10) + 4))),
    lists: withLists ? lists : undefined,
    dateColumns: cols.flatMap((c, i) => (c.type === 'date' ? [i + 1] : [])),
  };
}

/** The downloadable template: an empty 台账 sheet with drop-downs, and a 填写说明 sheet with an example row. */
export function ledgerTemplate(kind: LedgerKind): Readable {
  const cols = LEDGER_COLUMNS[kind];
  const notes: Row[] = [
    exampleRow(kind),
    [],
    ['填写说明'],
    ['1. 在第一个工作表「台账」中填写，第一行表头不要改动；本工作表只是示例，不会被导入。'],
    [`2. 必填列：${cols.filter((c) => c.required).map((c) => c.header).join('、')}。`],
    ['3. 日期列请使用 Excel 日期格式（不要写成文本）；不要合并单元格；一个文件最多 10,000 行。'],
    ['4. 上传后系统先试运行，逐行列出问题；全部无误后才会一次性导入，任何一行出错都不会写入。'],
  ];
  return streamWorkbook([
    { spec: sheetSpec(kind, '台账', true), rows: [] },
    { spec: { ...sheetSpec(kind, '填写说明', false), name: '填写说明' }, rows: notes },
  ]);
}

export function ledgerFileName(kind: LedgerKind, what: 'template' | 'export'): string {
  return `${LEDGER_LABEL[kind]}${what === 'template' ? '模板' : `导出-${new Date().toISOString().slice(0, 10)}`}.xlsx`;
}

/** Reads a table in id order, `size` rows at a time, so an export never holds the whole table. */
async function* batches<T extends { id: number }>(read: (afterId: number, size: number) => Promise<T[]>, size = 1000): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const rows = await read(after, size);
    for (const r of rows) yield r;
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.id;
  }
}

async function* segmentRows(db: Db): AsyncGenerator<Row> {
  const street = alias(areaUnits, 'street');
  const community = alias(areaUnits, 'community');
  const rows = batches((after, size) =>
    db
      .select({
        id: segments.id,
        code: segments.code,
        road: roads.name,
        fromCross: segments.fromCross,
        toCross: segments.toCross,
        name: segments.name,
        grade: segments.grade,
        street: street.name,
        community: community.name,
        lengthM: segments.lengthM,
        hotline: segments.hotline,
      })
      .from(segments)
      .innerJoin(roads, eq(roads.id, segments.roadId))
      .innerJoin(street, eq(street.id, segments.streetId))
      .leftJoin(community, eq(community.id, segments.communityId))
      .where(and(eq(segments.active, true), gt(segments.id, after)))
      .orderBy(asc(segments.id))
      .limit(size),
  );
  for await (const r of rows) yield [r.code, r.road, r.fromCross, r.toCross, r.name, GRADE_LABEL[r.grade], r.street, r.community, r.lengthM, r.hotline];
}

async function* chiefRows(db: Db): AsyncGenerator<Row> {
  // One row per current assignment; a chief without one gets one row with the segment cells empty.
  const rows = batches((after, size) =>
    db
      .select({
        id: chiefs.id,
        name: chiefs.name,
        title: chiefs.title,
        organization: chiefs.organization,
        phone: chiefs.phone,
        patrolFrequency: chiefs.patrolFrequency,
        duties: chiefs.duties,
      })
      .from(chiefs)
      .where(and(eq(chiefs.active, true), gt(chiefs.id, after)))
      .orderBy(asc(chiefs.id))
      .limit(size),
  );
  for await (const c of rows) {
    const assignments = await db
      .select({ code: segments.code, level: chiefAssignments.level, startsOn: chiefAssignments.startsOn })
      .from(chiefAssignments)
      .innerJoin(segments, eq(segments.id, chiefAssignments.segmentId))
      .where(and(eq(chiefAssignments.chiefId, c.id), isNull(chiefAssignments.endsOn)))
      .orderBy(asc(segments.code));
    const person = [c.name, c.title, c.organization, c.phone, PATROL_SHORT[c.patrolFrequency]!, c.duties];
    if (assignments.length === 0) yield [...person, null, null, null];
    for (const a of assignments) yield [...person, a.code, CHIEF_LEVEL_LABEL[a.level], new Date(`${a.startsOn}T00:00:00Z`)];
  }
}

async function* merchantRows(db: Db): AsyncGenerator<Row> {
  const rows = batches((after, size) =>
    db
      .select({
        id: merchants.id,
        code: merchants.code,
        name: merchants.name,
        address: merchants.address,
        segmentCode: segments.code,
        kind: merchants.kind,
        creditCode: merchants.creditCode,
        responsiblePerson: merchants.responsiblePerson,
        contactPhone: merchants.contactPhone,
        agreementSignedOn: merchants.agreementSignedOn,
      })
      .from(merchants)
      .innerJoin(segments, eq(segments.id, merchants.segmentId))
      .where(and(eq(merchants.active, true), gt(merchants.id, after)))
      .orderBy(asc(merchants.id))
      .limit(size),
  );
  for await (const m of rows) {
    yield [
      m.code,
      m.name,
      m.address,
      m.segmentCode,
      m.kind,
      m.creditCode,
      m.responsiblePerson,
      m.contactPhone,
      m.agreementSignedOn ? new Date(`${m.agreementSignedOn}T00:00:00Z`) : null,
    ];
  }
}

/** The active rows of a 台账 as an xlsx stream with the template's columns. */
export function exportLedger(db: Db, kind: LedgerKind): Readable {
  const rows = kind === 'segments' ? segmentRows(db) : kind === 'chiefs' ? chiefRows(db) : merchantRows(db);
  return streamWorkbook([{ spec: sheetSpec(kind, '台账', false), rows }]);
}

/** Any other list (departments, categories, streets…) as an xlsx stream: headers and rows. */
export function exportTable(name: string, headers: string[], rows: AsyncIterable<Row> | Iterable<Row>): Readable {
  return streamWorkbook([{ spec: { name, headers }, rows }]);
}

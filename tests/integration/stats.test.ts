/**
 * /stats, the 考核 table and the open-data export against a small district counted by hand: eight cases
 * around March 2025 (CST), three segment flags, one chief and one department.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/client';
import ExcelJS from 'exceljs';
import { OPEN_DATA_FIELDS } from '@/lib/stats/open-data';
import { getAssessment, getDistrictStats, listOpenDataCases, listStreets } from '@/lib/stats/queries';
import { assessmentTable, statsTable, tableCsv, tablesXlsx } from '@/lib/stats/tables';
import { openTestDb, type TestDb } from '../fixtures/db';

let t: TestDb;
const ids = { district: 0, sa: 0, sb: 0, s1: 0, s2: 0, s3: 0, chief: 0, dept: 0, cat1: 0, cat2: 0 };

/** A CST wall-clock time as an instant. */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();

beforeAll(async () => {
  t = await openTestDb();
  const db = t.db;
  const one = async <T,>(q: ReturnType<typeof sql>) => (await queryRows<T>(db, q))[0]!;
  ids.district = (await one<{ id: number }>(sql`insert into area_units (level, code, name, sort_order) values ('district', 'ZZ', '统计测试区', 99) returning id`)).id;
  ids.sa = (await one<{ id: number }>(sql`insert into area_units (level, code, name, parent_id, sort_order) values ('street', 'ZZ-A', '甲街道', ${ids.district}, 1) returning id`)).id;
  ids.sb = (await one<{ id: number }>(sql`insert into area_units (level, code, name, parent_id, sort_order) values ('street', 'ZZ-B', '乙街道', ${ids.district}, 2) returning id`)).id;
  const road = (await one<{ id: number }>(sql`insert into roads (district_id, name, grade) values (${ids.district}, '统计路', 'secondary') returning id`)).id;
  const seg = async (code: string, street: number) =>
    (
      await one<{ id: number }>(
        sql`insert into segments (code, road_id, name, from_cross, to_cross, grade, district_id, street_id)
            values (${code}, ${road}, ${`统计路${code}`}, '甲', '乙', 'secondary', ${ids.district}, ${street}) returning id`,
      )
    ).id;
  ids.s1 = await seg('ZZ-0001', ids.sa);
  ids.s2 = await seg('ZZ-0002', ids.sb);
  ids.s3 = await seg('ZZ-0003', ids.sa);
  ids.chief = (
    await one<{ id: number }>(
      sql`insert into chiefs (district_id, name, title, phone, patrol_frequency, duties) values (${ids.district}, '张路长', '街道副主任', '12319', 'daily', '巡查') returning id`,
    )
  ).id;
  await db.execute(sql`insert into chief_assignments (chief_id, segment_id, level, starts_on) values (${ids.chief}, ${ids.s1}, 'first', '2025-01-01')`);
  ids.dept = (
    await one<{ id: number }>(sql`insert into departments (district_id, code, name, short_name, kind) values (${ids.district}, 'ZZD', '统计区住建局', '住建', '住建') returning id`)
  ).id;
  const cats = await queryRows<{ id: number }>(db, sql`select id from categories where time_limit_hours is not null order by code limit 2`);
  ids.cat1 = cats[0]!.id;
  ids.cat2 = cats[1]!.id;

  type Row = {
    n: string;
    street: number;
    cat: number | null;
    status: string;
    created: string;
    deadline?: string;
    handled?: string;
    closed?: string;
    sat?: number;
    chief?: number;
    dept?: number;
    pub?: boolean;
    events?: string[];
  };
  const rows: Row[] = [
    { n: 'ZZ-1', street: ids.sa, cat: ids.cat1, status: 'closed', created: '2025-03-02T10:00', deadline: '2025-03-04T10:00', handled: '2025-03-03T09:00', closed: '2025-03-03T12:00', sat: 5, chief: ids.chief, pub: true },
    { n: 'ZZ-2', street: ids.sa, cat: ids.cat1, status: 'closed', created: '2025-03-05T10:00', deadline: '2025-03-07T10:00', handled: '2025-03-09T10:00', closed: '2025-03-10T10:00', sat: 3, chief: ids.chief, events: ['verify_fail'] },
    { n: 'ZZ-3', street: ids.sa, cat: ids.cat2, status: 'dispatched', created: '2025-03-10T10:00', deadline: '2025-03-12T10:00', chief: ids.chief, events: ['return'] },
    { n: 'ZZ-4', street: ids.sb, cat: ids.cat1, status: 'rejected', created: '2025-03-15T10:00', deadline: '2025-03-17T10:00' },
    { n: 'ZZ-5', street: ids.sb, cat: ids.cat2, status: 'closed', created: '2025-03-20T10:00', deadline: '2025-03-22T10:00', handled: '2025-03-21T10:00', closed: '2025-04-02T10:00', dept: ids.dept },
    { n: 'ZZ-6', street: ids.sb, cat: ids.cat1, status: 'closed', created: '2025-02-27T10:00', deadline: '2025-03-01T12:00', handled: '2025-03-01T10:00', closed: '2025-03-01T11:00', sat: 4, dept: ids.dept },
    { n: 'ZZ-7', street: ids.sa, cat: null, status: 'submitted', created: '2025-03-31T23:30' },
    { n: 'ZZ-8', street: ids.sa, cat: null, status: 'submitted', created: '2025-04-01T00:30' },
  ];
  for (const r of rows) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into cases (number, lookup_code, source, category_id, description, district_id, street_id, segment_id, lat, lng,
                             reporter_name, reporter_phone, status, assignee_chief_id, assignee_department_id, deadline_at,
                             handled_at, closed_at, satisfaction, is_public, created_at)
          values (${r.n}, 'ABCDEF', 'citizen', ${r.cat}, ${`${r.n} 的描述`}, ${ids.district}, ${r.street},
                  ${r.street === ids.sa ? ids.s1 : ids.s2}, 30.5934567, 114.3055, '王秘密', '13900000000', ${r.status}::case_status,
                  ${r.chief ?? null}, ${r.dept ?? null}, ${r.deadline ? cst(r.deadline) : null}::timestamptz,
                  ${r.handled ? cst(r.handled) : null}::timestamptz, ${r.closed ? cst(r.closed) : null}::timestamptz,
                  ${r.sat ?? null}, ${r.pub ?? false}, ${cst(r.created)}::timestamptz)
          returning id`,
    );
    for (const action of r.events ?? []) {
      await db.execute(sql`insert into case_events (case_id, action, actor_label) values (${row!.id}, ${action}::case_action, '测试')`);
    }
  }
  const rate = (segment: number, street: number, month: string, flag: string, revoked: number | null = null) =>
    db.execute(
      sql`insert into ratings (subject, segment_id, street_id, month, flag, revoked_by_appeal_id) values ('segment', ${segment}, ${street}, ${month}::date, ${flag}::flag, ${revoked})`,
    );
  await rate(ids.s1, ids.sa, '2025-03-01', 'black');
  await rate(ids.s2, ids.sb, '2025-03-01', 'red');
  await rate(ids.s3, ids.sa, '2025-03-01', 'black', 1); // withdrawn after an appeal
  await rate(ids.s1, ids.sa, '2025-02-01', 'red'); // outside the period, and its month never locked
  // March is locked (public) in both streets; February is not.
  await db.execute(sql`insert into rating_periods (street_id, month, locked_at) values (${ids.sa}, '2025-03-01', now()), (${ids.sb}, '2025-03-01', now())`);
});
afterAll(() => t?.close());

const march = { from: '2025-03', to: '2025-03', streetId: null };

describe('/stats numbers', () => {
  it('counts received, closed, due and on-time by CST month for the whole district', async () => {
    const s = await getDistrictStats(t.db, { districtId: ids.district, filter: march });
    expect(s.months).toHaveLength(1);
    // ZZ-7 was reported 23:30 on 31 March CST (still March); ZZ-8 at 00:30 on 1 April is not.
    expect(s.totals).toMatchObject({ received: 6, closed: 3, due: 5, onTime: 3, ratedCount: 3, ratedSum: 12, red: 1, black: 1 });
    expect(s.months[0]).toMatchObject({ month: '2025-03', received: 6, closed: 3, due: 5, onTime: 3, red: 1, black: 1 });
    // Closed in March after 26 h, 120 h and 49 h.
    expect(s.totals.medianHours).toBeCloseTo(49, 6);
    expect(s.ratings).toEqual([0, 0, 1, 1, 1]);
  });

  it('ranks categories and splits by street', async () => {
    const s = await getDistrictStats(t.db, { districtId: ids.district, filter: march });
    expect(s.categories.map((c) => c.received)).toEqual([3, 2]);
    expect(s.streets).toEqual([
      { id: ids.sa, name: '甲街道', received: 4, closed: 2, due: 3, onTime: 1 },
      { id: ids.sb, name: '乙街道', received: 2, closed: 1, due: 2, onTime: 2 },
    ]);
  });

  it('narrows every number to one street', async () => {
    const s = await getDistrictStats(t.db, { districtId: ids.district, filter: { ...march, streetId: ids.sb } });
    expect(s.totals).toMatchObject({ received: 2, closed: 1, due: 2, onTime: 2, red: 1, black: 0 });
    expect(s.streets.map((x) => x.id)).toEqual([ids.sb]);
  });

  it('keeps months without cases as zeros in a longer period', async () => {
    const s = await getDistrictStats(t.db, { districtId: ids.district, filter: { from: '2025-01', to: '2025-04', streetId: null } });
    expect(s.months.map((m) => [m.month, m.received, m.closed])).toEqual([
      ['2025-01', 0, 0],
      ['2025-02', 1, 0],
      ['2025-03', 6, 3],
      ['2025-04', 1, 1],
    ]);
    // February's red flag is in a month the inspector has not locked: not public yet.
    expect(s.months[1]).toMatchObject({ red: 0, black: 0 });
    expect(s.months[0]!.medianHours).toBeNull();
  });

  it('lists the streets of the district in their order', async () => {
    expect(await listStreets(t.db, { districtId: ids.district })).toEqual([
      { id: ids.sa, name: '甲街道' },
      { id: ids.sb, name: '乙街道' },
    ]);
  });
});

describe('考核 by street, department and chief', () => {
  it('counts the street cohort of cases due in the month, returns, ratings and flags', async () => {
    const rows = await getAssessment(t.db, { districtId: ids.district, month: '2025-03', group: 'street' });
    expect(rows).toEqual([
      { id: ids.sa, name: '甲街道', due: 3, onTime: 1, closed: 2, returned: 2, ratedCount: 2, ratedSum: 8, red: 0, black: 1 },
      { id: ids.sb, name: '乙街道', due: 2, onTime: 2, closed: 2, returned: 0, ratedCount: 1, ratedSum: 4, red: 1, black: 0 },
    ]);
  });

  it("attributes cases to the assigned department and the chief, with the flags of the chief's segments", async () => {
    const depts = await getAssessment(t.db, { districtId: ids.district, month: '2025-03', group: 'department' });
    expect(depts).toEqual([{ id: ids.dept, name: '统计区住建局', due: 2, onTime: 2, closed: 2, returned: 0, ratedCount: 1, ratedSum: 4, red: 0, black: 0 }]);
    const chiefs = await getAssessment(t.db, { districtId: ids.district, month: '2025-03', group: 'chief' });
    expect(chiefs).toEqual([{ id: ids.chief, name: '张路长（街道副主任）', due: 3, onTime: 1, closed: 2, returned: 2, ratedCount: 2, ratedSum: 8, red: 0, black: 1 }]);
  });

  it('leaves out chiefs with nothing in the month', async () => {
    expect(await getAssessment(t.db, { districtId: ids.district, month: '2025-05', group: 'chief' })).toEqual([]);
  });
});

describe('open data', () => {
  it("exports the month's cases without the reporter, with text only where public and coordinates rounded", async () => {
    const rows = await listOpenDataCases(t.db, { districtId: ids.district, month: '2025-03', baseUrl: 'https://luzhang.example.gov.cn' });
    expect(rows.map((r) => r.case_number)).toEqual(['ZZ-1', 'ZZ-2', 'ZZ-3', 'ZZ-4', 'ZZ-5', 'ZZ-7']);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('王秘密');
    expect(text).not.toContain('13900000000');
    expect(text).not.toContain('ABCDEF');
    expect(rows.filter((r) => r.description !== null).map((r) => r.case_number)).toEqual(['ZZ-1']);
    // ZZ-1 has no 处置后 photo; public photos: tests/integration/public-case.test.ts.
    expect(rows.filter((r) => r.photo_url !== null)).toEqual([]);
    expect(rows[0]).toMatchObject({ lat: 30.593, lng: 114.306, stage: '已办结', on_time: true, street: '甲街道', segment_code: 'ZZ-0001' });
    expect(rows[1]!.on_time).toBe(false);
    expect(rows[2]).toMatchObject({ stage: '处理中', on_time: null });
    expect(rows[3]).toMatchObject({ stage: '未受理', on_time: null });
    expect(rows[0]!.received_at).toBe('2025-03-02T02:00:00.000Z');
  });
});

describe('downloads', () => {
  it('writes the monthly table to CSV and Excel with the same numbers as the page', async () => {
    const s = await getDistrictStats(t.db, { districtId: ids.district, filter: march });
    const table = statsTable(s, 'monthly');
    expect(table.rows).toEqual([['2025年3月', 6, 3, 5, 3, 60, 49]]);
    expect(tableCsv(table)).toContain('\r\n2025年3月,6,3,5,3,60,49\r\n');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tablesXlsx([table])) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('月份');
    expect(ws.getRow(2).values).toEqual([undefined, '2025年3月', 6, 3, 5, 3, 60, 49]);
  });

  it('exports the 考核 of all three groups as sheets, a name that looks like a formula disarmed', async () => {
    await t.db.execute(sql`update area_units set name = '=乙街道' where id = ${ids.sb}`);
    try {
      const tables = [];
      for (const group of ['street', 'department', 'chief'] as const) {
        tables.push(assessmentTable(await getAssessment(t.db, { districtId: ids.district, month: '2025-03', group }), group, '2025-03'));
      }
      expect(tables[0]!.rows[0]).toEqual(['甲街道', 3, 1, 33.3, 66.7, 66.7, 2, 2, 4, 0, 1]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await tablesXlsx(tables)) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['2025年3月考核（按街道）', '2025年3月考核（按职能部门）', '2025年3月考核（按路长）']);
      expect(wb.worksheets[0]!.getRow(3).getCell(1).value).toBe("'=乙街道");
      expect(wb.worksheets[2]!.getRow(2).getCell(1).value).toBe('张路长（街道副主任）');
    } finally {
      await t.db.execute(sql`update area_units set name = '乙街道' where id = ${ids.sb}`);
    }
  });

  it('describes every open-data column in the data dictionary, in file order', async () => {
    const [row] = await listOpenDataCases(t.db, { districtId: ids.district, month: '2025-03', baseUrl: 'https://luzhang.example.gov.cn' });
    expect(Object.keys(row!)).toEqual(OPEN_DATA_FIELDS.map((f) => f.name));
  });
});

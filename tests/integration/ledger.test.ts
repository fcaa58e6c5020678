/** 台账 import and export against the real database: every bad input is listed and nothing is written; good files go in whole. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { auditLog, chiefAssignments, chiefs, merchants, segments } from '@/lib/db/schema';
import { creditCodeCheckChar } from '@/lib/domain/credit-code';
import { LEDGER_COLUMNS, problemText, type LedgerKind } from '@/lib/domain/ledger';
import { exportLedger, ledgerTemplate } from '@/lib/ledger/export';
import { applyLedger, dryRunLedger, importLedger, LedgerImportError } from '@/lib/ledger/service';
import { readFirstSheet, toBuffer } from '@/lib/ledger/xlsx';
import { listBoardStatuses, markPrinted } from '@/lib/signboards/queries';
import { openTestDb, type TestDb } from '../fixtures/db';

let t: TestDb;
let streetName: string;
let segmentCode: string;
beforeAll(async () => {
  t = await openTestDb();
  const [s] = await t.db.execute(sql`select u.name from area_units u where u.level = 'street' order by u.id limit 1`).then((r) => (r as unknown as { rows: { name: string }[] }).rows);
  streetName = s!.name;
  const [seg] = await t.db.select({ code: segments.code }).from(segments).orderBy(segments.id).limit(1);
  segmentCode = seg!.code;
});
afterAll(() => t?.close());

const actor = { id: null, label: 'test' };
const headers = (kind: LedgerKind) => LEDGER_COLUMNS[kind].map((c) => c.header);

async function xlsx(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function creditCode(n: number): string {
  const stem = `91420105${String(n).padStart(8, '0')}X`;
  return stem + creditCodeCheckChar(stem);
}

function merchantRow(i: number, over: Partial<Record<string, unknown>> = {}): unknown[] {
  const base: Record<string, unknown> = {
    code: `TM-${String(i).padStart(5, '0')}`,
    name: `测试商户${i}`,
    address: `中山路${i}号`,
    segmentCode,
    kind: '餐饮',
    creditCode: creditCode(i),
    responsiblePerson: '王建国',
    contactPhone: '13800000000',
    agreementSignedOn: new Date(Date.UTC(2026, 0, 5)),
    ...over,
  };
  return LEDGER_COLUMNS.merchants.map((c) => base[c.key] ?? null);
}

const merchantCount = async () => (await t.db.select({ n: count() }).from(merchants))[0]!.n;
const texts = (run: { problems: Parameters<typeof problemText>[0][] }) => run.problems.map(problemText);

describe('dry run lists every problem and writes nothing', () => {
  it('wrong headers: names the column and the expected headers', async () => {
    const h = headers('merchants');
    h[1] = '店名';
    const before = await merchantCount();
    const run = await dryRunLedger(t.db, 'merchants', await xlsx([h, merchantRow(1)]));
    expect(run.ok).toBe(false);
    expect(texts(run)).toContain(`第 1 行 B 列：表头「店名」不是商户台账的列。应为：${headers('merchants').join('、')}。请使用下载的模板。`);
    expect(texts(run).some((m) => m.includes('缺少必填列「商户名称」'))).toBe(true);
    expect(await merchantCount()).toBe(before);
  });

  it('merged cells: names the range', async () => {
    const run = await dryRunLedger(t.db, 'merchants', await xlsx([headers('merchants'), merchantRow(1), merchantRow(2)], (ws) => ws.mergeCells('E2:E3')));
    expect(texts(run)).toContain('第 2 行 E 列：合并单元格 E2:E3：台账中不能有合并单元格。请取消合并，并在每一行填上完整内容。');
  });

  it('dates as text: names row and column', async () => {
    const run = await dryRunLedger(t.db, 'merchants', await xlsx([headers('merchants'), merchantRow(1), merchantRow(2, { agreementSignedOn: '2026-01-05' })]));
    expect(texts(run)).toEqual([
      '第 3 行 I 列（责任书签订日期）：日期写成了文本「2026-01-05」。请把该单元格设为日期格式（设置单元格格式 → 日期），再重新输入日期。',
    ]);
  });

  it('refuses more than 10,000 rows', async () => {
    const rows = [headers('merchants'), ...Array.from({ length: 10_001 }, (_, i) => merchantRow(i + 1))];
    const run = await dryRunLedger(t.db, 'merchants', await xlsx(rows));
    expect(run.ok).toBe(false);
    expect(texts(run)).toContain('第 10002 行：数据超过 10,000 行的上限（从第 10002 行起不再读取）。请把台账拆成多个文件分批导入。');
  });

  it('duplicate codes within the file and against the database', async () => {
    const [existing] = await t.db.select({ code: merchants.code, creditCode: merchants.creditCode }).from(merchants).where(sql`${merchants.creditCode} is not null`).limit(1);
    const run = await dryRunLedger(
      t.db,
      'merchants',
      await xlsx([headers('merchants'), merchantRow(1), merchantRow(2, { code: 'TM-00001' }), merchantRow(3, { code: existing!.code, creditCode: existing!.creditCode })]),
    );
    expect(texts(run)).toEqual([
      '第 3 行 A 列（商户编号）：商户编号「TM-00001」与第 2 行重复。',
      `第 4 行 A 列（商户编号）：商户编号「${existing!.code}」在系统中已存在（编号印在责任牌上，不能重复使用）。`,
      `第 4 行 F 列（统一社会信用代码）：统一社会信用代码「${existing!.creditCode}」已登记在系统中的另一家商户名下。`,
    ]);
  });

  it('unknown street names and bad credit codes', async () => {
    const seg = ['TT-0001', '测试路', '甲路', '乙路', null, '主干道', '不存在街道', null, 300, null];
    const segRun = await dryRunLedger(t.db, 'segments', await xlsx([headers('segments'), seg]));
    expect(texts(segRun)).toHaveLength(1);
    expect(texts(segRun)[0]).toMatch(/^第 2 行 G 列（街道）：系统中没有名为「不存在街道」的街道（镇）。可选：/);
    const mRun = await dryRunLedger(t.db, 'merchants', await xlsx([headers('merchants'), merchantRow(1, { creditCode: '91350100M000100Y44' })]));
    expect(texts(mRun)[0]).toMatch(/^第 2 行 F 列（统一社会信用代码）：统一社会信用代码「91350100M000100Y44」无效/);
  });

  it('empty required cells', async () => {
    const run = await dryRunLedger(t.db, 'merchants', await xlsx([headers('merchants'), merchantRow(1, { name: null, address: '  ' })]));
    expect(texts(run)).toEqual(['第 2 行 B 列（商户名称）：必填，不能为空。', '第 2 行 C 列（地址）：必填，不能为空。']);
  });

  it('an .xls and a renamed .csv are told apart by their bytes', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const xlsRun = await dryRunLedger(t.db, 'merchants', xls);
    expect(texts(xlsRun)[0]).toMatch(/^文件：这是旧版 Excel 97-2003 工作簿（\.xls）/);
    const csv = Buffer.from(`\ufeff${headers('merchants').join(',')}\nTM-1,测试,地址,${segmentCode},餐饮,,王,138,2026-01-05\n`);
    const csvRun = await dryRunLedger(t.db, 'merchants', csv);
    expect(texts(csvRun)[0]).toMatch(/^文件：这是 CSV 文本文件（扩展名被改成了 \.xlsx）/);
    const broken = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('[Content_Types].xml'), Buffer.alloc(100)]);
    expect(texts(await dryRunLedger(t.db, 'merchants', broken))[0]).toMatch(/文件已损坏/);
  });
});

describe('import', () => {
  it('writes every row of a good file, with an audit entry', async () => {
    const before = await merchantCount();
    const result = await importLedger(t.db, 'merchants', await xlsx([headers('merchants'), merchantRow(101), merchantRow(102), merchantRow(103)]), actor);
    expect(result.ok).toBe(true);
    expect(await merchantCount()).toBe(before + 3);
    const [m] = await t.db.select().from(merchants).where(eq(merchants.code, 'TM-00102'));
    expect(m).toMatchObject({ name: '测试商户102', creditCode: creditCode(102), agreementSignedOn: '2026-01-05' });
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'ledger.import'));
    expect(audits.at(-1)!.detail).toMatchObject({ kind: 'merchants', rows: 3 });
  });

  it('rolls back every row when one fails mid-import', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => merchantRow(1000 + i));
    const run = await dryRunLedger(t.db, 'merchants', await xlsx([headers('merchants'), ...rows]));
    expect(run.ok).toBe(true);
    // Someone else takes row 500's code between the dry run and the import (the write goes in chunks of 250).
    const [seg] = await t.db.select({ id: segments.id, streetId: segments.streetId }).from(segments).where(eq(segments.code, segmentCode));
    await t.db.insert(merchants).values({ code: 'TM-01498', name: '抢先', address: '某处', segmentId: seg!.id, streetId: seg!.streetId, kind: '餐饮', responsiblePerson: '某人' });
    const before = await merchantCount();
    await expect(applyLedger(t.db, run, actor)).rejects.toThrow(new LedgerImportError('导入中止：第 500 行的「TM-01498」在试运行之后已被别人录入系统，编号冲突。商户台账的所有行都已撤销，未写入任何数据；请重新试运行。'));
    expect(await merchantCount()).toBe(before);
    expect(await t.db.select().from(merchants).where(eq(merchants.code, 'TM-01000'))).toEqual([]);
  });

  it('imports segments (new roads too) and chiefs with assignments; a new chief flips the board to 已过期', async () => {
    await markPrinted(t.db, { code: segmentCode, template: 'landscape', userId: null });
    const seg = ['TT-0101', '新修路', '甲路', '乙路', null, '次干道', streetName, null, 420, '12319'];
    const segResult = await importLedger(t.db, 'segments', await xlsx([headers('segments'), seg]), actor);
    expect(segResult.ok).toBe(true);
    const [created] = await t.db.select().from(segments).where(eq(segments.code, 'TT-0101'));
    expect(created).toMatchObject({ name: '新路（甲路—乙路）'.replace('新路', '新修路'), grade: 'secondary', lengthM: 420 });

    const chief = ['赵喆', '副主任', '街道办', '027-85550999', '每日', '巡查路段', segmentCode, '三级路长', new Date(Date.UTC(2026, 1, 1))];
    const second = ['赵喆', '副主任', '街道办', '027-85550999', '每日', '巡查路段', 'TT-0101', '二级路长', new Date(Date.UTC(2026, 1, 1))];
    const chiefResult = await importLedger(t.db, 'chiefs', await xlsx([headers('chiefs'), chief, second]), actor);
    expect(chiefResult.ok && chiefResult.outcome.segmentCodes.sort()).toEqual([segmentCode, 'TT-0101'].sort());
    const [c] = await t.db.select().from(chiefs).where(eq(chiefs.phone, '027-85550999'));
    expect(await t.db.select({ n: count() }).from(chiefAssignments).where(eq(chiefAssignments.chiefId, c!.id))).toEqual([{ n: 2 }]);
    const boards = await listBoardStatuses(t.db, { template: 'landscape' });
    expect(boards.find((b) => b.code === segmentCode)!.status.state).toBe('outdated');
  });

  it('export → re-import round-trips: same columns, escaped formulas come back as typed', async () => {
    await importLedger(t.db, 'merchants', await xlsx([headers('merchants'), merchantRow(2001, { name: '=HYPERLINK("http://x")', address: '@地址', contactPhone: '-1' })]), actor);
    const exported = await toBuffer(exportLedger(t.db, 'merchants'));
    const back: unknown[][] = [];
    for await (const r of readFirstSheet(exported)) back.push(r.cells);
    expect(back[0]).toEqual(headers('merchants'));
    const row = back.find((r) => r[0] === 'TM-02001')!;
    expect(row.slice(1, 3)).toEqual(['\'=HYPERLINK("http://x")', "'@地址"]);
    // The exported rows, re-imported into another copy of the district, read back exactly as typed.
    const other = await openTestDb();
    try {
      const ours = back.filter((r) => String(r[0]).startsWith('TM-'));
      const result = await importLedger(other.db, 'merchants', await xlsx([back[0]!, ...ours]), actor);
      expect(result.ok ? [] : texts(result.run).slice(0, 3)).toEqual([]);
      const [m] = await other.db.select().from(merchants).where(eq(merchants.code, 'TM-02001'));
      expect(m).toMatchObject({ name: '=HYPERLINK("http://x")', address: '@地址', contactPhone: '-1', agreementSignedOn: '2026-01-05', creditCode: creditCode(2001) });
    } finally {
      await other.close();
    }
  });

  it('template: the headers a dry run accepts and a 填写说明 sheet with an example', async () => {
    for (const kind of ['segments', 'chiefs', 'merchants'] as const) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await toBuffer(ledgerTemplate(kind))) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['台账', '填写说明']);
      expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(headers(kind));
      const run = await dryRunLedger(t.db, kind, await toBuffer(ledgerTemplate(kind)));
      expect(texts(run)).toEqual(['第 2 行：表头下面没有数据行。']);
    }
  });

  it('imports 5,000 merchants', async () => {
    const before = await merchantCount();
    const rows = Array.from({ length: 5000 }, (_, i) => merchantRow(20_000 + i));
    const result = await importLedger(t.db, 'merchants', await xlsx([headers('merchants'), ...rows]), actor);
    expect(result.ok).toBe(true);
    expect(await merchantCount()).toBe(before + 5000);
  });
});

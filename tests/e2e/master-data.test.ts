/**
 * An admin imports the merchant 台账: downloads the template, uploads a file with an error, reads the row
 * and column of the problem, fixes it, imports; then exports the list. (Written for the e2e project; the
 * author could not run it in the session that wrote it.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, launchBrowser, screenshot, signIn, watchErrors } from './harness';

const app = appUnderTest();
let browser: Browser;
let page: Page;
let errors: string[];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  page = await signIn(context, 'admin', '/staff/master/import');
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function fillTemplate(file: string, out: string, date: Date | string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('台账')!;
  ws.getRow(2).values = ['E2E-M00001', '端到端测试商户', '中山路1号', 'QH-0001', '餐饮', '91350100M000100Y43', '王建国', '13800000000', date];
  ws.getRow(2).commit();
  await wb.xlsx.writeFile(out);
}

describe('merchant 台账 import', () => {
  it('template → upload with an error → row/column message → fix → import → export', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '商户台账模板' }).click();
    const template = path.join(dir, 'template.xlsx');
    await (await download).saveAs(template);

    const bad = path.join(dir, 'bad.xlsx');
    await fillTemplate(template, bad, '2026-01-05'); // a date typed as text
    await page.getByLabel('台账类型').selectOption('merchants');
    await page.getByLabel('Excel 文件（.xlsx）').setInputFiles(bad);
    await page.getByRole('button', { name: '试运行' }).click();
    const problem = page.locator('[data-result="problems"] li[data-row="2"][data-column="I"]');
    await expect.poll(() => problem.textContent()).toContain('第 2 行 I 列（责任书签订日期）：日期写成了文本「2026-01-05」');
    expect(await page.getByRole('button', { name: '导入' }).isDisabled()).toBe(true);
    await screenshot(page, 'ledger-dry-run-problem');

    const good = path.join(dir, 'good.xlsx');
    await fillTemplate(template, good, new Date(Date.UTC(2026, 0, 5)));
    await page.getByLabel('Excel 文件（.xlsx）').setInputFiles(good);
    await page.getByRole('button', { name: '试运行' }).click();
    await expect.poll(() => page.locator('[data-result="clean"]').textContent()).toContain('试运行通过：共 1 行');
    await page.getByRole('button', { name: '导入' }).click();
    await expect.poll(() => page.locator('[data-result="imported"]').textContent()).toContain('已导入 1 行');

    await page.goto(`${app.baseUrl}/staff/master/merchants?q=E2E-M00001`);
    expect(await page.locator('tbody tr').first().textContent()).toContain('端到端测试商户');
    const exported = page.waitForEvent('download');
    await page.getByRole('link', { name: '导出 Excel' }).click();
    const file = path.join(dir, 'export.xlsx');
    await (await exported).saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const codes = wb.worksheets[0]!.getColumn(1).values;
    expect(codes).toContain('E2E-M00001');
    expect(errors).toEqual([]);
  });
});

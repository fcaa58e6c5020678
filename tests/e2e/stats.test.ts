/**
 * /stats on a phone (charts as SVG beside their tables, the street and period form, CSV and Excel downloads),
 * /open-data's files and dictionary, and the 考核 table downloading as Excel. Written without being run here.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { appUnderTest, phoneForThisFile, screenshot, signIn, watchErrors } from './harness';

const app = appUnderTest();
const { phone } = phoneForThisFile();

describe('/stats on a phone', () => {
  it("shows the demo district's numbers with an SVG chart and a table for each, no chart script, no sideways scrolling", async () => {
    const page = await phone().newPage();
    const errors = watchErrors(page);
    const response = await page.goto(`${app.baseUrl}/stats`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    expect((await page.locator('h1').textContent())?.trim()).toBe('数据公开');
    expect(await page.locator('main svg[role="img"]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('main table').count()).toBe(5);
    // The demo district has cases: the month table is not all zeros.
    const received = await page.locator('section[aria-labelledby="h-monthly"] tbody tr td:nth-child(2)').allTextContents();
    expect(received.map(Number).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const scripts = await page.locator('script[src]').evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? ''));
    expect(scripts.filter((s) => /chart|d3|echarts|recharts/i.test(s))).toEqual([]);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await screenshot(page, 'stats-phone');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters by street and period through the GET form, and explains a bad month', async () => {
    const page = await phone().newPage();
    await page.goto(`${app.baseUrl}/stats`, { waitUntil: 'networkidle' });
    const street = page.locator('select[name="street"]');
    const option = street.locator('option').nth(1);
    const name = (await option.textContent())!.trim();
    await street.selectOption(await option.getAttribute('value'));
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL((u) => u.searchParams.has('street'));
    expect(await page.locator('section[aria-labelledby="stats-title"] p').first().textContent()).toContain(name);
    expect(await page.locator('section[aria-labelledby="h-streets"] tbody tr').count()).toBe(1);

    await page.goto(`${app.baseUrl}/stats?from=2026-13`, { waitUntil: 'networkidle' });
    // Scoped to the filter card: next dev also renders an empty role="alert" route announcer.
    expect(await page.locator('section[aria-labelledby="stats-title"]').getByRole('alert').textContent()).toContain(
      '起始月份“2026-13”格式不对',
    );
    await page.close();
  });

  it('downloads each table as CSV and as Excel', async () => {
    const page = await phone().newPage();
    await page.goto(`${app.baseUrl}/stats`, { waitUntil: 'networkidle' });
    const csvHref = await page.locator('section[aria-labelledby="h-monthly"] a', { hasText: '下载 CSV' }).getAttribute('href');
    const xlsxHref = await page.locator('section[aria-labelledby="h-monthly"] a', { hasText: '下载 Excel' }).getAttribute('href');
    const csv = await fetch(`${app.baseUrl}${csvHref}`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // text() would drop the byte-order mark Excel needs; read the bytes.
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFF月份,收到反映（件）')).toBe(true);
    const xlsx = await fetch(`${app.baseUrl}${xlsxHref}`);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect((await fetch(`${app.baseUrl}/stats/export/nothing.csv`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/stats/export/monthly.csv?to=abc`)).status).toBe(400);
    await page.close();
  });
});

describe('/open-data', () => {
  it('states the licence, lists the fields and serves an anonymised month as CSV and JSON', async () => {
    const page = await phone().newPage();
    await page.goto(`${app.baseUrl}/open-data`, { waitUntil: 'networkidle' });
    expect(await page.locator('a[rel="license"]').getAttribute('href')).toContain('creativecommons.org/licenses/by/4.0');
    const fields = await page.locator('section[aria-labelledby="od-dict"] tbody th').allTextContents();
    expect(fields).toContain('case_number');
    const href = (await page.locator('a[href$=".json"]').first().getAttribute('href'))!;
    const json = (await (await fetch(`${app.baseUrl}${href}`)).json()) as { count: number; cases: Record<string, unknown>[] };
    expect(json.count).toBe(json.cases.length);
    expect(json.count).toBeGreaterThan(0);
    for (const c of json.cases) expect(Object.keys(c)).toEqual(fields);
    expect(JSON.stringify(json)).not.toMatch(/reporter|lookup/);
    const csv = Buffer.from(await (await fetch(`${app.baseUrl}${href.replace('.json', '.csv')}`)).arrayBuffer()).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${fields.join(',')}`);
    expect((await fetch(`${app.baseUrl}/open-data/cases-2026-13.csv`)).status).toBe(404);
    await page.close();
  });
});

describe('考核 report', () => {
  it('shows the street table to an inspector and downloads it as Excel', async () => {
    const context = phone();
    const page = await signIn(context, 'inspector', '/staff/reports');
    expect(await page.locator('table caption').textContent()).toMatch(/考核（按街道）/);
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.close();
  });
});

/** A citizen opens the site on a phone: the home page shows the demo district, search works, errors are in Chinese. */
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { appUnderTest, phoneForThisFile, screenshot, watchErrors } from './harness';

const app = appUnderTest();
const { phone } = phoneForThisFile();

describe('home page on a phone', () => {
  it('shows the demo district from the database, without console errors', async () => {
    const page = await phone().newPage();
    const errors = watchErrors(page);
    const response = await page.goto(`${app.baseUrl}/`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toBe('清河区路长制');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const segments = await page.locator('dt:text("路段") + dd').textContent();
    expect(Number(segments)).toBeGreaterThan(100);
    for (const label of ['随手拍', '查进度', '曝光台', '点赞榜', '红旗榜', '黑旗榜']) {
      await expect.poll(() => page.getByRole('link', { name: new RegExp(label) }).count()).toBeGreaterThan(0);
    }
    const file = await screenshot(page, 'home-phone');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('passes axe-core WCAG 2 A/AA checks', async () => {
    const page = await phone().newPage();
    await page.goto(`${app.baseUrl}/`, { waitUntil: 'networkidle' });
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.close();
  });

  it('stays usable at 200% text size: nothing overflows sideways', async () => {
    const page = await phone().newPage();
    await page.goto(`${app.baseUrl}/`, { waitUntil: 'networkidle' });
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '212.5%';
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-phone-200pct');
    await page.close();
  });
});

describe('search', () => {
  it('finds a segment by its code from the home page search box', async () => {
    const page = await phone().newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('搜索路段或商户').fill('qh-0001');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/search\?q=qh-0001/);
    const link = page.locator('a[href="/r/QH-0001"]');
    await expect.poll(() => link.count()).toBe(1);
    expect(await page.getByLabel('搜索路段或商户').inputValue()).toBe('qh-0001');
    await screenshot(page, 'search-phone');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says plainly when nothing matches, keeping what was typed', async () => {
    const page = await phone().newPage();
    await page.goto(`${app.baseUrl}/search?q=${encodeURIComponent('<script>不存在的路')}`);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('没有找到');
    expect(await page.getByLabel('搜索路段或商户').inputValue()).toBe('<script>不存在的路');
    await page.close();
  });
});

describe('not found', () => {
  it('answers 404 with a Chinese page and a search box', async () => {
    const page = await phone().newPage();
    const response = await page.goto(`${app.baseUrl}/no-such-page`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.locator('h1').textContent()).toBe('页面不存在');
    expect(await page.getByLabel('搜索路段或商户').count()).toBe(1);
    await page.close();
  });
});

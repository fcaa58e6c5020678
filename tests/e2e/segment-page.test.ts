/** A citizen scans a 路长公示牌 QR: the segment page on a phone, its canonical URL, and 404s for codes that are not. */
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { appUnderTest, phoneForThisFile, screenshot, watchErrors } from './harness';

const app = appUnderTest();
const { browser, phone } = phoneForThisFile();

describe('segment page on a phone', () => {
  it('shows the segment, its chiefs by level with tap-to-call phones, and a report button for this segment', async () => {
    const page = await phone().newPage();
    const errors = watchErrors(page);
    const response = await page.goto(`${app.baseUrl}/r/QH-0001`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);

    const h1 = (await page.locator('h1').textContent())?.trim() ?? '';
    expect(h1).toMatch(/^.+（.+—.+）$/);
    // Next streams metadata to browsers: the title may land just after the heading.
    await expect.poll(() => page.title()).toBe(`${h1} · 路长公示 · 路长通`);
    expect(await page.getByText('QH-0001', { exact: true }).count()).toBe(1);

    const chiefs = page.locator('section[aria-labelledby="chiefs-title"]');
    expect(await chiefs.locator('h3').allTextContents()).toEqual(['总路长', '一级路长', '二级路长', '三级路长']);
    for (const level of ['total', 'first', 'second', 'third']) {
      const links = chiefs.locator(`section[aria-labelledby="level-${level}"] a[href^="tel:"]`);
      expect(await links.count(), level).toBeGreaterThan(0);
      for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^tel:\+?\d{3,}$/);
    }
    expect(await chiefs.getByText('待任命').count()).toBe(0);
    // The seeded rare-character names of QH-0001 render as text, not as missing glyph boxes in the DOM.
    expect(await chiefs.textContent()).toMatch(/[喆堃彧犇昇]/);

    const report = page.getByRole('link', { name: /随手拍.*反映本路段/ });
    expect(await report.getAttribute('href')).toBe('/report?segment=QH-0001');
    expect(await page.getByRole('link', { name: /查进度.*办理情况/ }).getAttribute('href')).toBe('/track');

    const team = page.locator('section[aria-labelledby="team-title"]');
    expect(await team.getByText('监督电话', { exact: true }).count()).toBe(1);
    // The demo streets publish no hotline of their own, so the district's supervising hotline shows.
    expect(await team.getByRole('link', { name: /拨打监督电话/ }).getAttribute('href')).toBe('tel:12319');
    expect(await team.locator('a[href^="tel:"]').count()).toBeGreaterThan(1);

    const month = page.locator('section[aria-labelledby="month-title"]');
    expect(await month.locator('dt').allTextContents()).toEqual(['受理', '办结', '按时办结']);
    expect(await month.textContent()).toMatch(/路段评比(\d{4}年\d{1,2}月)?(红旗|黑旗|无旗|未评比)$/);

    const merchantLinks = page.locator('section[aria-labelledby="merchants-title"] a[href^="/m/"]');
    expect(await merchantLinks.count()).toBeGreaterThan(0);
    expect(await merchantLinks.first().getAttribute('href')).toMatch(/^\/m\/QH-M\d+$/);

    // Every link and button is at least 44 px tall: a thumb on a phone on the street.
    const small = await page.locator('main a, main button').evaluateAll((els) =>
      els.filter((el) => el.getBoundingClientRect().height < 44).map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(small).toEqual([]);

    const file = await screenshot(page, 'segment-phone');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works without JavaScript', async () => {
    const noJs = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await noJs.newPage();
    const response = await page.goto(`${app.baseUrl}/r/QH-0001`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('a[href="/report?segment=QH-0001"]').count()).toBe(1);
    expect(await page.locator('section[aria-labelledby="chiefs-title"] a[href^="tel:"]').count()).toBeGreaterThan(4);
    await noJs.close();
  });

  it('passes axe-core WCAG 2 A/AA checks', async () => {
    const page = await phone().newPage();
    await page.goto(`${app.baseUrl}/r/QH-0002`, { waitUntil: 'networkidle' });
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.goto(`${app.baseUrl}/r/QH-0001`, { waitUntil: 'networkidle' });
    const again = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(again.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.close();
  });

  it('stays usable at 200% text size: nothing overflows sideways, even with long names and titles', async () => {
    const page = await phone().newPage();
    for (const code of ['QH-0002', 'QH-0001']) {
      await page.goto(`${app.baseUrl}/r/${code}`, { waitUntil: 'networkidle' });
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '212.5%';
      });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, code).toBeLessThanOrEqual(0);
    }
    await screenshot(page, 'segment-phone-200pct');
    await page.close();
  });
});

describe('segment codes in the URL', () => {
  it('sends a lower-case code to the canonical URL', async () => {
    const page = await phone().newPage();
    const response = await page.goto(`${app.baseUrl}/r/qh-0001`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/r/QH-0001');
    expect(response?.request().redirectedFrom()).not.toBeNull();
    await page.close();
  });

  it.each([
    ['lower case', 'qh-0001'],
    ['full width', 'ＱＨ－０００１'],
    ['surrounding spaces', ' QH-0001 '],
  ])('answers a %s code with a permanent redirect', async (_name, code) => {
    const res = await fetch(`${app.baseUrl}/r/${encodeURIComponent(code)}`, { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(new URL(res.headers.get('location')!, app.baseUrl).pathname).toBe('/r/QH-0001');
  });

  it.each(['NOPE-1', '%3Cscript%3E'])('answers /r/%s with the Chinese not-found page', async (code) => {
    const page = await phone().newPage();
    const response = await page.goto(`${app.baseUrl}/r/${code}`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.locator('h1').textContent()).toBe('页面不存在');
    expect(await page.getByLabel('搜索路段或商户').count()).toBe(1);
    await page.close();
  });

  it.each([
    ['an unknown code', 'QH-9999'],
    ['an emoji', encodeURIComponent('🚧')],
    ['markup', encodeURIComponent('<script>alert(1)</script>')],
    ['a NUL byte', '%00'],
    ['a code with a NUL byte', 'QH-0001%00'],
    ['a lone percent sign', '%25'],
    ['500 characters', 'Q'.repeat(500)],
    ['a path separator', 'QH-0001%2F..'],
  ])('answers %s with 404, never an error', async (_name, path) => {
    const res = await fetch(`${app.baseUrl}/r/${path}`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('页面不存在');
  });

  it('leaves a malformed percent escape to Next, which refuses it as a bad request rather than failing', async () => {
    // Next rejects the URL before any route runs, so this is the framework's 400, not our 404.
    const res = await fetch(`${app.baseUrl}/r/%E4%B8`, { redirect: 'manual' });
    expect(res.status).toBe(400);
  });
});

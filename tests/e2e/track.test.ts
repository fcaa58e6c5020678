/**
 * A citizen follows their case on a phone: looks it up on /track (with and without JavaScript), sees the
 * steps, opens the receipt's link, and rates a closed case. The demo district lists sample cases with
 * their lookup codes on /track (demo mode only), which is where this test gets them.
 */
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest, phoneForThisFile, screenshot, watchErrors } from './harness';

const app = appUnderTest();
const { browser, phone } = phoneForThisFile();
const NOT_FOUND = '未找到该案件，或查询码不正确。请核对回执上的案件编号和查询码。';

/** The demo sample with this label on /track: its case number and lookup code. */
async function sample(page: Page, label: string): Promise<{ number: string; code: string }> {
  await page.goto(`${app.baseUrl}/track`);
  const item = page.locator('section[aria-labelledby="track-demo"] li', { hasText: label });
  const number = (await item.locator('[data-demo="number"]').textContent())?.trim() ?? '';
  const code = (await item.locator('[data-demo="code"]').textContent())?.trim() ?? '';
  expect(number).toMatch(/^\d{8}-\d{4,}$/);
  expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
  return { number, code };
}

async function fillLookup(page: Page, number: string, code: string) {
  await page.getByLabel('案件编号', { exact: true }).fill(number);
  await page.getByLabel('查询码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '查询' }).click();
}

async function stepsOf(page: Page) {
  return page.locator('ol[aria-label="办理步骤"] li').evaluateAll((lis) =>
    lis.map((li) => `${li.querySelector('.font-bold')?.textContent}${li.getAttribute('aria-current') === 'step' ? '*' : ''}`),
  );
}

describe('looking a case up', () => {
  it('finds a case in progress from what people type, shows its steps, and remembers access on reload', async () => {
    const page = await phone().newPage();
    const { number, code } = await sample(page, '处理中');
    const errors = watchErrors(page);
    // No dash, lower case, spaces: the form normalises them.
    await fillLookup(page, number.replace('-', ''), ` ${code.toLowerCase()} `);
    await page.waitForURL(`${app.baseUrl}/track/${number}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('办理进度：处理中');
    expect(await stepsOf(page)).toEqual(['已提交', '已受理', '处理中*', '已办结']);
    expect(await page.locator('section[aria-labelledby="case-replies"] li').count()).toBeGreaterThan(1);
    // Next streams metadata to browsers: the title may land just after the heading.
    await expect.poll(() => page.title()).toBe(`案件 ${number} · 查进度 · 路长通`);

    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'lz_track');
    expect(cookie).toMatchObject({ path: `/track/${number}`, httpOnly: true, sameSite: 'Lax' });
    // The token never appears in the page itself.
    expect(await page.content()).not.toContain(cookie!.value);

    // The reporter's own photos load through the cookie-checked route.
    const thumbs = page.locator('section[aria-labelledby="case-photos"] img');
    if ((await thumbs.count()) > 0) {
      await thumbs.first().scrollIntoViewIfNeeded();
      await expect.poll(() => thumbs.first().evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 30_000 }).toBeGreaterThan(0);
    }

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('办理进度：处理中');

    const small = await page.locator('main a, main button').evaluateAll((els) =>
      els.filter((el) => el.getBoundingClientRect().height < 44).map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(small).toEqual([]);
    const file = await screenshot(page, 'track-case-phone');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.context().clearCookies();
    await page.close();
  });

  it('answers a wrong code with the generic message and keeps what was typed', async () => {
    const page = await phone().newPage();
    const { number, code } = await sample(page, '处理中');
    const wrong = code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
    await fillLookup(page, number, wrong);
    await expect.poll(() => page.locator('#track-message').textContent()).toBe(NOT_FOUND);
    expect(new URL(page.url()).pathname).toBe('/track');
    expect(await page.getByLabel('案件编号', { exact: true }).inputValue()).toBe(number);
    expect(await page.getByLabel('查询码', { exact: true }).inputValue()).toBe(wrong);
    // And a code with characters no code has gets a precise message instead.
    await fillLookup(page, number, 'AB0O1I');
    await expect.poll(() => page.locator('#track-code-error').textContent()).toContain('“0”');
    await page.close();
  });

  it('works without JavaScript: the form, the refusal, and the case page', async () => {
    const phoneWithJs = await phone().newPage();
    const { number, code } = await sample(phoneWithJs, '未受理');
    await phoneWithJs.close();
    const noJs = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await noJs.newPage();
    await page.goto(`${app.baseUrl}/track`);
    await fillLookup(page, number, 'AAAAAA' === code ? 'CCCCCC' : 'AAAAAA');
    await expect.poll(() => page.locator('#track-message').count()).toBe(1);
    expect(await page.locator('#track-message').textContent()).toBe(NOT_FOUND);
    expect(await page.getByLabel('案件编号', { exact: true }).inputValue()).toBe(number);
    await fillLookup(page, number, code);
    await page.waitForURL(`${app.baseUrl}/track/${number}`);
    expect(await page.locator('h1').textContent()).toBe('办理进度：未受理');
    expect(await stepsOf(page)).toEqual(['已提交', '未受理']);
    expect(await page.getByText('未受理原因：').count()).toBe(1);
    await screenshot(page, 'track-rejected-nojs');
    await noJs.close();
  });

  it("opens the receipt's link directly and drops the code from the address", async () => {
    const first = await phone().newPage();
    const { number, code } = await sample(first, '处理中');
    await first.close();
    const fresh = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await fresh.newPage();
    const response = await page.goto(`${app.baseUrl}/track/${number}?code=${code}`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${app.baseUrl}/track/${number}`);
    expect(await page.locator('h1').textContent()).toBe('办理进度：处理中');
    // A wrong code in the link shows the form with the number filled in and the generic answer.
    await fresh.clearCookies();
    const wrong = code === 'CCCCCC' ? 'DDDDDD' : 'CCCCCC';
    await page.goto(`${app.baseUrl}/track/${number}?code=${wrong}`);
    expect(new URL(page.url()).pathname).toBe(`/track/${number}`);
    expect(await page.getByLabel('案件编号', { exact: true }).inputValue()).toBe(number);
    expect(await page.getByLabel('查询码', { exact: true }).inputValue()).toBe(wrong);
    expect(await page.locator('#track-message').textContent()).toBe(NOT_FOUND);
    await fresh.close();
  });

  it('refuses photos and the case page without the access cookie', async () => {
    const page = await phone().newPage();
    const { number } = await sample(page, '处理中');
    await page.close();
    const photo = await fetch(`${app.baseUrl}/track/${number}/photos/1`);
    expect(photo.status).toBe(403);
    expect(await photo.text()).toBe('请先凭案件编号和查询码查询，再查看照片。');
    const forged = await fetch(`${app.baseUrl}/track/${number}/photos/1`, { headers: { cookie: 'lz_track=4102444800.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.status).toBe(403);
    const html = await (await fetch(`${app.baseUrl}/track/${number}`)).text();
    expect(html).toContain('查询办理进度');
    expect(html).not.toContain('办理进度：');
  });

  it.each([
    ['garbage', 'hello', '案件编号格式不对'],
    ['markup', encodeURIComponent('<script>alert(1)</script>'), '案件编号格式不对'],
  ])('answers a %s case number with the form and a precise message', async (_name, path, message) => {
    const res = await fetch(`${app.baseUrl}/track/${path}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).not.toContain('<script>alert(1)</script>');
  });
});

describe('rating a closed case', () => {
  it('rates with large star buttons once; afterwards the rating shows instead of the form', async () => {
    const page = await phone().newPage();
    const errors = watchErrors(page);
    const { number, code } = await sample(page, '已办结，可评价');
    await page.goto(`${app.baseUrl}/track/${number}?code=${code}`);
    await page.waitForURL(`${app.baseUrl}/track/${number}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('办理进度：已办结');
    expect(await stepsOf(page)).toEqual(['已提交', '已受理', '处理中', '已办结']);
    // Each choice is a big target.
    const choices = page.locator('fieldset label');
    expect(await choices.count()).toBe(5);
    for (const h of await choices.evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().height))) expect(h).toBeGreaterThanOrEqual(44);

    await page.getByRole('radio', { name: /4 星/ }).check();
    await page.getByLabel(/想说的话/).fill('清理得很干净，谢谢！');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.locator('#rate-message').textContent()).toBe('感谢您的评价！');
    await expect.poll(() => page.getByText('您的评价：').count()).toBe(1);
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await screenshot(page, 'track-rated-phone');

    await page.reload();
    await expect.poll(() => page.getByText('您的评价：').textContent()).toContain('4 星');
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().clearCookies();
    await page.close();
  });
});

describe('accessibility', () => {
  it('passes axe-core WCAG 2 A/AA checks on the form, a refusal and a case page', async () => {
    const page = await phone().newPage();
    await page.goto(`${app.baseUrl}/track`, { waitUntil: 'networkidle' });
    const check = async () => {
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    await check();
    await fillLookup(page, 'x', '0');
    await expect.poll(() => page.locator('#track-number-error').count()).toBe(1);
    await check();
    const { number, code } = await sample(page, '已办结');
    await page.goto(`${app.baseUrl}/track/${number}?code=${code}`, { waitUntil: 'networkidle' });
    await check();
    await page.context().clearCookies();
    await page.close();
  });

  it('stays usable at 200% text size: nothing overflows sideways', async () => {
    const page = await phone().newPage();
    const { number, code } = await sample(page, '处理中');
    for (const path of ['/track', `/track/${number}?code=${code}`]) {
      await page.goto(`${app.baseUrl}${path}`, { waitUntil: 'networkidle' });
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '212.5%';
      });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await screenshot(page, 'track-case-phone-200pct');
    await page.context().clearCookies();
    await page.close();
  });
});

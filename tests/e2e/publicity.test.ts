/**
 * 曝光台 in a real browser (issue 8), as a publicity officer would: a closed case becomes a draft, the photo
 * gets a mask drawn on it, an admin (the second person) publishes it, the public page, feed and share card
 * show it, a phone 点赞s once, and withdrawing it answers 410 and drops it from the feed. Demo accounts
 * (password luzhang-demo). Written without being run here (the lead runs e2e).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, launchBrowser, phoneContext, screenshot, watchErrors } from './harness';

const app = appUnderTest();
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function desktop(): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  contexts.push(c);
  return c;
}

async function signIn(context: BrowserContext, username: string, to: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/staff/login?callbackUrl=${encodeURIComponent(to)}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('luzhang-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.pathname === to);
  return page;
}

describe('a closed case to a masked, published 曝光台 entry and back down', () => {
  let entryPath = '';

  it('creates, masks, submits; the editor cannot publish their own entry; an admin can', async () => {
    const page = await signIn(await desktop(), 'publicity', '/staff/publications');
    const errors = watchErrors(page);
    // A closed case from the suggestions.
    const number = await page.locator('#closed-cases option').first().getAttribute('value');
    expect(number).toBeTruthy();
    await page.getByRole('combobox', { name: '编号' }).fill(number!);
    await page.getByRole('button', { name: '建立草稿' }).click();
    await page.waitForURL(/\/staff\/publications\/\d+/);
    const editUrl = page.url();
    await page.getByLabel('标题').fill('<b>中山路</b>占道');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.getByText('网页代码').count()).toBeGreaterThan(0);
    await page.getByLabel('标题').fill('中山路占道经营 限期整改');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已保存' }).count()).toBeGreaterThan(0);

    // Draw one rectangle on each photo and save it.
    while ((await page.getByRole('button', { name: '保存遮挡' }).count()) > 0 && (await page.getByText('未处理', { exact: true }).count()) > 0) {
      const img = page.getByAltText('待处理的原图').first();
      const box = (await img.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 5 });
      await page.mouse.up();
      expect(Number(await page.locator('input[name="w0"]').first().inputValue())).toBeGreaterThan(0);
      await page.getByRole('button', { name: '保存遮挡' }).first().click();
      await page.waitForURL(/ok=/);
    }
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForURL(/ok=/);
    await page.getByRole('button', { name: '审核通过并发布' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('第二个人');
    expect(errors).toEqual([]);

    const admin = await signIn(await desktop(), 'admin', new URL(editUrl).pathname);
    await admin.getByRole('button', { name: '审核通过并发布' }).click();
    await admin.waitForURL(/ok=/);
    entryPath = (await admin.getByRole('link', { name: /^\/exposure\/\d+$/ }).textContent())!;
    await screenshot(admin, 'publicity-published');
  });

  it('shows the entry publicly with masked photos only, in the feed, with a share card; 点赞 counts once per phone', async () => {
    const phone = await phoneContext(browser);
    contexts.push(phone);
    const page = await phone.newPage();
    const res = await page.goto(app.baseUrl + entryPath);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('中山路占道经营 限期整改');
    const srcs = await page.locator('article img').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).currentSrc || (e as HTMLImageElement).src));
    expect(srcs.length).toBeGreaterThan(0);
    for (const s of srcs) expect(new URL(s).pathname).toMatch(/^\/media\/\d+$/);
    const og = await page.locator('meta[property="og:image"]').getAttribute('content');
    const card = await page.request.get(og!);
    expect(card.headers()['content-type']).toBe('image/png');
    const feed = await (await page.request.get(`${app.baseUrl}/exposure/feed.xml`)).text();
    expect(feed).toContain(entryPath);

    const like = page.getByRole('button', { name: /点赞/ });
    const before = Number((await like.textContent())!.replace(/\D/g, ''));
    await like.click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已点赞');
    await like.click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已经点过');
    expect(Number((await like.textContent())!.replace(/\D/g, ''))).toBe(before + 1);
    await screenshot(page, 'publicity-entry-phone');
  });

  it('withdrawing answers 410 with a short notice and drops the entry from the list and feed', async () => {
    const id = entryPath.split('/').pop();
    const admin = await signIn(await desktop(), 'admin', `/staff/publications/${id}`);
    await admin.getByLabel('撤下原因').fill('当事商户已整改');
    await admin.getByRole('button', { name: '撤下' }).click();
    await admin.waitForURL(/ok=/);
    const res = await admin.request.get(app.baseUrl + entryPath);
    expect(res.status()).toBe(410);
    expect(await res.text()).toContain('已撤下');
    expect(await (await admin.request.get(`${app.baseUrl}/exposure/feed.xml`)).text()).not.toContain(entryPath);
    expect(await (await admin.request.get(`${app.baseUrl}/exposure`)).text()).not.toContain(`href="${entryPath}"`);
  });
});

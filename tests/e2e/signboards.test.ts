/** An admin manages board printing; anyone downloads a board; the board files answer like files should. */
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, launchBrowser, screenshot, signIn, watchErrors } from './harness';

const app = appUnderTest();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('board files', () => {
  it('serves a PNG preview with an ETag and answers 304 when it has not changed', async () => {
    const first = await fetch(`${app.baseUrl}/signboards/QH-0001.png`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"b\d+-[0-9a-f]{32}-png"$/);
    expect(Buffer.from(await first.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    const again = await fetch(`${app.baseUrl}/signboards/QH-0001.png`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('serves the print PDF and the SVG, in both templates', async () => {
    for (const template of ['landscape', 'portrait']) {
      const pdf = await fetch(`${app.baseUrl}/signboards/QH-0002.pdf?template=${template}&download=1`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toContain(`attachment; filename="QH-0002-${template}.pdf"`);
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const svg = await fetch(`${app.baseUrl}/signboards/QH-0002.svg`);
    expect((await svg.text()).startsWith('<svg')).toBe(true);
  });

  it('redirects a lower-case code to the canonical file', async () => {
    const res = await fetch(`${app.baseUrl}/signboards/qh-0001.pdf`, { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toMatch(/\/signboards\/QH-0001\.pdf$/);
  });

  it.each([
    ['/signboards/QH-9999.png', 404, '没有编号为 QH-9999 的路段'],
    ['/signboards/%3Cscript%3E.png', 404, '没有这个路段的公示牌'],
    ['/signboards/QH-0001.gif', 404, '没有这个路段的公示牌'],
    ['/signboards/QH-0001.png?template=round', 400, 'template 只能是'],
  ])('answers %s with %i and a Chinese message', async (path, status, text) => {
    const res = await fetch(`${app.baseUrl}${path}`);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(text);
  });
});

describe('print management', () => {
  it('sends a visitor who is not signed in to the login page', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/staff/signboards`);
    await page.waitForURL(/\/staff\/login\?callbackUrl=/);
    expect(await page.locator('h1').textContent()).toBe('工作人员登录');
    const zip = await fetch(`${app.baseUrl}/staff/signboards/export`);
    expect(zip.status).toBe(401);
    await context.close();
  });

  it('keeps the username and says why when the password is wrong', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await signIn(context, 'admin', '/staff/signboards', { password: 'wrong-password', wait: false });
    await expect.poll(() => page.locator('form [role="alert"]').textContent()).toContain('用户名或密码不正确');
    expect(await page.getByLabel('用户名').inputValue()).toBe('admin');
    await context.close();
  });

  it('refuses a signed-in inspector with a 403 page', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await signIn(context, 'inspector', '/staff/signboards');
    await expect.poll(() => page.locator('h1').textContent()).toBe('无权访问');
    const res = await context.request.get(`${app.baseUrl}/staff/signboards/export`);
    expect(res.status()).toBe(403);
    await context.close();
  });

  it('lets an admin see statuses, mark a board printed and export a street as a ZIP', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'admin', '/staff/signboards');
    const errors = watchErrors(page);
    await page.waitForURL(/\/staff\/signboards/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('公示牌印制管理');
    const row = page.locator('tr[data-code="QH-0001"]');
    expect(await row.getAttribute('data-state')).toBe('never');
    await row.getByRole('button', { name: '标记为已印制' }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('current');
    await expect.poll(() => row.textContent()).toContain('现行');
    await screenshot(page, 'staff-signboards');

    // One street, as a streamed ZIP: a PDF and a PNG per board.
    await page.getByLabel('街道（镇）').selectOption({ index: 1 });
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(/street=\d+/);
    const boards = await page.locator('tbody tr').count();
    const href = await page.getByRole('link', { name: /批量导出/ }).getAttribute('href');
    const res = await context.request.get(`${app.baseUrl}${href}`, { timeout: 110_000 });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/zip');
    expect(Number(res.headers()['x-board-count'])).toBe(boards);
    const zip = await res.body();
    const entries = zip.toString('latin1').match(/PK\x03\x04/g) ?? [];
    expect(entries.length).toBe(boards * 2);
    expect(zip.toString('latin1')).toContain('.pdf');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('district logo', () => {
  it('lets an admin upload a logo that every board then shows, refuses a text file named .png, and remove it again', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'admin', '/staff/signboards');
    const errors = watchErrors(page);
    await page.waitForURL(/\/staff\/signboards/);
    const section = page.getByRole('region', { name: '区徽 / 标志' });
    await expect.poll(() => section.textContent()).toContain('尚未设置区徽');
    const before = await fetch(`${app.baseUrl}/signboards/QH-0001.pdf`);
    const etag = before.headers.get('etag');

    const input = section.getByLabel('上传新区徽');
    await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('这不是一张图片，只是文字。') });
    await section.getByRole('button', { name: '上传区徽' }).click();
    await expect.poll(() => section.getByRole('alert').textContent()).toContain('这不是图片文件');

    const emblem = await sharp(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><circle cx="300" cy="300" r="290" fill="#c62828"/></svg>'),
    )
      .png()
      .toBuffer();
    await input.setInputFiles({ name: '区徽.png', mimeType: 'image/png', buffer: emblem });
    await section.getByRole('button', { name: '上传区徽' }).click();
    await expect.poll(() => section.getByRole('status').first().textContent()).toContain('区徽已更新');
    await expect.poll(() => section.getByRole('img', { name: '当前区徽' }).count()).toBe(1);
    await screenshot(page, 'staff-signboards-logo');

    const after = await fetch(`${app.baseUrl}/signboards/QH-0001.pdf`, { headers: { 'if-none-match': etag! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(Buffer.from(await after.arrayBuffer()).toString('latin1')).toContain('/Subtype /Image');

    // Leave the boards as the other tests expect them.
    await section.getByRole('button', { name: '移除区徽' }).click();
    await expect.poll(() => section.textContent()).toContain('尚未设置区徽');
    const removed = await fetch(`${app.baseUrl}/signboards/QH-0001.pdf`, { headers: { 'if-none-match': etag! } });
    expect(removed.status).toBe(304);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses an SVG without JavaScript too, keeping the form', { timeout: 60_000 }, async () => {
    // Sign in with JavaScript, then carry the session into a browser that has none.
    const withJs = await browser.newContext({ locale: 'zh-CN' });
    await signIn(withJs, 'admin', '/staff/signboards');
    const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false, storageState: await withJs.storageState() });
    await withJs.close();
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/staff/signboards`);
    const section = page.getByRole('region', { name: '区徽 / 标志' });
    await section.getByLabel('上传新区徽').setInputFiles({
      name: 'logo.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
    });
    await section.getByRole('button', { name: '上传区徽' }).click();
    await page.waitForLoadState('load');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('不接受 SVG');
    expect(await section.getByLabel('上传新区徽').count()).toBe(1);
    await context.close();
  });
});

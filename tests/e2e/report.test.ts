/**
 * A citizen scans a board, sends a 随手拍 with a photo, gets a receipt and finds the case on /track —
 * with script and without. The reporter's name and phone then appear on no public page or API.
 */
import fs from 'node:fs';
import sharp from 'sharp';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, phoneForThisFile, screenshot, watchErrors } from './harness';

const app = appUnderTest();
const { browser, phone } = phoneForThisFile();

/** Marker identity: if either string shows up anywhere public, the reporter's privacy leaked. */
const MARKER_NAME = '隐私标记乙丙丁';
const MARKER_PHONE = '13912345678';

let photo: string;
let textAsJpeg: string;
beforeAll(async () => {
  const dir = fs.mkdtempSync('/tmp/lz-e2e-report-');
  photo = `${dir}/IMG_2041.jpg`;
  textAsJpeg = `${dir}/notes.jpg`;
  const big = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 90, g: 110, b: 70 } } })
    .composite([{ input: Buffer.from('<svg width="900" height="600"><rect width="900" height="600" fill="#8d6e63"/></svg>'), left: 800, top: 600 }])
    .jpeg({ quality: 90 })
    .toBuffer();
  fs.writeFileSync(photo, big);
  fs.writeFileSync(textAsJpeg, '这不是照片\n'.repeat(50));
});

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const receipts: { number: string; code: string }[] = [];

describe('随手拍 on a phone, with script', () => {
  it('goes from the QR link to a receipt and on to the tracking page', async () => {
    const page = await phone().newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.baseUrl}/report?segment=QH-0003`, { waitUntil: 'networkidle' });
    expect(await page.locator('h1').textContent()).toBe('随手拍');
    expect(await page.getByText(/问题所在路段：.+（QH-0003）/).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'report-phone');

    // A text file renamed .jpg is refused with its name, and nothing typed is lost.
    await page.locator('#photos').setInputFiles(textAsJpeg);
    await expect.poll(() => page.getByRole('img', { name: '第 1 张照片' }).count()).toBe(1);
    await page.getByRole('radio', { name: '暴露垃圾' }).check();
    await page.getByLabel('问题描述').fill('人行道边堆了好几袋生活垃圾');
    await page.getByRole('textbox', { name: '称呼' }).fill(MARKER_NAME);
    await page.getByRole('textbox', { name: '手机号' }).fill(MARKER_PHONE);
    await page.getByLabel(/我同意/).check();
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.locator('#photos-error').textContent(), { timeout: 30_000 }).toContain('notes.jpg');
    expect(await page.getByLabel('问题描述').inputValue()).toBe('人行道边堆了好几袋生活垃圾');
    expect(await page.getByRole('textbox', { name: '称呼' }).inputValue()).toBe(MARKER_NAME);

    // Swap in a real photo: shrunk in the browser, previewed, sent.
    await page.getByRole('button', { name: '删除第 1 张照片' }).click();
    await page.locator('#photos').setInputFiles(photo);
    await expect.poll(() => page.getByRole('img', { name: '第 1 张照片' }).count()).toBe(1);
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/report\/done\/\d{8}-\d{4}\?code=[A-Z0-9]{6}$/, { timeout: 60_000 });
    const url = new URL(page.url());
    const number = url.pathname.split('/').pop()!;
    const code = url.searchParams.get('code')!;
    receipts.push({ number, code });
    expect(await page.getByRole('heading', { name: /提交成功/ }).count()).toBe(1);
    expect(await page.getByText(number, { exact: true }).count()).toBe(1);
    expect(await page.getByText(code, { exact: true }).count()).toBe(1);
    expect(await page.getByRole('img', { name: '查进度二维码' }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'report-receipt-phone');
    expect(await page.content()).not.toContain(MARKER_PHONE);

    await page.getByRole('link', { name: '查看办理进度' }).click();
    await page.waitForURL(new RegExp(`/track/${number}`));
    await expect.poll(() => page.locator('main').textContent(), { timeout: 30_000 }).toContain('已提交');
    expect(errors.filter((e) => !e.includes('/api/reports'))).toEqual([]);
    await page.close();
  }, 120_000);

  it('keeps the form usable at 200% text size', async () => {
    const page = await phone().newPage();
    await page.goto(`${app.baseUrl}/report?segment=QH-0003`, { waitUntil: 'networkidle' });
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '212.5%';
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const small = await page.locator('main button, main select, main input[type="text"], main input[type="tel"], main label:has(input[type="radio"])').evaluateAll((els) =>
      els.filter((el) => el.getBoundingClientRect().height < 44).map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(small).toEqual([]);
    await screenshot(page, 'report-phone-200pct');
    await page.close();
  });

  it('fills in the nearest segment from 使用我的位置', async () => {
    // A point on QH-0005 (光明大道, 工人村路—园林路) in the demo district.
    const context = await browser().newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', geolocation: { latitude: 30.540727, longitude: 114.308286 }, permissions: ['geolocation'] });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/report`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: /使用我的位置/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已按位置选中最近的路段' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('#segment').inputValue()).toBe('QH-0005');
    expect(await page.locator('input[name="lat"]').inputValue()).toBe('30.540727');
    await context.close();
  }, 60_000);

  it('offers the text of an unsent report again on the next visit', async () => {
    const context = await browser().newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/report`, { waitUntil: 'networkidle' });
    await page.getByLabel('问题描述').fill('路灯一到晚上就闪');
    await page.getByRole('radio', { name: '路灯' }).check();
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByLabel('问题描述').inputValue()).toBe('');
    await page.getByRole('button', { name: '恢复' }).click();
    expect(await page.getByLabel('问题描述').inputValue()).toBe('路灯一到晚上就闪');
    expect(await page.getByRole('radio', { name: '路灯' }).isChecked()).toBe(true);
    await context.close();
  }, 60_000);

  it('tells the reporter when an unknown segment code comes from a link', async () => {
    const page = await phone().newPage();
    const res = await page.goto(`${app.baseUrl}/report?segment=${encodeURIComponent('<b>QH-9999</b>')}`);
    expect(res?.status()).toBe(200);
    expect(await page.getByRole('status').first().textContent()).toContain('没有找到路段');
    expect(await page.locator('#segment').count()).toBe(1);
    await page.close();
  });
});

describe('随手拍 without JavaScript', () => {
  it('posts the plain form, keeps the text on a mistake, and gives the receipt', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/report`);
    await page.locator('#segment').selectOption('QH-0005');
    await page.getByLabel('问题描述').fill('井盖松动，踩上去会响');
    await page.locator('#photos').setInputFiles(photo);
    // No category chosen: the server answers with the form again, the message, and the text kept.
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#category-error').textContent()).toBe('请选择问题类型。');
    expect(await page.getByLabel('问题描述').inputValue()).toBe('井盖松动，踩上去会响');
    expect(await page.locator('#segment').inputValue()).toBe('QH-0005');
    expect(await page.locator('#form-message').textContent()).toContain('照片需要重新选择');

    await page.locator('#categoryMore').selectOption({ label: '污水井盖' }).catch(async () => {
      await page.getByRole('radio', { name: '污水井盖' }).check();
    });
    await page.locator('#photos').setInputFiles(photo);
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/report\/done\//, { timeout: 60_000 });
    expect(await page.getByRole('heading', { name: /提交成功/ }).count()).toBe(1);
    const url = new URL(page.url());
    receipts.push({ number: url.pathname.split('/').pop()!, code: url.searchParams.get('code')! });
    await context.close();
  }, 120_000);
});

describe('privacy', () => {
  it('shows the reporter’s name and phone on no public page or API', async () => {
    expect(receipts.length).toBeGreaterThan(0);
    const { number, code } = receipts[0]!;
    const seen = new Set<string>();
    const queue = [
      '/',
      '/report',
      '/report?segment=QH-0003',
      '/r/QH-0003',
      `/report/done/${number}?code=${code}`,
      `/track/${number}?code=${code}`,
      '/track',
      `/search?q=${encodeURIComponent(MARKER_NAME.slice(0, 4))}`,
      `/search?q=${MARKER_PHONE.slice(0, 7)}`,
      // The public APIs too: Open311 reads in JSON and XML, and the open data files /open-data links to.
      `/open311/requests/${number}.json`,
      `/open311/requests/${number}.xml`,
      '/open311/requests.json',
      '/open311/requests.xml',
      '/open-data',
    ];
    const leaks: string[] = [];
    while (queue.length > 0 && seen.size < 60) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await fetch(`${app.baseUrl}${path}`);
      const body = await res.text();
      for (const marker of [MARKER_NAME, MARKER_PHONE]) if (body.includes(marker)) leaks.push(`${path}: ${marker}`);
      // Follow the public links a visitor could click (not the back office, not files).
      for (const m of body.matchAll(/href="(\/[^"#]*)"/g)) {
        const href = m[1]!.replaceAll('&amp;', '&');
        if (!href.startsWith('/staff') && !href.startsWith('/_next') && !/\.(png|svg|pdf|ico|xlsx)$/.test(href)) queue.push(href);
      }
    }
    expect(seen.size).toBeGreaterThan(8);
    expect(leaks).toEqual([]);
    // Up to 60 pages, most compiled on first visit by next dev: minutes on a busy 2-core machine.
  }, 480_000);
});

describe('the upload API the enhanced form calls', () => {
  it('answers an oversized body with 413 and a Chinese message before reading it', async () => {
    const form = new FormData();
    form.append('photos', new Blob([Buffer.alloc(45 * 1024 * 1024)], { type: 'image/jpeg' }), 'huge.jpg');
    const res = await fetch(`${app.baseUrl}/api/reports`, { method: 'POST', body: form });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, message: expect.stringContaining('MB') });
  });

  it.each([
    ['a broken multipart body', { 'content-type': 'multipart/form-data; boundary=xyz' }, '--xyz\r\nnot a part'],
    ['JSON instead of a form', { 'content-type': 'application/json' }, '{"segment":"QH-0001"}'],
  ])('answers %s with 400, never a 500', async (_name, headers, body) => {
    const res = await fetch(`${app.baseUrl}/api/reports`, { method: 'POST', headers, body });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers a form without a key or proof with a precise refusal and writes nothing', async () => {
    const form = new FormData();
    form.append('segment', 'QH-0001');
    form.append('category', 'S0102');
    const res = await fetch(`${app.baseUrl}/api/reports`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain('刷新页面');
  });
});

/**
 * The closed case loop in a real browser (issue 6): a dispatcher accepts and dispatches a citizen's
 * report; the road chief reports the result with a photo on a phone; the inspector verifies and closes;
 * the citizen's /track page shows 已办结 with the result photo. Also a 退单 and re-dispatch, a reject as
 * duplicate, a stale form, and axe-core on the staff pages. Uses the demo accounts (password luzhang-demo);
 * the demo chief is the first third-level chief of QH-0001.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, desktopContext, launchBrowser, phoneContext, screenshot, signIn, watchErrors } from './harness';

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
  const c = await desktopContext(browser);
  contexts.push(c);
  return c;
}
async function phone(): Promise<BrowserContext> {
  const c = await phoneContext(browser);
  contexts.push(c);
  return c;
}

const form = (page: Page, action: string) => page.locator(`form[data-action="${action}"]`);
const status = (page: Page) => page.getByTestId('case-status').textContent();

/** Opens the first case of an inbox tab that has not been used yet, returns its page path and number. */
async function openFirstCase(page: Page, tab: string, skip: string[] = []): Promise<{ path: string; number: string }> {
  await page.goto(`${app.baseUrl}/staff/cases?status=${tab}&sort=oldest`);
  const links = page.locator('table tbody td a[href^="/staff/cases/"]');
  const count = await links.count();
  for (let i = 0; i < count; i++) {
    const number = (await links.nth(i).textContent())!.trim();
    if (skip.includes(number)) continue;
    const path = (await links.nth(i).getAttribute('href'))!;
    await page.goto(`${app.baseUrl}${path}`);
    return { path, number };
  }
  throw new Error(`no ${tab} case left`);
}

/** 受理 with the segment corrected to QH-0001 (so the demo chief answers for it), then 派遣 to its third-level chief. */
async function acceptAndDispatchToChief(page: Page) {
  await form(page, 'accept').getByLabel('路段编号').fill('QH-0001');
  await form(page, 'accept').getByRole('button', { name: '受理' }).click();
  await expect.poll(() => status(page)).toBe('已受理');
  const assignee = form(page, 'dispatch').getByLabel('派遣给');
  const chief = await assignee.locator('optgroup[label="本路段路长"] option').first().getAttribute('value');
  await assignee.selectOption(chief!);
  await form(page, 'dispatch').getByRole('button', { name: '派遣' }).click();
  await expect.poll(() => status(page)).toBe('已派遣');
}

async function jpeg(color: string): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
}

const used: string[] = [];
let master: { path: string; number: string; code: string };

describe('the closed loop', () => {
  it('a dispatcher accepts and dispatches a citizen report to the road chief', async () => {
    const page = await signIn(await desktop(), 'dispatcher', '/staff/cases');
    const errors = watchErrors(page);
    // The tab shows its count and the page its cases.
    expect(await page.getByRole('link', { name: /待受理/ }).textContent()).toMatch(/\d+/);
    await page.getByLabel('来源').selectOption('citizen');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/source=citizen/);
    const first = page.locator('table tbody td a[href^="/staff/cases/"]').first();
    const path = (await first.getAttribute('href'))!;
    const number = (await first.textContent())!.trim();
    await page.goto(`${app.baseUrl}${path}`);
    expect(await page.locator('h1').textContent()).toBe(`案件 ${number}`);
    expect(await page.getByRole('region', { name: '办理过程' }).getByText('公开').count()).toBeGreaterThan(0);
    await acceptAndDispatchToChief(page);
    const code = (await page.getByTestId('lookup-code').textContent())!.trim();
    master = { path, number, code };
    used.push(number);
    await screenshot(page, 'staff-case-dispatched');
    expect(errors).toEqual([]);
  });

  it('the road chief reports the result with a photo on a phone', async () => {
    const page = await signIn(await phone(), 'chief', '/staff/todo');
    const errors = watchErrors(page);
    const card = page.locator(`li[data-case="${master.number}"]`);
    await expect.poll(() => card.count()).toBe(1);
    await card.getByText('处置反馈（拍照上传）').click();
    const report = card.locator('form[data-action="report_result"]');
    await report.getByLabel('处置后照片（必填，可拍照）').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#3a7d44') });
    await report.getByLabel('处置情况').fill('已清理完毕，恢复整洁。');
    await screenshot(page, 'staff-todo-phone');
    await report.getByRole('button', { name: '处置反馈' }).click();
    await expect.poll(() => page.locator(`li[data-case="${master.number}"]`).count(), { timeout: 30_000 }).toBe(0);
    // Nothing on the phone page is too small to tap or wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });

  it('the inspector verifies and closes it', async () => {
    const page = await signIn(await desktop(), 'inspector', '/staff/cases');
    await page.goto(`${app.baseUrl}${master.path}`);
    expect(await status(page)).toBe('已处置');
    expect(await page.getByRole('region', { name: '照片' }).getByAltText('处置后照片').count()).toBe(1);
    await form(page, 'verify_pass').getByRole('button', { name: '核查通过' }).click();
    await expect.poll(() => status(page)).toBe('已结案');
  });

  it("the citizen's /track page shows 已办结 with the result photo", async () => {
    const page = await (await phone()).newPage();
    await page.goto(`${app.baseUrl}/track/${master.number}?code=${master.code}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('办理进度：已办结');
    const after = page.locator('section[aria-labelledby="case-photos"] img[alt^="处理后的照片"]');
    expect(await after.count()).toBe(1);
    await after.first().scrollIntoViewIfNeeded();
    await expect.poll(() => after.first().evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 30_000 }).toBeGreaterThan(0);
  });
});

describe('公开 (issues 8, 9)', () => {
  it('a dispatcher marks the closed case public after a confirmation; Open311 then shows its description and result photo, never the reporter', async () => {
    const page = await signIn(await desktop(), 'dispatcher', master.path);
    const errors = watchErrors(page);
    const before = await (await fetch(`${app.baseUrl}/open311/requests/${master.number}.json`)).json();
    expect(before[0]).toMatchObject({ description: null, media_url: null });

    const pub = form(page, 'public');
    expect(await pub.textContent()).toContain('始终不公开：反映人姓名和电话');
    expect(await pub.getByAltText('将公开的处置后照片').count()).toBe(1);
    const description = (await pub.getByTestId('public-preview').locator('p').first().textContent())!.replace('问题描述：', '');
    await screenshot(page, 'staff-case-public');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await pub.getByLabel(/我已核对/).check();
    await pub.getByRole('button', { name: '确认公开' }).click();
    await expect.poll(() => page.getByTestId('case-public').count()).toBe(1);
    expect(await form(page, 'public').getByRole('status').textContent()).toContain('已公开');
    expect(await page.getByRole('region', { name: '办理过程' }).getByText('标记公开').count()).toBe(1);

    const res = await fetch(`${app.baseUrl}/open311/requests/${master.number}.json`);
    const text = await res.text();
    const [request] = JSON.parse(text) as { description: string; media_url: string }[];
    expect(request!.description).toBe(description);
    expect(text).not.toContain(master.code);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    const photo = await fetch(request!.media_url);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(errors).toEqual([]);
  });
});

describe('退单, re-dispatch, duplicates and stale forms', () => {
  it('the chief returns a case with a reason and the dispatcher re-dispatches it to a department', async () => {
    const dispatcher = await signIn(await desktop(), 'dispatcher', '/staff/cases');
    const c = await openFirstCase(dispatcher, 'submitted', used);
    used.push(c.number);
    await acceptAndDispatchToChief(dispatcher);

    const chief = await signIn(await phone(), 'chief', '/staff/todo');
    const card = chief.locator(`li[data-case="${c.number}"]`);
    await card.getByText('退单（不属于我处置）').click();
    const back = card.locator('form[data-action="return"]');
    await back.getByLabel('退单原因').fill('该处为燃气管道问题，不属于路段处置范围。');
    await back.getByLabel('建议处置单位（选填）').fill('区燃气办');
    await back.getByRole('button', { name: '退单' }).click();
    await expect.poll(() => chief.locator(`li[data-case="${c.number}"]`).count(), { timeout: 30_000 }).toBe(0);

    await dispatcher.reload();
    expect(await status(dispatcher)).toBe('已退单');
    expect(await dispatcher.getByRole('region', { name: '办理过程' }).getByText('该处为燃气管道问题').count()).toBe(1);
    const assignee = form(dispatcher, 'dispatch').getByLabel('派遣给');
    const dept = await assignee.locator('optgroup[label="职能部门"] option').first().getAttribute('value');
    await assignee.selectOption(dept!);
    await form(dispatcher, 'dispatch').getByRole('button', { name: '派遣' }).click();
    await expect.poll(() => status(dispatcher)).toBe('已派遣');
  });

  it('a dispatcher rejects a report as a duplicate of the closed case: it names its master', async () => {
    const page = await signIn(await desktop(), 'dispatcher', '/staff/cases');
    const c = await openFirstCase(page, 'submitted', used);
    used.push(c.number);
    const reject = form(page, 'reject');
    await reject.getByLabel('重复反映（合并到主案件）').check();
    await reject.getByLabel('主案件编号（重复反映时填写）').fill(master.number);
    await reject.getByRole('button', { name: '作废' }).click();
    await expect.poll(() => status(page)).toBe('已作废');
    expect(await page.getByRole('note').first().textContent()).toContain(master.number);
  });

  it('a stale form is refused with the reason, and what was typed is kept', async () => {
    const context = await desktop();
    const first = await signIn(context, 'dispatcher', '/staff/cases');
    const c = await openFirstCase(first, 'submitted', used);
    used.push(c.number);
    const second = await context.newPage();
    await second.goto(`${app.baseUrl}${c.path}`);
    await form(first, 'accept').getByRole('button', { name: '受理' }).click();
    await expect.poll(() => status(first)).toBe('已受理');
    await form(second, 'comment').getByLabel('备注内容').fill('已电话联系反映人核实。');
    await form(second, 'comment').getByRole('button', { name: '备注' }).click();
    await expect.poll(() => form(second, 'comment').locator('[role="alert"]').textContent()).toContain('刚被其他人处理过');
    expect(await form(second, 'comment').getByLabel('备注内容').inputValue()).toBe('已电话联系反映人核实。');
  });

  it('bulk 受理 reports how many went through', async () => {
    const page = await signIn(await desktop(), 'dispatcher', '/staff/cases');
    await page.goto(`${app.baseUrl}/staff/cases?status=submitted&sort=newest`);
    const boxes = page.locator('input[name="pick"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: '批量受理' }).click();
    await expect.poll(() => page.locator('form[aria-label="案件列表与批量操作"] [role="status"], form[aria-label="案件列表与批量操作"] [role="alert"]').first().textContent()).toMatch(
      /批量受理：成功 2 件/,
    );
  });
});

describe('accessibility of the staff pages', () => {
  it.each([
    ['dispatcher', '/staff'],
    ['dispatcher', '/staff/cases'],
    ['dispatcher', '/staff/cases/new'],
    ['chief', '/staff/todo'],
  ])('%s: %s has no axe violations', async (user, path) => {
    const page = await signIn(await desktop(), user, path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('the case page has no axe violations', async () => {
    const page = await signIn(await desktop(), 'dispatcher', '/staff/cases');
    await openFirstCase(page, 'submitted', used);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

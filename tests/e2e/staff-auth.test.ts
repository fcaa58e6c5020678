/**
 * Staff sign-in end to end: signing in and out, a signed-out token that no longer works, an account
 * disabled (or forced out) while its owner is signed in, the password page's refusals, and the audit
 * page. The forced change of an initial password happens only outside demo mode, which this app is not
 * in: tests/integration/staff-auth.test.ts covers it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, desktopContext, launchBrowser, screenshot, signIn, watchErrors } from './harness';

const app = appUnderTest();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const desktop = () => desktopContext(browser);

/** Whether the context's cookies still open the staff home (true) or end on the login page (false). */
async function stillSignedIn(context: BrowserContext): Promise<boolean> {
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/staff`);
  await page.waitForLoadState('domcontentloaded');
  const signedIn = !new URL(page.url()).pathname.startsWith('/staff/login');
  await page.close();
  return signedIn;
}

/** As an admin on /staff/users, presses the button named `label` (e.g. '停用 publicity') and returns the message shown. */
async function adminPresses(admin: Page, label: string): Promise<string> {
  await admin.goto(`${app.baseUrl}/staff/users`);
  const button = admin.getByRole('button', { name: label, exact: true });
  // The row by its account, not by the button: pressing 停用 turns the button into 启用.
  const row = admin.locator('tr', { has: button });
  const username = label.split(' ')[1]!;
  const account = admin.locator('tr').filter({ has: admin.locator('th[scope="row"] span', { hasText: new RegExp(`^${username}( ·|$)`) }) });
  expect(await row.count()).toBe(1);
  await button.click();
  await expect.poll(() => account.locator('[role="status"], [role="alert"]').count()).toBe(1);
  return (await account.locator('[role="status"], [role="alert"]').textContent()) ?? '';
}

describe('sign-in and sign-out', () => {
  it('signs in, shows the staff home, and signing out ends the session on the server too', async () => {
    const context = await desktop();
    const page = await signIn(context, 'dispatcher');
    const errors = watchErrors(page);
    await expect.poll(() => page.locator('h1').textContent()).toContain('你好');
    // The menu is the signed-in account's, straight after signing in: a dispatcher sees 基础数据, not 公示牌印制.
    const menu = page.getByRole('navigation', { name: '工作台栏目' });
    await expect.poll(() => menu.getByRole('link', { name: '基础数据' }).count()).toBe(1);
    expect(await menu.getByRole('link', { name: '公示牌印制' }).count()).toBe(0);
    const token = await context.cookies();
    expect(token.some((c) => c.name.endsWith('next-auth.session-token'))).toBe(true);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/staff\/login/);
    expect(await stillSignedIn(context)).toBe(false);

    // The token as it was before signing out, replayed in a fresh browser: refused, because its session row is revoked.
    const replay = await browser.newContext({ locale: 'zh-CN' });
    await replay.addCookies(token);
    expect(await stillSignedIn(replay)).toBe(false);
    await replay.close();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('sessions of an account changed by an admin', () => {
  it('disabling an account signs it out at once; it cannot sign in again until enabled', async () => {
    const user = await desktop();
    await signIn(user, 'publicity');
    expect(await stillSignedIn(user)).toBe(true);
    const adminContext = await desktop();
    const admin = await signIn(adminContext, 'admin', '/staff/users');
    try {
      expect(await adminPresses(admin, '停用 publicity')).toMatch(/已停用 .*（publicity），其 \d+ 个登录会话已失效。/);
      await screenshot(admin, 'staff-users-desktop');
      expect(await stillSignedIn(user)).toBe(false);

      const again = await signIn(user, 'publicity', '/staff', { wait: false });
      await expect.poll(() => again.locator('form [role="alert"]').textContent()).toContain('用户名或密码不正确');
    } finally {
      // Other test files sign in as publicity.
      expect(await adminPresses(admin, '启用 publicity')).toContain('已启用');
    }
    await signIn(user, 'publicity');
    expect(await stillSignedIn(user)).toBe(true);
    await user.close();
    await adminContext.close();
  });

  it('强制下线 ends every session of an account, and the admin cannot disable themself', async () => {
    const user = await desktop();
    await signIn(user, 'inspector');
    const adminContext = await desktop();
    const admin = await signIn(adminContext, 'admin', '/staff/users');
    expect(await adminPresses(admin, '强制下线 inspector')).toMatch(/已让 .*（inspector）的 \d+ 个会话下线。/);
    expect(await stillSignedIn(user)).toBe(false);
    expect(await admin.getByRole('button', { name: '停用 admin', exact: true }).count()).toBe(0);
    await user.close();
    await adminContext.close();
  });

  it('refuses the users page to a dispatcher with the 403 page', async () => {
    const context = await desktop();
    const page = await signIn(context, 'dispatcher');
    await page.goto(`${app.baseUrl}/staff/users`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('无权访问');
    await page.goto(`${app.baseUrl}/staff/audit`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('无权访问');
    await context.close();
  });
});

describe('password page', () => {
  it('refuses a wrong current password and a short new one in Chinese, keeping what was typed', async () => {
    const context = await desktop();
    const page = await signIn(context, 'chief', '/staff/password');
    await page.getByLabel('当前密码').fill('not-my-password');
    await page.getByLabel('新密码', { exact: true }).fill('another-password');
    await page.getByLabel('再次输入新密码').fill('another-password');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => page.locator('main [role="alert"]').textContent()).toBe('当前密码不正确。');
    expect(await page.getByLabel('新密码', { exact: true }).inputValue()).toBe('another-password');

    await page.getByLabel('当前密码').fill('luzhang-demo');
    await page.getByLabel('再次输入新密码').fill('another-passworx');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => page.locator('main [role="alert"]').textContent()).toBe('两次输入的新密码不一致。');
    expect(await page.getByLabel('当前密码').inputValue()).toBe('luzhang-demo');
    await screenshot(page, 'staff-password-desktop');
    await context.close();
  });
});

describe('audit page', () => {
  it('lists sign-ins with who and when, filters by action, and explains a bad date', async () => {
    const context = await desktop();
    const page = await signIn(context, 'admin', '/staff/audit');
    await page.getByLabel('操作（编码开头，如 auth.）').fill('auth.login');
    await page.getByLabel('操作人（用户名开头）').fill('admin');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/action=auth\.login/);
    const rows = page.locator('tbody tr:has(td)');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.first().textContent()).toContain('admin');
    expect(await page.getByLabel('操作人（用户名开头）').inputValue()).toBe('admin');
    await screenshot(page, 'staff-audit-desktop');

    await page.goto(`${app.baseUrl}/staff/audit?from=2026-02-30`);
    await expect.poll(() => page.locator('main [role="alert"]').textContent()).toContain('开始日期不是有效的日期');
    await context.close();
  });
});

/**
 * A merchant scans the QR on its 责任牌 (issue 7): the black list leads to its page, which shows its standing and
 * the reason in words; a wrong code is refused precisely; with the 责任书编号 it files an appeal with a photo; an
 * inspector upholds it and the merchant's page shows the decision and the flag removed. Demo accounts, password
 * luzhang-demo. (Written without being run: the lead runs the e2e project.)
 */
import { AxeBuilder } from '@axe-core/playwright';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { appUnderTest, contextsForThisFile, screenshot, signIn, watchErrors } from './harness';

const app = appUnderTest();
const { phone, desktop } = contextsForThisFile();

let merchantPath = '';

describe('a merchant and its 门前三包 standing', () => {
  it('the black list puts accountable merchants first with the reason, and links to the merchant page', async () => {
    const page = await (await phone()).newPage();
    const errors = watchErrors(page);
    const response = await page.goto(`${app.baseUrl}/lists/black`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('门前三包黑旗榜');
    const entries = page.locator('section[aria-labelledby="entries-title"] li');
    expect(await entries.count()).toBeGreaterThan(0);
    expect(await entries.first().textContent()).toContain('已被问责');
    // A black-flag merchant that is not accountable (so its appeal changes what the page says).
    const link = page.locator('section[aria-labelledby="entries-title"] li a[href^="/m/"]', { hasNotText: '已被问责' }).first();
    merchantPath = (await link.getAttribute('href'))!;
    expect(merchantPath).toMatch(/^\/m\/QH-M\d+$/);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the merchant page shows this month, a 12-month strip and the standing in words', async () => {
    const page = await (await phone()).newPage();
    const errors = watchErrors(page);
    expect((await page.goto(`${app.baseUrl}${merchantPath}`, { waitUntil: 'networkidle' }))?.status()).toBe(200);
    const standing = page.locator('section[aria-labelledby="standing-title"]');
    expect(await standing.locator('ol[aria-label="近 12 个月评比"] li').count()).toBe(12);
    expect(await standing.textContent()).toMatch(/本年度黑旗 \d+ 面/);
    expect(await standing.textContent()).toContain('下一步怎么做');
    expect(await page.locator('section[aria-labelledby="chiefs-title"] a[href^="tel:"]').count()).toBeGreaterThan(0);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await screenshot(page, 'merchant-phone');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a wrong code is refused in words and what was typed stays', async () => {
    const page = await (await phone()).newPage();
    await page.goto(`${app.baseUrl}${merchantPath}`, { waitUntil: 'networkidle' });
    await page.getByLabel('责任书编号或统一社会信用代码').fill('ZZZZ-ZZZZ');
    await page.getByLabel('申诉理由').fill('当天门前是施工单位临时堆放的材料，不是本店的。');
    await page.getByRole('button', { name: '提交申诉' }).click();
    await page.getByRole('alert').filter({ hasText: '责任书编号与本商户不符' }).first().waitFor();
    expect(await page.getByLabel('申诉理由').inputValue()).toBe('当天门前是施工单位临时堆放的材料，不是本店的。');
    await page.close();
  });

  it('with the 责任书编号 the merchant files an appeal; the inspector upholds it; the page shows the decision', async () => {
    const code = merchantPath.slice(3);
    const staff = await signIn(await desktop(), 'inspector', '/staff/appeals');
    await staff.goto(`${app.baseUrl}/staff/appeals?merchant=${code}`);
    const agreement = (await staff.locator('section[aria-labelledby="agreement-title"] .font-mono').textContent())!.trim();
    expect(agreement).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    const page = await (await phone()).newPage();
    await page.goto(`${app.baseUrl}${merchantPath}`, { waitUntil: 'networkidle' });
    await page.getByLabel('责任书编号或统一社会信用代码').fill(agreement.toLowerCase());
    await page.getByLabel('申诉理由').fill('当天门前是施工单位临时堆放的材料，已协调清走，附照片。');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#8a9' } }).jpeg().toBuffer();
    await page.getByLabel(/照片/).setInputFiles({ name: 'front.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: '提交申诉' }).click();
    await page.waitForURL((u) => u.searchParams.get('appeal') === 'filed');
    expect(await page.getByRole('status').textContent()).toContain('申诉已提交');
    expect(await page.locator('#appeals').textContent()).toContain('待处理');

    await staff.goto(`${app.baseUrl}/staff/appeals`, { waitUntil: 'networkidle' });
    const item = staff.locator('li', { hasText: code }).first();
    expect(await item.locator('img').count()).toBe(1);
    await item.getByLabel(/处理意见/).fill('核实为施工材料，撤销黑旗。');
    await item.getByRole('button', { name: '申诉成立，撤销黑旗' }).click();
    await item.getByRole('status').waitFor();

    // The decision is shown once the tagged cache entry is refreshed (poll: revalidation is stale-while-revalidate).
    for (let i = 0; i < 20; i++) {
      await page.goto(`${app.baseUrl}${merchantPath}`, { waitUntil: 'networkidle' });
      if ((await page.locator('#appeals').textContent())?.includes('申诉成立')) break;
    }
    expect(await page.locator('#appeals').textContent()).toContain('核实为施工材料，撤销黑旗。');
    expect(await page.locator('section[aria-labelledby="standing-title"]').textContent()).toContain('已因申诉撤销');
  }, 300_000); // staff sign-in, an upload, a decision and up to 20 reloads, under next dev's first-visit compiles
});

/**
 * 曝光台 in a real browser (issue 8), as a publicity officer would: a closed case becomes a draft, the photo
 * gets a mask drawn on it, an admin (the second person) publishes it, the public page, feed and share card
 * show it, a phone 点赞s once, and withdrawing it answers 410 and drops it from the feed. Demo accounts
 * (password luzhang-demo). Written without being run here (the lead runs e2e).
 */
import { describe, expect, it } from 'vitest';
import { appUnderTest, contextsForThisFile, screenshot, signIn, watchErrors } from './harness';

const app = appUnderTest();
const { phone, desktop } = contextsForThisFile();

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
    await page.waitForURL(/\/staff\/publications\/\d+/, { timeout: 60_000 });
    const editUrl = page.url();
    // Not getByLabel('标题'): the 正文 label's help text mentions 小标题; the title's label grows its error text.
    const title = page.getByRole('textbox', { name: /^标题/ });
    await title.fill('<b>中山路</b>占道');
    await page.getByRole('button', { name: '保存草稿' }).click();
    // The title's own error (the body's help text also mentions 网页代码, so look for the error itself).
    await expect.poll(() => page.getByText('标题里不能有网页代码').count()).toBeGreaterThan(0);
    await title.fill('中山路占道经营 限期整改');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已保存' }).count()).toBeGreaterThan(0);

    // Draw one rectangle on each photo still 未处理 and save it. The URL already carries ok= (from 建立草稿), so
    // wait for the number of unprocessed photos to drop rather than for the URL.
    const unprocessed = () => page.getByText('未处理', { exact: true }).count();
    expect(await unprocessed()).toBeGreaterThan(0);
    while ((await unprocessed()) > 0) {
      const left = await unprocessed();
      const item = page.locator('li').filter({ has: page.getByText('未处理', { exact: true }) }).first();
      const img = item.getByAltText('待处理的原图');
      await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      // The photos sit below the fold: mouse events outside the viewport reach nothing.
      await img.scrollIntoViewIfNeeded();
      const box = (await img.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 5 });
      await page.mouse.up();
      await expect.poll(() => item.locator('input[name="w0"]').inputValue().then(Number)).toBeGreaterThan(0);
      await item.getByRole('button', { name: '保存遮挡' }).click();
      await expect.poll(unprocessed).toBe(left - 1);
    }
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已遮挡 1 处' }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已提交审核' }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '审核通过并发布' }).click();
    // Next's route announcer is an alert too: look for the refusal among them.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '第二个人' }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);

    const admin = await signIn(await desktop(), 'admin', new URL(editUrl).pathname);
    await admin.getByRole('button', { name: '审核通过并发布' }).click();
    await admin.waitForURL(/ok=/, { timeout: 60_000 });
    entryPath = (await admin.getByRole('link', { name: /^\/exposure\/\d+$/ }).textContent())!;
    await screenshot(admin, 'publicity-published');
  }, 300_000);

  it('shows the entry publicly with masked photos only, in the feed, with a share card; 点赞 counts once per phone', async () => {
    const page = await (await phone()).newPage();
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
    await admin.waitForURL(/ok=/, { timeout: 60_000 });
    const res = await admin.request.get(app.baseUrl + entryPath);
    expect(res.status()).toBe(410);
    expect(await res.text()).toContain('已撤下');
    expect(await (await admin.request.get(`${app.baseUrl}/exposure/feed.xml`)).text()).not.toContain(entryPath);
    expect(await (await admin.request.get(`${app.baseUrl}/exposure`)).text()).not.toContain(`href="${entryPath}"`);
  });
});

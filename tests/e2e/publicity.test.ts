/**
 * 曝光台 in a real browser (issue 8), as a publicity officer would: a closed case becomes a draft, the photo
 * gets a mask drawn on it, an admin (the second person) publishes it, the public page, feed and share card
 * show it, a phone 点赞s once, and withdrawing it answers 410 and drops it from the feed. Demo accounts
 * (password luzhang-demo). Then the public pages as production serves them, without the React runtime: each
 * journey runs with JavaScript off, so what works here is what a phone gets.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { appUnderTest, contextsForThisFile, screenshot, signIn, watchErrors } from './harness';

const app = appUnderTest();
const { phone, desktop } = contextsForThisFile();

describe('a closed case to a masked, published 曝光台 entry and back down', () => {
  let entryPath = '';

  it('creates, masks, submits; the editor is not offered publishing their own entry; an admin publishes it', async () => {
    const page = await signIn(await desktop(), 'publicity', '/staff/publications');
    const errors = watchErrors(page);
    // A number that does not exist is refused in words, and what was typed stays in the box.
    await page.getByRole('combobox', { name: '编号' }).fill('20990101-9999');
    await page.getByRole('button', { name: '建立草稿' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '找不到案件编号「20990101-9999」' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('combobox', { name: '编号' }).inputValue()).toBe('20990101-9999');
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

    // Not before the photos went through the privacy tool: in review the tool is closed.
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '隐私处理' }).count()).toBeGreaterThan(0);

    // A refused 保存遮挡 comes back with the rows as typed.
    const first = () => page.locator('li').filter({ has: page.getByText('未处理', { exact: true }) }).first();
    for (const [k, v] of [['x', '99999'], ['y', '10'], ['w', '10'], ['h', '10']]) await first().getByLabel(`第 1 个框 ${k}`, { exact: true }).fill(v!);
    await first().getByRole('button', { name: '保存遮挡' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '超出了照片范围' }).count()).toBeGreaterThan(0);
    await expect.poll(() => first().getByLabel('第 1 个框 x', { exact: true }).inputValue()).toBe('99999');
    await first().getByRole('button', { name: '删除', exact: true }).click();

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
    // The saved rectangle is filled in again, so saving the photo once more keeps it masked.
    const processed = page.locator('li').filter({ has: page.getByText('已处理', { exact: true }) }).first();
    expect(Number(await processed.locator('input[name="w0"]').inputValue())).toBeGreaterThan(0);
    await expect.poll(() => processed.getByText(/上次保存的 1 个框/).count()).toBe(1);
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已提交审核' }).count()).toBeGreaterThan(0);
    // The staff home shows the entry waiting for review, linking to that tab of the list.
    const home = await page.context().newPage();
    await home.goto(`${app.baseUrl}/staff`);
    await expect.poll(() => home.getByTestId('dash-publications-review').textContent(), { timeout: 60_000 }).toMatch(/^[1-9]\d*$/);
    expect(await home.getByRole('link', { name: /待审核/ }).getAttribute('href')).toBe('/staff/publications?status=review');
    await screenshot(home, 'staff-home-publicity');
    await home.close();
    // The editor is not offered publishing their own entry (the server refuses it too: integration tests).
    await expect.poll(() => page.getByRole('button', { name: '审核通过并发布' }).isDisabled()).toBe(true);
    expect(await page.getByText('须由另一位同事操作').count()).toBe(1);
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

  it('withdrawing answers 410 with a short notice (its share card too) and drops the entry from the list and feed', async () => {
    const id = entryPath.split('/').pop();
    const admin = await signIn(await desktop(), 'admin', `/staff/publications/${id}`);
    await admin.getByLabel('撤下原因').fill('当事商户已整改');
    await admin.getByRole('button', { name: '撤下' }).click();
    await admin.waitForURL(/ok=/, { timeout: 60_000 });
    const res = await admin.request.get(app.baseUrl + entryPath);
    expect(res.status()).toBe(410);
    expect(await res.text()).toContain('已撤下');
    expect((await admin.request.get(`${app.baseUrl}${entryPath}/card.png`)).status()).toBe(410);
    expect(await (await admin.request.get(`${app.baseUrl}/exposure/feed.xml`)).text()).not.toContain(entryPath);
    expect(await (await admin.request.get(`${app.baseUrl}/exposure`)).text()).not.toContain(`href="${entryPath}"`);
  });
});

describe('the public 曝光台 and 点赞榜 with JavaScript off (production sends these pages without the React runtime)', () => {
  const numberIn = async (text: Promise<string | null>) => Number((await text)!.replace(/\D/g, ''));

  it('lists by street, opens an entry with its share card, and answers a missing entry with a 404 in Chinese', async () => {
    const page = await (await phone({ javaScriptEnabled: false })).newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.baseUrl}/praise`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('点赞榜');
    const street = page.getByRole('combobox', { name: '街道' });
    const option = street.locator('option').nth(1);
    const name = (await option.textContent())!;
    await street.selectOption((await option.getAttribute('value'))!);
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/[?&]street=\d+/);
    const cards = page.locator('article');
    expect(await cards.count()).toBeGreaterThan(0);
    for (const text of await cards.allTextContents()) expect(text).toContain(name);
    // The form keeps the chosen street.
    expect(await street.inputValue()).toBe(await option.getAttribute('value'));

    await cards.first().getByRole('link').click();
    await page.waitForURL(/\/praise\/\d+$/);
    expect((await page.getByRole('heading', { level: 1 }).textContent())!.length).toBeGreaterThan(0);
    const og = await page.locator('meta[property="og:image"]').getAttribute('content');
    expect(og).toMatch(/\/praise\/\d+\/card\.png$/);
    const card = await page.request.get(og!);
    expect(card.headers()['content-type']).toBe('image/png');
    expect(errors).toEqual([]);

    const missing = await page.goto(`${app.baseUrl}/praise/999999`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('找不到这条内容');
    expect((await page.goto(`${app.baseUrl}/praise/abc`))?.status()).toBe(404);
  });

  it('点赞 posts as a plain form: the entry comes back with the count up by one, and a second tap from the phone counts nothing', async () => {
    const page = await (await phone({ javaScriptEnabled: false })).newPage();
    await page.goto(`${app.baseUrl}/exposure`);
    await page.locator('article a').first().click();
    await page.waitForURL(/\/exposure\/\d+$/);
    const like = page.getByRole('button', { name: /点赞/ });
    const before = await numberIn(like.textContent());
    await like.click();
    await page.waitForURL(/like=done/);
    expect(await page.getByRole('status').textContent()).toBe('已点赞，谢谢！');
    expect(await numberIn(like.textContent())).toBe(before + 1);
    await like.click();
    await page.waitForURL(/like=again/);
    expect(await page.getByRole('status').textContent()).toContain('已经点过');
    expect(await numberIn(like.textContent())).toBe(before + 1);
    await screenshot(page, 'publicity-like-without-script');
  });

  it('refuses a 点赞 from another site and a made-up entry with a Chinese message, never a 500', async () => {
    const page = await (await phone()).newPage();
    const json = { Accept: 'application/json' };
    const crossSite = await page.request.post(`${app.baseUrl}/api/publications/1/like`, { headers: { ...json, Origin: 'https://evil.example' } });
    expect(crossSite.status()).toBe(403);
    expect((await crossSite.json()).message).toContain('本站');
    for (const [id, status] of [['abc', 400], ['0', 400], ['99999999999', 400], ['999999', 404]] as const) {
      const res = await page.request.post(`${app.baseUrl}/api/publications/${id}/like`, { headers: json });
      expect(res.status(), id).toBe(status);
      expect((await res.json()).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each(['/exposure', '/praise', '/exposure/1'])('%s passes axe WCAG 2 A/AA and does not overflow sideways at double text size', async (path) => {
    // axe runs as a script in the page; the markup is the same with script on.
    const page = await (await phone()).newPage();
    await page.goto(app.baseUrl + path);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '212.5%';
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, `publicity${path.replaceAll('/', '-')}-200pct`);
  });
});

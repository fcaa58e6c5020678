/**
 * Open311 as a third-party app drives it (issue 9): an admin issues an API key in the back office; the app,
 * with nothing but fetch, reads discovery and services, files a report with a photo (multipart `media`),
 * follows it with GET in JSON and XML, and gets the spec's errors for bad input and a revoked key.
 * Closing the case through the state machine and seeing `closed` is covered in tests/integration/open311.test.ts.
 */
import sharp from 'sharp';
import { XMLParser } from 'fast-xml-parser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, desktopContext, launchBrowser, signIn } from './harness';

const app = appUnderTest();
let browser: Browser;
let admin: BrowserContext;
let keysPage: Page;
let apiKey: string;
let requestId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await desktopContext(browser);
});
afterAll(async () => {
  await admin?.close();
  await browser?.close();
});

const api = (path: string) => `${app.baseUrl}/open311/${path}`;

describe('a third-party app on Open311', () => {
  it('an admin issues a key on /staff/api-keys and sees it once', async () => {
    keysPage = await signIn(admin, 'admin', '/staff/api-keys');
    await keysPage.getByLabel('使用方名称').fill('第三方测试应用');
    await keysPage.getByRole('button', { name: '签发' }).click();
    const key = keysPage.getByLabel('新密钥');
    await expect.poll(() => key.count(), { timeout: 30_000 }).toBe(1);
    apiKey = (await key.textContent())!.trim();
    expect(apiKey).toMatch(/^lz_[A-Za-z0-9_-]{32}$/);
    await keysPage.reload();
    expect(await keysPage.getByText(apiKey).count()).toBe(0);
    expect(await keysPage.getByText(`${apiKey.slice(0, 10)}…`).count()).toBe(1);
  });

  it('reads discovery and services with the spec content types', async () => {
    const d = await fetch(api('discovery.json'), { signal: AbortSignal.timeout(60_000) });
    expect(d.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await d.json()) as { endpoints: { url: string }[] }).endpoints[0]!.url).toBe(`${app.baseUrl}/open311`);
    const s = await fetch(api('services.xml'), { signal: AbortSignal.timeout(60_000) });
    expect(s.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const parsed = new XMLParser({ isArray: (n) => n === 'service' }).parse(await s.text()) as { services: { service: { service_code: string }[] } };
    expect(parsed.services.service.map((x) => x.service_code)).toContain('S0201');
    const def = await fetch(api('services/S0201.json'), { signal: AbortSignal.timeout(60_000) });
    expect(((await def.json()) as { attributes: { code: string }[] }).attributes.map((a) => a.code)).toContain('segment');
  });

  it('files a report with a photo and follows it with GET', async () => {
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#6d8b74' } }).jpeg().toBuffer();
    const body = new FormData();
    body.set('api_key', apiKey);
    body.set('service_code', 'S0201');
    body.set('attribute[segment]', 'QH-0001');
    body.set('description', '路灯杆上贴满小广告 & 涂鸦');
    body.set('media', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'IMG_0001.jpg');
    const res = await fetch(api('requests.json'), { method: 'POST', body, headers: { 'Idempotency-Key': 'e2e-open311-0000000001' }, signal: AbortSignal.timeout(60_000) });
    expect(res.status).toBe(201);
    const [created] = (await res.json()) as { service_request_id: string; service_notice: string }[];
    requestId = created!.service_request_id;
    expect(requestId).toMatch(/^\d{8}-\d{4,}$/);

    const again = await fetch(api('requests.json'), { method: 'POST', body, headers: { 'Idempotency-Key': 'e2e-open311-0000000001' }, signal: AbortSignal.timeout(60_000) });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { service_request_id: string }[])[0]!.service_request_id).toBe(requestId);

    const one = await fetch(api(`requests/${requestId}.json`), { signal: AbortSignal.timeout(60_000) });
    const [r] = (await one.json()) as { status: string; stage: string; address_id: string; requested_datetime: string; description: string | null }[];
    expect(r).toMatchObject({ status: 'open', stage: 'submitted', address_id: 'QH-0001', description: null });
    expect(r!.requested_datetime).toMatch(/\+08:00$/);
    const xml = await fetch(api(`requests.xml?service_request_id=${requestId}`), { signal: AbortSignal.timeout(60_000) });
    expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const text = await xml.text();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(text).toContain(`<service_request_id>${requestId}</service_request_id>`);
  });

  it('bad input gets the spec error list with 400/403/404', async () => {
    const form = (o: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(o), signal: AbortSignal.timeout(60_000) });
    const cases: [Promise<Response>, number, string][] = [
      [fetch(api('requests.json'), form({ service_code: 'S0201', address_id: 'QH-0001' })), 403, '缺少 api_key'],
      [fetch(api('requests.json'), form({ api_key: apiKey, service_code: 'S9999', address_id: 'QH-0001' })), 404, 'S9999'],
      [fetch(api('requests.json'), form({ api_key: apiKey, service_code: 'S0201' })), 400, '缺少位置'],
      [fetch(api('requests.json'), form({ api_key: apiKey, service_code: 'S0201', lat: '91', long: '114' })), 400, 'lat 超出范围'],
      [fetch(api('requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z'), { signal: AbortSignal.timeout(60_000) }), 400, '90 天'],
      [fetch(api('services.json?jurisdiction_id=elsewhere.gov.cn'), { signal: AbortSignal.timeout(60_000) }), 404, 'elsewhere.gov.cn'],
    ];
    for (const [request, status, fragment] of cases) {
      const res = await request;
      expect(res.status).toBe(status);
      const errors = (await res.json()) as { code: number; description: string }[];
      expect(errors[0]!.description).toContain(fragment);
    }
  });

  it('a revoked key is refused at once', async () => {
    await keysPage.getByRole('button', { name: '吊销 第三方测试应用 的密钥' }).click();
    await expect.poll(() => keysPage.getByText(/已吊销/).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const res = await fetch(api('requests.xml'), { method: 'POST', body: new URLSearchParams({ api_key: apiKey, service_code: 'S0201', address_id: 'QH-0001' }), signal: AbortSignal.timeout(60_000) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('api_key 已被吊销');
  });
});

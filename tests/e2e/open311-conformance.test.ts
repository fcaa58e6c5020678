/**
 * Issue 9's independent GeoReport v2 conformance check against the running app. An admin issues an api key on
 * /staff/api-keys the way a third party gets one (and a second key, then revokes it), the black-box runner
 * (scripts/open311-conformance.ts, written from the spec alone) checks every resource in JSON and XML, and the
 * admin then finds the Chinese text the runner sent, unchanged, on the case in the back office.
 *
 * Every check must pass, except the deviations and not-applicable checks listed below, which must come out exactly
 * as listed: when the API is fixed, the deviation's test fails and the entry (and docs/open311.md) must go.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS, formatResult, runConformance, type CheckId, type CheckResult, type ConformanceReport, type Outcome } from '../../scripts/open311-conformance';
import { appUnderTest, desktopContext, launchBrowser, signIn } from './harness';

interface Expected {
  outcome: Exclude<Outcome, 'pass'>;
  why: string;
  /** Every detail line of the result must match: nothing beyond the known departure. */
  details: RegExp;
}

/** The checks that do not simply pass here, and why (docs/open311.md, "Conformance"). */
const EXPECTED: Partial<Record<CheckId, Expected>> = {
  'format.foreign-elements': {
    outcome: 'warn',
    why: 'the documented extensions stage and stage_label (the spec only recommends leaving foreign tags out)',
    details: /^request（(JSON|XML)）：<?stage>?、<?stage_label>?$/,
  },
  'post.required-attribute-missing-400': {
    outcome: 'skip',
    why: 'no service has a required attribute (the segment attribute is optional)',
    details: /没有 required=true 的 attribute/,
  },
  'post.location-lat-long': {
    outcome: 'skip',
    why: 'no request shows coordinates, and the demo district publishes none to pass as --lat/--long',
    details: /没有已知的辖区内坐标/,
  },
};

let browser: Browser;
let desk: BrowserContext;
let admin: Page;
let report: ConformanceReport;

/** 签发 a key on /staff/api-keys and read it from the one place it is ever shown. */
async function issueKey(page: Page, name: string, previous?: string): Promise<string> {
  await page.getByLabel('使用方名称').fill(name);
  await page.getByRole('button', { name: '签发' }).click();
  // A second key replaces the first in the same place: wait for the new one.
  const shown = previous ? page.getByLabel('新密钥').filter({ hasNotText: previous }) : page.getByLabel('新密钥');
  await shown.waitFor({ timeout: 120_000 });
  const key = ((await shown.textContent()) ?? '').trim();
  if (!/^\S{20,}$/.test(key)) throw new Error(`签发的密钥看起来不对：${JSON.stringify(key)}`);
  return key;
}

beforeAll(async () => {
  const { baseUrl } = appUnderTest();
  browser = await launchBrowser();
  desk = await desktopContext(browser);
  admin = await signIn(desk, 'admin', '/staff/api-keys');
  const stamp = Date.now().toString(36);
  const apiKey = await issueKey(admin, `一致性检查 ${stamp}`);
  const revokedName = `一致性检查（吊销）${stamp}`;
  const revokedApiKey = await issueKey(admin, revokedName, apiKey);
  await admin.getByRole('button', { name: `吊销 ${revokedName} 的密钥` }).click();
  await admin.getByRole('row', { name: new RegExp(revokedName) }).getByText(/已吊销/).waitFor({ timeout: 120_000 });
  // jurisdiction_id is the host of PUBLIC_BASE_URL without www. (docs/open311.md); the harness serves on 127.0.0.1.
  report = await runConformance({ baseUrl: `${baseUrl}/open311`, apiKey, revokedApiKey, jurisdiction: new URL(baseUrl).hostname });
}, 900_000);

afterAll(async () => {
  await desk?.close();
  await browser?.close();
});

function result(id: CheckId): CheckResult {
  const r = report.results.find((x) => x.id === id);
  if (!r) throw new Error(`no result for ${id}`);
  return r;
}

describe('GeoReport v2 conformance of /open311 (scripts/open311-conformance.ts)', () => {
  for (const check of CHECKS) {
    const expected = EXPECTED[check.id];
    if (!expected) {
      it(`${check.id} passes: ${check.title}`, () => {
        const r = result(check.id);
        expect(r.outcome, formatResult(r, true)).toBe('pass');
      });
    } else {
      it(`${check.id} is ${expected.outcome} as documented: ${expected.why}`, () => {
        const r = result(check.id);
        expect(r.outcome, formatResult(r, true)).toBe(expected.outcome);
        const lines = r.details.filter((d) => d.trim() !== '');
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(line).toMatch(expected.details);
      });
    }
  }

  it('the Chinese text a client POSTed reaches the back office unchanged (line breaks and CJK Extension B included)', async () => {
    const sent = report.created.find((c) => c.description.includes('𠀋'));
    expect(sent?.serviceRequestId, 'post.utf-8-round-trip filed no request').toBeTruthy();
    const { baseUrl } = appUnderTest();
    await admin.goto(`${baseUrl}/staff/cases?status=submitted&source=open311&sort=newest`);
    await admin.getByRole('link', { name: sent!.serviceRequestId!, exact: true }).click();
    const description = admin.locator('p', { hasText: '井盖松动，行人易绊倒' }).first();
    await expect.poll(() => description.textContent()).toBe(sent!.description);
  });
});

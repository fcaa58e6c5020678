/**
 * Starts the real app (next dev on a private embedded database, seeded like a fresh clone) and the
 * system Chromium through playwright-core. No browser is ever downloaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** Where the e2e app's build output goes; E2E_DIST_DIR lets two e2e runs share a checkout (each needs its own). */
const E2E_DIST_DIR = process.env.E2E_DIST_DIR ?? '.next-e2e';
export const SCREENSHOT_DIR = path.resolve('tests/e2e/screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd: process.cwd() });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

export interface App {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startApp(): Promise<App> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: '',
    PGLITE_DIR: path.join(dataDir, 'pglite'),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_DIST_DIR: E2E_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // Next's data cache outlives a run, but each run gets a fresh database: start from an empty cache.
  for (const dir of [`${E2E_DIST_DIR}/cache`, `${E2E_DIST_DIR}/dev/cache`]) fs.rmSync(path.resolve(dir), { recursive: true, force: true });
  // The same first start a newcomer gets: migrations and the demo district.
  await run(process.execPath, ['--import', 'tsx', 'scripts/db-prepare.ts'], env);
  const server: ChildProcess = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'dev', '--port', String(port), '--hostname', '127.0.0.1'], {
    env,
    cwd: process.cwd(),
    detached: true,
  });
  let log = '';
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next dev exited ${server.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`next dev did not serve / within 240 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseUrl,
    stop: async () => {
      if (server.exitCode === null && server.pid) {
        const exited = new Promise((r) => server.once('exit', r));
        process.kill(-server.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The app the e2e global setup started for this run. */
export function appUnderTest(): { baseUrl: string } {
  return { baseUrl: inject('e2eBaseUrl') };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A phone as citizens hold it: 390×844, touch, Chinese, the WeChat in-app browser's user agent. */
export async function phoneContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.49',
    ...options,
  });
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'luzhang-demo';

/** A desktop browser context as staff use it: 1280×900, Chinese. */
export async function desktopContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', ...options });
}

/**
 * Signs a staff account in through the login form on a new page of `context` and waits until it lands on
 * `to` (its path; the first visit compiles the page in next dev on a shared CPU, hence the long wait).
 * With `wait: false` it returns right after pressing 登录, for a sign-in that is meant to be refused.
 */
export async function signIn(
  context: BrowserContext,
  username: string,
  to = '/staff',
  { password = DEMO_PASSWORD, wait = true }: { password?: string; wait?: boolean } = {},
): Promise<Page> {
  const { baseUrl } = appUnderTest();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/staff/login?callbackUrl=${encodeURIComponent(to)}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  const path = new URL(to, baseUrl).pathname;
  if (wait) await page.waitForURL((u) => u.pathname === path, { timeout: 120_000 });
  return page;
}

/** A browser and a phone context for one test file: opened before its tests, closed after. */
export function phoneForThisFile(): { browser: () => Browser; phone: () => BrowserContext } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await phoneContext(browser);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });
  return { browser: () => browser!, phone: () => context! };
}

/**
 * A browser for one test file that hands out fresh contexts — `phone()` or `desktop()`, one per person in a
 * journey (a citizen, a dispatcher…), each with its own cookies — and closes them all after the file.
 */
export function contextsForThisFile(): {
  browser: () => Browser;
  phone: (options?: Parameters<Browser['newContext']>[0]) => Promise<BrowserContext>;
  desktop: () => Promise<BrowserContext>;
} {
  let browser: Browser | undefined;
  const open: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of open) await c.close();
    await browser?.close();
  });
  const track = async (c: Promise<BrowserContext>) => {
    const context = await c;
    open.push(context);
    return context;
  };
  return { browser: () => browser!, phone: (options) => track(phoneContext(browser!, options)), desktop: () => track(desktopContext(browser!)) };
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    // A failed resource is reported by the response listener below, with its URL.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // `caret: 'initial'`: Playwright otherwise injects caret-color styles, which React reports as a
  // hydration mismatch when the shot lands before hydration ends.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: file, fullPage: true, caret: 'initial' });
  return file;
}

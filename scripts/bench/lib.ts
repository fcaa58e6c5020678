/**
 * What the benchmark scripts share: the city-scale `lz_bench` database (created, migrated and seeded on
 * first use), percentiles, the machine line, and appending a dated block under a section of
 * docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql, type Logger } from 'drizzle-orm';
import { migrate, openDb, queryRows, type Db } from '../../lib/db/client';
import { seedBase } from '../../lib/db/seed/base';
import { seedCity } from '../../lib/db/seed/city';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lz_bench';
export const BENCHMARKS_FILE = 'docs/benchmarks.md';

/** Creates the database of `url` if it is missing (dropping it first when `fresh`); true when it was created. */
export async function ensureDatabase(url: string, { fresh = false } = {}): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database name must be a plain identifier, got ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    if (fresh) await client.query(`drop database if exists ${name} with (force)`);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`create database ${name}`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * The city-scale data on PostgreSQL: the database created if missing, migrated, seeded with the base data
 * and the 10-district city (skipped when already there), then analyzed.
 */
export async function openCityDb(url: string, { fresh = false, maxConnections = 10, logger }: { fresh?: boolean; maxConnections?: number; logger?: Logger } = {}) {
  const created = await ensureDatabase(url, { fresh });
  const handle = await openDb({ url, driver: 'pg', maxConnections, logger });
  await migrate(handle);
  await seedBase(handle.db);
  const seedStarted = performance.now();
  const seeded = await seedCity(handle.db, { log: (l) => console.log(`  ${l}`) });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  if (seeded) console.log(`✔ 城市规模数据用时 ${seedSeconds.toFixed(1)} 秒：${JSON.stringify(seeded)}`);
  await handle.db.execute(sql`analyze`);
  return { handle, db: handle.db, created, seeded, seedSeconds };
}

/** The PostgreSQL server version of a database handle's server. */
export async function serverVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ v: string }>(db, sql`select current_setting('server_version') as v`);
  return row!.v;
}

/** The p-th percentile (nearest rank) of ascending samples. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** "8 × CPU model, 16 GiB, Node v22…, PostgreSQL 16…" for the dated rows. */
export function machineLine({ postgres, memory = false }: { postgres?: string; memory?: boolean } = {}): string {
  return [
    `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}`,
    ...(memory ? [`${Math.round(os.totalmem() / 2 ** 30)} GiB`] : []),
    `Node ${process.version}`,
    ...(postgres ? [`PostgreSQL ${postgres}`] : []),
  ].join(', ');
}

/**
 * Appends `block` at the end of the `heading` section of `file` (before the next `## `), adding the section
 * at the end of the file when it is missing. Reads the file right before writing: other benchmarks append to it.
 */
export function appendToSection(file: string, heading: string, block: string): void {
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (!text.includes(`\n${heading}\n`)) text = `${text.trimEnd()}\n\n${heading}\n`;
  const at = text.indexOf(`\n${heading}\n`) + heading.length + 1;
  const next = text.indexOf('\n## ', at);
  const end = next === -1 ? text.length : next;
  text = `${text.slice(0, end).trimEnd()}\n${block.replace(/\n*$/, '\n')}${text.slice(end)}`;
  fs.writeFileSync(file, text);
}

/** The 1/5/15-minute load averages, "9.7 / 11.1 / 11.6": the machine is shared, so every row says how busy it was. */
export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(1)).join(' / ');
}

export interface RoundTimes {
  /** Median of the rounds' medians (ms). */
  median: number;
  /** Each round's median (ms), in order. */
  rounds: number[];
  /** Over every timed call of every round (ms). */
  p90: number;
  p99: number;
}

/**
 * `warmup` untimed calls, then `rounds` rounds of `runs` timed calls each. The median reported is the
 * median of the round medians, so one round spoiled by a neighbour's build does not decide the row.
 */
export async function timeRounds(call: () => unknown, { warmup = 10, runs = 100, rounds = 3 }: { warmup?: number; runs?: number; rounds?: number } = {}): Promise<RoundTimes> {
  for (let i = 0; i < warmup; i++) await call();
  const all: number[] = [];
  const medians: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await call();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    medians.push(percentile(times, 50));
    all.push(...times);
  }
  all.sort((a, b) => a - b);
  return { median: [...medians].sort((a, b) => a - b)[Math.floor((medians.length - 1) / 2)]!, rounds: medians, p90: percentile(all, 90), p99: percentile(all, 99) };
}

/** "12.3 ms (11.9 / 12.3 / 14.0)": the median and each round's. */
export function roundsText(t: RoundTimes): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  return `${f(t.median)} ms (${t.rounds.map(f).join(' / ')})`;
}

/** One script a page loads, raw and gzip -9 bytes. */
export interface PageScript {
  src: string;
  raw: number;
  gzip: number;
}

/**
 * The scripts a page loads: every <script src> (not `nomodule`: a modern browser skips it) and the inline
 * ones (the RSC payload counts: it is JavaScript the browser parses), gzip -9 each. Also returns the HTML.
 */
export async function pageScripts(base: string, pagePath: string): Promise<{ html: string; scripts: PageScript[]; skipped: string[] }> {
  const zlib = await import('node:zlib');
  const html = await (await fetch(base + pagePath)).text();
  const scripts: PageScript[] = [];
  const skipped: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1]!;
    const src = /\ssrc="([^"]+)"/.exec(attrs)?.[1]?.replace(/&amp;/g, '&');
    if (/\snomodule\b/i.test(attrs)) {
      if (src) skipped.push(src);
      continue;
    }
    const body = src ? Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()) : Buffer.from(m[2]!, 'utf8');
    if (body.length > 0) scripts.push({ src: src ?? '(inline)', raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  }
  return { html, scripts, skipped };
}

/** The gzip bytes of some scripts together. */
export const gzipBytes = (xs: { gzip: number }[]) => xs.reduce((a, s) => a + s.gzip, 0);

/**
 * One Lighthouse mobile performance run (its default emulation and simulated throttling) of `url` in a
 * fresh headless Chromium: the score (0–100) and the metrics behind it.
 */
export async function lighthouseOnce(url: string, chromePath: string): Promise<{ score: number; metrics: Record<string, number> }> {
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([import('lighthouse'), import('chrome-launcher')]);
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: ['performance'] });
    const lhr = result!.lhr;
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    const summary = lhr.audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined;
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      metrics: {
        FCP: audit('first-contentful-paint'),
        LCP: audit('largest-contentful-paint'),
        TBT: audit('total-blocking-time'),
        CLS: audit('cumulative-layout-shift'),
        SI: audit('speed-index'),
        mainThread: audit('mainthread-work-breakdown'),
        scriptBytes: summary?.items?.find((x) => x.resourceType === 'script')?.transferSize ?? NaN,
      },
    };
  } finally {
    chrome.kill();
  }
}

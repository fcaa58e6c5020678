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

/**
 * Opens the database with the driver the environment asks for (DESIGN §5):
 * no DATABASE_URL → embedded PGlite under .data/; a Neon host or DATABASE_DRIVER=neon → Neon's
 * serverless driver; any other URL → node-postgres. Scripts and tests use this module directly;
 * the app goes through lib/db/index.ts, which caches one handle per process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { DatabaseSetupError, explainConnectError, explainPgliteError, lockedPgliteError } from './errors';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** The callback argument of db.transaction(): use it where a function must run inside a caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DriverName = 'pglite' | 'pg' | 'neon';

export interface DbHandle {
  db: Db;
  driver: DriverName;
  /** Where the data lives, for messages: a directory or host:port/db. */
  location: string;
  close(): Promise<void>;
  /** PGlite only: a gzipped dump of the data directory (to snapshot a seeded database for tests). */
  dump?: () => Promise<Blob>;
}

export interface OpenOptions {
  url?: string;
  driver?: DriverName;
  /** PGlite data directory; 'memory://' for a throwaway in-memory database. */
  pgliteDir?: string;
  /** A PGlite data-directory dump (dumpDataDir) to start an in-memory database from: tests use it. */
  pgliteSnapshot?: Blob;
  /** Largest pool for pg/neon. Serverless functions want small pools. */
  maxConnections?: number;
  /** Sees every query drizzle sends (the benchmarks use it to EXPLAIN what they time). */
  logger?: Logger;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), 'drizzle');
const drizzleConfig = { schema, casing: 'snake_case' as const };
const configWith = (logger?: Logger) => ({ ...drizzleConfig, logger });

export function pickDriver(url: string | undefined, explicit?: DriverName): DriverName {
  if (explicit) return explicit;
  if (!url) return 'pglite';
  try {
    if (new URL(url).hostname.endsWith('.neon.tech')) return 'neon';
  } catch {
    /* validated by lib/env */
  }
  return 'pg';
}

export async function openDb(options: OpenOptions): Promise<DbHandle> {
  const driver = pickDriver(options.url, options.driver);
  if (driver === 'pglite') return openPglite(options.pgliteDir ?? '.data/pglite', options.pgliteSnapshot);
  if (!options.url) throw new DatabaseSetupError(`DATABASE_DRIVER=${driver} 需要同时设置 DATABASE_URL (needs DATABASE_URL)`);
  return driver === 'neon' ? openNeon(options.url, options.maxConnections, options.logger) : openPg(options.url, options.maxConnections, options.logger);
}

async function openPg(url: string, max = 10, logger?: Logger): Promise<DbHandle> {
  const { Pool } = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {}); // an idle client dropped by the server must not crash the process
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw explainConnectError(error, url);
  }
  return { db: drizzle({ client: pool, ...configWith(logger) }) as unknown as Db, driver: 'pg', location: where(url), close: () => pool.end() };
}

async function openNeon(url: string, max = 10, logger?: Logger): Promise<DbHandle> {
  const { Pool, neonConfig } = await import('@neondatabase/serverless');
  const { drizzle } = await import('drizzle-orm/neon-serverless');
  if (typeof WebSocket === 'undefined') neonConfig.webSocketConstructor = (await import('ws')).default;
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw explainConnectError(error, url);
  }
  return { db: drizzle({ client: pool, ...configWith(logger) }) as unknown as Db, driver: 'neon', location: where(url), close: () => pool.end() };
}

async function openPglite(dir: string, snapshot?: Blob): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const inMemory = dir.startsWith('memory://');
  const release = inMemory ? () => {} : acquireLock(dir);
  let client: InstanceType<typeof PGlite>;
  try {
    client = inMemory ? await PGlite.create({ loadDataDir: snapshot }) : await PGlite.create(path.resolve(dir));
  } catch (error) {
    release();
    throw explainPgliteError(error, dir);
  }
  return {
    db: drizzle({ client, ...drizzleConfig }) as unknown as Db,
    driver: 'pglite',
    location: inMemory ? 'memory' : dir,
    dump: () => client.dumpDataDir('gzip'),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/** PGlite is single-process: a second process on the same directory would corrupt it, so hold a pid lock. */
function acquireLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, '..', `${path.basename(dir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw explainPgliteError(error, dir);
      const pid = Number(fs.readFileSync(lockFile, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) throw lockedPgliteError(dir, pid);
      fs.rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw lockedPgliteError(dir, 0);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

/** Applies drizzle/ migrations with the driver's own migrator. Fails loudly. */
export async function migrate(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (handle.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, config);
  } else if (handle.driver === 'neon') {
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    await migrate(handle.db as never, config);
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(handle.db as never, config);
  }
}

/** Raw SQL returning rows, the same on all three drivers (each answers with `{ rows }`). */
export async function queryRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

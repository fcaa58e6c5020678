/**
 * The app's database: one handle per process, chosen from the environment, cached across hot reloads.
 * Import it as `@/lib/db` (guarded by server-only); only the Pages Router's getServerSideProps, where
 * Next refuses server-only, imports this file directly.
 */
import { env } from '../env';
import { openDb, type Db, type DbHandle } from './client';
import { prepareEmbedded } from './prepare';

export type { Db, Tx } from './client';

const globalForDb = globalThis as unknown as { luzhangDb?: Promise<DbHandle> };

async function open(): Promise<DbHandle> {
  const e = env();
  const handle = await openDb({
    url: e.DATABASE_URL,
    driver: e.DATABASE_DRIVER,
    pgliteDir: e.PGLITE_DIR,
    maxConnections: e.NODE_ENV === 'production' ? 5 : 10,
  });
  // The embedded database prepares itself on first start (migrations + demo district); `predev` has
  // normally done this already, so here it only confirms. Hosted databases are migrated by deploy.
  if (handle.driver === 'pglite') await prepareEmbedded(handle, { demo: e.demoMode });
  return handle;
}

export async function getDb(): Promise<Db> {
  // Never cache a failed open: the next request tries again after the person fixes the cause.
  globalForDb.luzhangDb ??= open().catch((error) => {
    globalForDb.luzhangDb = undefined;
    throw error;
  });
  return (await globalForDb.luzhangDb).db;
}

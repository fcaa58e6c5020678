/** Shared start and end of the database scripts: open the database the environment names, print one clear line on failure. */
import { EnvError, env } from '../../lib/env';
import { openDb, type DbHandle } from '../../lib/db/client';
import { DatabaseSetupError } from '../../lib/db/errors';

export function openFromEnv(): Promise<DbHandle> {
  const e = env();
  return openDb({ url: e.DATABASE_URL, driver: e.DATABASE_DRIVER, pgliteDir: e.PGLITE_DIR });
}

export function describeTarget(handle: DbHandle): string {
  return handle.driver === 'pglite' ? `嵌入式 PGlite（${handle.location}）` : `${handle.driver}（${handle.location}）`;
}

/** Runs a script body; known setup errors become one line and exit code 1, never a stack trace. */
export async function runScript(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof DatabaseSetupError || error instanceof EnvError) {
      console.error(`✖ ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

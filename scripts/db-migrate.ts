/** Applies the committed migrations in drizzle/ to the database the environment names. */
import { migrate } from '../lib/db/client';
import { describeTarget, openFromEnv, runScript } from './lib/cli';

await runScript(async () => {
  const handle = await openFromEnv();
  try {
    await migrate(handle);
    console.log(`✔ 迁移完成：${describeTarget(handle)}`);
  } finally {
    await handle.close();
  }
});

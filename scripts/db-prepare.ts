/** Runs before `npm run dev` / `npm start`: on the embedded database, apply migrations and load the demo district on first start. */
import { env } from '../lib/env';
import { prepareEmbedded } from '../lib/db/prepare';
import { describeTarget, openFromEnv, runScript } from './lib/cli';

await runScript(async () => {
  const started = Date.now();
  const handle = await openFromEnv(); // for a hosted database this only proves the URL works, in one line if it does not
  try {
    if (handle.driver !== 'pglite') {
      // Hosted databases are migrated by `npm run db:migrate` at deploy time, never by a starting server.
      console.log(`✔ 数据库可连接：${describeTarget(handle)}`);
      return;
    }
    await prepareEmbedded(handle, { demo: env().demoMode, log: (l) => console.log(`  ${l}`) });
    console.log(`✔ 数据库就绪：${describeTarget(handle)}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  } finally {
    await handle.close();
  }
});

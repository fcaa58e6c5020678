/** Throws the database away and rebuilds it: the embedded .data/ directory, or every table of a hosted database (asks for --yes). */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { env } from '../lib/env';
import { prepareEmbedded } from '../lib/db/prepare';
import { migrate } from '../lib/db/client';
import { seedBase } from '../lib/db/seed/base';
import { describeTarget, openFromEnv, runScript } from './lib/cli';

await runScript(async () => {
  const e = env();
  if (!e.DATABASE_URL) {
    const dir = path.resolve(e.PGLITE_DIR);
    const lock = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
    if (fs.existsSync(lock)) {
      const pid = Number(fs.readFileSync(lock, 'utf8'));
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        /* stale */
      }
      if (alive && pid !== process.pid) {
        console.error(`✖ ${dir} 正被进程 ${pid} 使用：请先停止它（例如 npm run dev）再重置`);
        process.exit(1);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(lock, { force: true });
    const handle = await openFromEnv();
    try {
      await prepareEmbedded(handle, { demo: e.demoMode, log: (l) => console.log(`  ${l}`) });
      console.log(`✔ 已重建：${describeTarget(handle)}`);
    } finally {
      await handle.close();
    }
    return;
  }
  if (!process.argv.includes('--yes')) {
    console.error('✖ 这会删除 DATABASE_URL 指向的数据库中的全部数据。确认请运行：npm run db:reset -- --yes');
    process.exit(2);
  }
  const handle = await openFromEnv();
  try {
    await handle.db.execute(sql`drop schema if exists public cascade`);
    await handle.db.execute(sql`drop schema if exists drizzle cascade`);
    await handle.db.execute(sql`create schema public`);
    await migrate(handle);
    await seedBase(handle.db);
    console.log(`✔ 已清空并迁移：${describeTarget(handle)}；运行 npm run db:seed 载入演示数据`);
  } finally {
    await handle.close();
  }
});

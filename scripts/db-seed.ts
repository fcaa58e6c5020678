/**
 * npm run db:seed [-- --seed N] [-- --today YYYY-MM-DD] [-- --base-only] [-- --scale city]
 * Loads the category tree and settings, then the demo district (or, with --scale city, ten synthetic
 * districts and a million cases for benchmarks). Running it twice does not duplicate anything.
 */
import { parseArgs } from 'node:util';
import { migrate } from '../lib/db/client';
import { DEMO_SEED } from '../lib/db/prepare';
import { seedBase } from '../lib/db/seed/base';
import { seedCity } from '../lib/db/seed/city';
import { seedDemoDistrict } from '../lib/db/seed/demo';
import { describeTarget, openFromEnv, runScript } from './lib/cli';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(DEMO_SEED) },
    today: { type: 'string' },
    scale: { type: 'string', default: 'district' },
    'base-only': { type: 'boolean', default: false },
  },
});

await runScript(async () => {
  const seed = Number(values.seed);
  const today = values.today ? new Date(`${values.today}T12:00:00+08:00`) : new Date();
  if (!Number.isInteger(seed) || Number.isNaN(today.getTime()) || !['district', 'city'].includes(values.scale!)) {
    console.error('✖ 参数有误：--seed 需为整数，--today 形如 2026-11-22，--scale 为 district 或 city');
    process.exit(2);
  }
  const handle = await openFromEnv();
  const started = Date.now();
  try {
    await migrate(handle);
    const base = await seedBase(handle.db);
    console.log(`✔ 基础数据：${base.categories} 个问题分类与默认设置（${describeTarget(handle)}）`);
    if (values['base-only']) return;
    if (values.scale === 'city') {
      const summary = await seedCity(handle.db, { log: (l) => console.log(`  ${l}`) });
      console.log(summary ? `✔ 城市规模数据：${JSON.stringify(summary)}` : '· 城市规模数据已存在，跳过');
    } else {
      const summary = await seedDemoDistrict(handle.db, { seed, today, log: (l) => console.log(`  ${l}`) });
      console.log(summary ? `✔ 演示区：${JSON.stringify(summary)}` : '· 演示区已存在，跳过（重建请用 npm run db:reset）');
    }
    console.log(`  用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  } finally {
    await handle.close();
  }
});

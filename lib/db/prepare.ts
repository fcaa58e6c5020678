/** First start of the embedded database: apply migrations, then load base data and the demo district if empty. */
import { migrate, type DbHandle } from './client';
import { seedBase } from './seed/base';
import { seedDemoDistrict } from './seed/demo';

export const DEMO_SEED = 20_261_122;

export async function prepareEmbedded(handle: DbHandle, { demo, log = () => {} }: { demo: boolean; log?: (line: string) => void }) {
  await migrate(handle);
  await seedBase(handle.db);
  if (demo) {
    const summary = await seedDemoDistrict(handle.db, { seed: DEMO_SEED, today: new Date(), log });
    if (summary) log(`演示区已生成：${summary.segments} 个路段，${summary.merchants} 家商户，${summary.cases} 件案件`);
  }
}

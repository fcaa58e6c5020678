/**
 * npm test: unit and integration tests on PGlite; integration also on PostgreSQL (and through the Neon
 * driver) when TEST_DATABASE_URL is set; e2e in the system Chromium when it is installed. Without a
 * browser the e2e suite is skipped loudly, except under CI=true, where a missing browser fails the run.
 * Extra arguments go to vitest (e.g. `npm test -- tests/unit`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true' || process.env.CI === '1';
const projects = ['unit', 'integration-pglite'];

if (process.env.TEST_DATABASE_URL) projects.push('integration-postgres');
else console.log('· TEST_DATABASE_URL 未设置：只在 PGlite 上运行集成测试（设置后还会在 PostgreSQL 和 Neon 驱动上运行）');

if (fs.existsSync(chromium)) projects.push('e2e');
else if (ci) {
  console.error(`✖ CI=true 但找不到 Chromium（${chromium}）：请安装 apt-get install -y chromium fonts-noto-cjk`);
  process.exit(1);
} else {
  const line = '!'.repeat(72);
  console.log(`\n${line}\n!!  SKIPPED: e2e browser tests — no Chromium at ${chromium}\n!!  Install it with: apt-get install -y chromium fonts-noto-cjk\n${line}\n`);
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lz-vitest-')), 'report.json');
const args = [
  'node_modules/vitest/vitest.mjs',
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const child = spawn(process.execPath, args, { stdio: 'inherit' });
child.on('close', (code) => {
  // One plain closing line that any CI can read.
  try {
    const r = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  } catch {
    console.log('Tests: 0 passed, 1 failed');
  }
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  process.exit(code ?? 1);
});

/**
 * npx tsx scripts/bench/pow.ts [--runs 30] [--out docs/benchmarks.md]
 * The 随手拍 proof of work at the default settings (report.powCost, report.powMaxCounter): what the server
 * spends to issue and to check a challenge, and how long solving takes with WebCrypto — in Node on one
 * core, and in headless Chromium (if installed) through the real lib/abuse/pow-client.ts, with Web
 * Workers and on the page. Browser payloads are verified by the server code path. Prints a Markdown
 * section; with --out appends it there.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createChallenge, randomInt, solveChallenge, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey as nodeDeriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { deriveKey as webDeriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { build } from 'esbuild'; // ships with tsx, which runs this script
import { chromium } from 'playwright-core';
import { SETTING_DEFAULTS } from '../../lib/domain/settings';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    out: { type: 'string' },
    chromium: { type: 'string', default: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
  },
});
const runs = Number(values.runs);
const cost = SETTING_DEFAULTS['report.powCost'];
const maxCounter = SETTING_DEFAULTS['report.powMaxCounter'];
const secret = 'bench-challenge-secret';
const keySecret = 'bench-key-secret';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
const spread = (xs: number[]) => `median ${ms(quantile(xs, 0.5))}, p90 ${ms(quantile(xs, 0.9))}, max ${ms(Math.max(...xs))}`;

async function newChallenge(): Promise<Challenge> {
  return createChallenge({
    algorithm: 'PBKDF2/SHA-256',
    cost,
    counter: randomInt(maxCounter, Math.ceil(maxCounter / 2)),
    deriveKey: nodeDeriveKey,
    expiresAt: new Date(Date.now() + 600_000),
    hmacSignatureSecret: secret,
    hmacKeySignatureSecret: keySecret,
  });
}

async function verifyPayload(payload: string): Promise<boolean> {
  const { challenge, solution } = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  const result = await verifySolution({ challenge, solution, deriveKey: nodeDeriveKey, hmacSignatureSecret: secret, hmacKeySignatureSecret: keySecret });
  return result.verified;
}

const rows: [string, string][] = [];

// Server: issuing costs one derivation at the secret counter; checking is two HMACs.
const issue: number[] = [];
const check: number[] = [];
const nodeSolve: number[] = [];
const perAttempt: number[] = [];
for (let i = 0; i < runs; i++) {
  let t0 = performance.now();
  const challenge = await newChallenge();
  issue.push(performance.now() - t0);
  t0 = performance.now();
  const solution = await solveChallenge({ challenge, deriveKey: webDeriveKey });
  const took = performance.now() - t0;
  nodeSolve.push(took);
  perAttempt.push(took / (solution!.counter + 1));
  t0 = performance.now();
  const verified = await verifySolution({ challenge, solution: solution!, deriveKey: nodeDeriveKey, hmacSignatureSecret: secret, hmacKeySignatureSecret: keySecret });
  check.push(performance.now() - t0);
  if (!verified.verified) throw new Error('a Node solution did not verify');
}
rows.push(['server: issue a challenge (createPowChallenge without the settings read)', spread(issue)]);
rows.push(['server: check a solution (verifySolution, key-signature path)', spread(check)]);
rows.push(['Node, one core, WebCrypto PBKDF2 (the browser code path): solve', spread(nodeSolve)]);
rows.push(['— per attempt', ms(quantile(perAttempt, 0.5))]);

// Browser: the real client module, bundled as a 'use client' component would get it.
if (fs.existsSync(values.chromium!)) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-pow-'));
  try {
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(entry, `import { solvePow } from '${path.resolve('lib/abuse/pow-client.ts')}';\n(window as any).solvePow = solvePow;\n`);
    await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', outfile: path.join(dir, 'client.js') });
    // pow-client starts `new URL('./pow-worker.ts', import.meta.url)`; Next bundles that file, here esbuild does.
    await build({ entryPoints: ['lib/abuse/pow-worker.ts'], bundle: true, minify: true, format: 'esm', platform: 'browser', outfile: path.join(dir, 'worker.js') });
    const files: Record<string, [string, string]> = {
      '/': ['text/html', '<!doctype html><script type="module" src="/client.js"></script>'],
      '/client.js': ['text/javascript', fs.readFileSync(path.join(dir, 'client.js'), 'utf8')],
      '/pow-worker.ts': ['text/javascript', fs.readFileSync(path.join(dir, 'worker.js'), 'utf8')],
    };
    const server = http.createServer((req, res) => {
      const file = files[req.url ?? ''];
      res.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' }).end(file?.[1] ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({
      executablePath: values.chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
      await page.waitForFunction(() => 'solvePow' in window);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      for (const mode of ['workers', 'page'] as const) {
        if (mode === 'page') await page.evaluate(() => ((window as unknown as { Worker: unknown }).Worker = undefined));
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const challenge = JSON.parse(JSON.stringify(await newChallenge()));
          const [took, payload] = await page.evaluate(async (c) => {
            const t0 = performance.now();
            const p = await (window as unknown as { solvePow: (c: unknown) => Promise<string> }).solvePow(c);
            return [performance.now() - t0, p] as const;
          }, challenge);
          if (!(await verifyPayload(payload))) throw new Error(`a Chromium (${mode}) payload did not verify`);
          times.push(took);
        }
        const label =
          mode === 'workers' ? `Chromium ${browser.version()}, Web Workers (${Math.min(4, cores)} of ${cores} cores): solve` : `Chromium, on the page (no Worker): solve`;
        rows.push([label, spread(times)]);
      }
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
} else {
  rows.push(['Chromium', `not found at ${values.chromium}: skipped`]);
}

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const section = [
  `## ${new Date().toISOString().slice(0, 10)} — 随手拍 proof of work (\`npx tsx scripts/bench/pow.ts\`)`,
  '',
  `Machine: ${os.cpus().length} × ${cpu}, Node ${process.version}. altcha-lib PBKDF2/SHA-256, cost ${cost} iterations an attempt, secret counter uniform in ${Math.ceil(maxCounter / 2)}–${maxCounter}; ${runs} challenges per row.`,
  '',
  '| measure | result |',
  '|---|---|',
  ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  '',
].join('\n');
console.log(section);
if (values.out) fs.appendFileSync(values.out, `\n${section}`);

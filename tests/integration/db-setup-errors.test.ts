/** A person who gets the database set-up wrong is told, in one line, what is wrong and how to fix it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '@/lib/db/client';
import { DatabaseSetupError } from '@/lib/db/errors';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-errors-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** Runs a database script with the given environment and returns its exit code and output. */
function runScript(script: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as unknown as NodeJS.ProcessEnv,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('unreachable PostgreSQL', () => {
  it('says the connection was refused, with host and port, in one line', async () => {
    const error = await failure(openDb({ url: 'postgres://postgres@127.0.0.1:1/test' }));
    expect(error).toBeInstanceOf(DatabaseSetupError);
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).toContain('连接被拒绝');
    expect(error.message).not.toContain('\n');
  });

  it('says the host was not found', async () => {
    const error = await failure(openDb({ url: 'postgres://postgres@no-such-host.invalid:5432/test' }));
    expect(error).toBeInstanceOf(DatabaseSetupError);
    expect(error.message).toContain('找不到主机');
  });

  it.runIf(process.env.TEST_DATABASE_URL)('says the database does not exist', async () => {
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = '/lz_no_such_database';
    const error = await failure(openDb({ url: u.toString() }));
    expect(error).toBeInstanceOf(DatabaseSetupError);
    expect(error.message).toContain('数据库不存在');
  });
});

describe('npm run db:migrate with a bad DATABASE_URL', () => {
  it('prints one line and exits 1 for a malformed URL', async () => {
    const { code, out } = await runScript('scripts/db-migrate.ts', { DATABASE_URL: 'mysql://root@localhost/x' });
    expect(code).toBe(1);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toContain('DATABASE_URL');
    expect(out).not.toMatch(/\bat .*\.ts:\d+/); // no stack frames
  });

  it('prints one line and exits 1 for an unreachable server', async () => {
    const { code, out } = await runScript('scripts/db-migrate.ts', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });
    expect(code).toBe(1);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toContain('连接被拒绝');
  });
});

describe('embedded database directory', () => {
  it('refuses a directory another live process holds, naming it and the fix', async () => {
    const dir = path.join(tmp, 'locked');
    fs.mkdirSync(dir, { recursive: true });
    // PID 1 is always alive and never us.
    fs.writeFileSync(path.join(tmp, 'locked.lock'), '1');
    const error = await failure(openDb({ pgliteDir: dir }));
    expect(error).toBeInstanceOf(DatabaseSetupError);
    expect(error.message).toContain('PID 1');
    expect(error.message).toContain('npm run db:reset');
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = path.join(tmp, 'stale');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(tmp, 'stale.lock'), '999999999');
    const handle = await openDb({ pgliteDir: dir });
    expect(fs.readFileSync(path.join(tmp, 'stale.lock'), 'utf8')).toBe(String(process.pid));
    await handle.close();
    expect(fs.existsSync(path.join(tmp, 'stale.lock'))).toBe(false);
  });

  it('explains a corrupt directory and points at npm run db:reset', async () => {
    const dir = path.join(tmp, 'corrupt');
    fs.mkdirSync(path.join(dir, 'global'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), 'not a version\n');
    fs.writeFileSync(path.join(dir, 'global', 'pg_control'), Buffer.alloc(64, 7));
    const error = await failure(openDb({ pgliteDir: dir }));
    expect(error).toBeInstanceOf(DatabaseSetupError);
    expect(error.message).toContain('npm run db:reset');
    expect(error.message).not.toContain('\n');
    // The failed open released its lock: a reset can proceed.
    expect(fs.existsSync(path.join(tmp, 'corrupt.lock'))).toBe(false);
  });
});

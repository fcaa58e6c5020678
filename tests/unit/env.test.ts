import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { pickDriver } from '@/lib/db/client';

describe('environment', () => {
  it('needs nothing: embedded database, demo mode on', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe('.data/pglite');
    expect(env.demoMode).toBe(true);
  });

  it('turns demo mode off for a hosted database unless asked', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db.example.com:5432/x' }).demoMode).toBe(false);
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db.example.com:5432/x', DEMO_MODE: '1' }).demoMode).toBe(true);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each(['mysql://u@h/db', 'not a url', 'postgres://', 'http://example.com'])('explains a malformed DATABASE_URL %j in one line', (url) => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('postgres://');
    expect(message).not.toContain('\n');
  });

  it('refuses an unknown driver name', () => {
    expect(() => parseEnv({ DATABASE_DRIVER: 'mysql' })).toThrow(EnvError);
  });
});

describe('driver choice (DESIGN §5)', () => {
  it.each([
    [undefined, undefined, 'pglite'],
    ['postgres://u:p@ep-cool-darkness-123456.eu-central-1.aws.neon.tech/neondb', undefined, 'neon'],
    ['postgres://postgres@127.0.0.1:5432/test', undefined, 'pg'],
    ['postgres://postgres@127.0.0.1:5432/test', 'neon', 'neon'],
    ['postgres://u@ep-x.neon.tech/db', 'pg', 'pg'],
  ] as const)('%s with DATABASE_DRIVER=%s → %s', (url, explicit, expected) => {
    expect(pickDriver(url, explicit)).toBe(expected);
  });
});

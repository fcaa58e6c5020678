/** The one place environment variables are read and validated. */
import { z } from 'zod';

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'DATABASE_URL 必须形如 postgres://用户:密码@主机:5432/数据库 (must look like postgres://user:password@host:5432/db)');

const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'));

const schema = z.object({
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), postgresUrl.optional()),
  DATABASE_DRIVER: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['pglite', 'pg', 'neon']).optional()),
  PGLITE_DIR: z.string().default('.data/pglite'),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  DEMO_MODE: flag,
  // Signs staff session tokens. Required in production; locally a random one is kept in the database.
  AUTH_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'AUTH_SECRET 至少 32 个字符 (at least 32 characters)').optional()),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof schema> & { demoMode: boolean };

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`环境变量有误 (invalid environment): ${lines.join('; ')}`);
  }
  const env = result.data;
  // Demo accounts and data exist only in demo mode: on by default for the embedded database only.
  return { ...env, demoMode: env.DEMO_MODE ?? !env.DATABASE_URL };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

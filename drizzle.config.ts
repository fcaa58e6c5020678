import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this: it diffs lib/db/schema against drizzle/ and writes SQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});

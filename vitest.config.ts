import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Four projects: unit (lib/domain, no database), integration on PGlite, integration on the PostgreSQL
 * named by TEST_DATABASE_URL (skipped when unset), and e2e in the system Chromium.
 */
const alias = {
  '@': path.resolve(import.meta.dirname),
  // `server-only` throws outside Next's react-server build; in tests the module is just a marker.
  'server-only': path.resolve(import.meta.dirname, 'tests/fixtures/empty.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'integration-pglite',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/neon-driver.test.ts'],
          env: { TEST_DRIVER: 'pglite' },
          globalSetup: ['tests/fixtures/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration-postgres',
          include: ['tests/integration/**/*.test.ts'],
          env: { TEST_DRIVER: 'pg' },
          globalSetup: ['tests/fixtures/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // next dev compiles a route on its first request; a poll must outlast that on 2 cores.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});

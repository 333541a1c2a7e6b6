import { defineConfig } from 'vitest/config';

/** Test files that need modules of their own: one mocks fastify, the other must see the production hash cost. */
const ownModules = ['server/test/route-inventory.test.ts', 'server/platform/auth/password-hash.test.ts'];

const apiTests = {
  environment: 'node',
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...apiTests,
          name: 'api',
          include: ['server/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ownModules,
          // The files share one module graph: loading the server's modules for every file anew took 84 of the
          // suite's 316 s. Tests that change module state (the test clock) put it back after themselves.
          isolate: false,
        },
      },
      {
        test: { ...apiTests, name: 'api-own-modules', include: ownModules },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['e2e/demo-folder.setup.ts'],
          // One file at a time: two at once gained 10 % and made antd's animations late enough to fail a test.
          fileParallelism: false,
          // A second attempt for a test that failed (docs/decisions.md D24): the summary names every test that needed
          // it, with the first attempt's error, and the harness keeps that attempt's screenshots and failed requests.
          retry: 1,
        },
      },
    ],
  },
});

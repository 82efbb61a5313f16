import { defineConfig } from 'vitest/config';

/** Test files that drive Chromium. They run in their own project, one file at a time. */
const BROWSER_TESTS = ['test/browser/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/crm/browser.test.ts'];

/** The reliability suite kills and restarts a real API and measures timings, so it runs last and alone. */
const RELIABILITY_TESTS = ['test/reliability/**/*.test.ts'];

export default defineConfig({
  test: {
    // Separate processes, because several suites start servers and change process.env.TZ.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: [...BROWSER_TESTS, ...RELIABILITY_TESTS],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER_TESTS,
          globalSetup: ['test/browser/global-setup.ts'],
          // Each file launches its own Chromium. Next to the forked unit files, a 20 s browser
          // test timed out on a 2-core machine, so browser files run one after another,
          // after the unit project has finished.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // The default 1 s is short for a page, the extension and the API to catch up on a busy machine.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        extends: true,
        test: {
          name: 'reliability',
          include: RELIABILITY_TESTS,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

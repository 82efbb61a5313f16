import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { findPostgresBin } from './scripts/pg-test-cluster.ts';

// Without the PostgreSQL server the API suite runs on the JSON store only, with a
// warning. CI installs the server, so there a missing binary fails the tests instead.
const RUN_POSTGRES = findPostgresBin() !== null || process.env.CI === 'true';
if (!RUN_POSTGRES) console.warn('PostgreSQL server binaries not found: the api-postgres tests are left out. Install the "postgresql" package or set PG_BIN.');

/** Test files that drive Chromium. They run in their own project, one file at a time. */
const BROWSER_TESTS = ['test/browser/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/crm/browser.test.ts'];

/** The reliability suite kills and restarts a real API and measures timings, so it runs last and alone. */
const RELIABILITY_TESTS = ['test/reliability/**/*.test.ts'];

// NOTE: this test failed about one run in three next to other forked test files,
// because the orphaned child never saw its parent change. It always passed alone.
// The cause is not known yet, so it runs with the serial reliability project.
const SERIAL_TESTS = ['test/scripts/stop-with-parent.test.ts'];

const API_POSTGRES_PROJECT: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    // The API suite again, on PostgreSQL: each file starts one throwaway cluster
    // (test/api/helpers/test-store.ts) and each test gets a database copied from a template.
    name: 'api-postgres',
    include: ['test/api/**/*.test.ts'],
    // These cover the JSON data file itself: its pid lock, its format and its conversion.
    exclude: ['test/api/store.test.ts', 'test/api/start-api.test.ts'],
    env: { DELETE_GUARD_TEST_STORE: 'postgres' },
    sequence: { groupOrder: 0 },
  },
};

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
          exclude: [...BROWSER_TESTS, ...RELIABILITY_TESTS, ...SERIAL_TESTS],
          sequence: { groupOrder: 0 },
        },
      },
      ...(RUN_POSTGRES ? [API_POSTGRES_PROJECT] : []),
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
          include: [...RELIABILITY_TESTS, ...SERIAL_TESTS],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

import { afterAll, beforeAll } from 'vitest';
import { findPostgresBin, startTestCluster, type TestCluster } from '../../../scripts/pg-test-cluster.ts';

/** Why the PostgreSQL tests are skipped here, or null when they run. */
export const postgresSkipReason: string | null = (() => {
  if (findPostgresBin()) return null;
  // CI installs the server, so a missing binary there is a broken setup, not a reason to skip.
  if (process.env.CI === 'true') throw new Error('Failed to find the PostgreSQL server binaries on CI: install the "postgresql" package or set PG_BIN.');
  return 'PostgreSQL server binaries not found (install the "postgresql" package or set PG_BIN)';
})();

/** Starts one throwaway cluster for the calling test file and stops it afterwards. */
export function useTestCluster(): () => TestCluster {
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    if (postgresSkipReason === null) cluster = await startTestCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);
  return () => {
    if (!cluster) throw new Error('Failed to use the PostgreSQL test cluster: it did not start.');
    return cluster;
  };
}

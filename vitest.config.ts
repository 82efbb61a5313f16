import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Separate processes, because several suites start servers and change process.env.TZ.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});

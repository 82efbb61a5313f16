import { defineConfig } from 'vitest/config';
import rootConfig from '../../vitest.config.ts';

// The project config only collects *.test.ts, so this one adds the component
// tests (*.test.tsx) until the root config includes them. Run from the repository
// root: npx vitest run --config test/components/vitest.config.ts
export default defineConfig({
  ...rootConfig,
  test: {
    ...rootConfig.test,
    include: ['test/components/**/*.test.{ts,tsx}'],
  },
});

import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// Opt-in suite (`npm run test:vectors`) reading ../shared/research-vectors.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/vectors/**/*.test.ts'],
    exclude: [...configDefaults.exclude],
  },
});

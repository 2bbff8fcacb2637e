import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Run tests against the codec's TypeScript sources, so no build is needed first.
    alias: [
      {
        find: /^ss7-isup-codec$/,
        replacement: fileURLToPath(new URL('./codecs/ss7-isup-codec/src/index.ts', import.meta.url)),
      },
      {
        find: /^q931-codec$/,
        replacement: fileURLToPath(new URL('./codecs/q931-codec/src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'codecs/*/test/**/*.test.ts'],
    // The research-vector suite is opt-in: see vitest.vectors.config.ts.
    exclude: [...configDefaults.exclude, 'test/vectors/**'],
    // A safety net, not a timing assertion: property tests run thousands of cases and the
    // machines are shared, so the 5 s default can trip under load.
    testTimeout: 30_000,
  },
});

// Vitest: every test/**/*.test.ts except the opt-in stress suite; spawned CLIs need generous timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/stress runs only under `npm run stress` (VLEDGER_STRESS=1 vitest run test/stress)
    exclude: [...(process.env.VLEDGER_STRESS ? [] : ['test/stress/**']), 'node_modules/**', 'dist/**'],
    testTimeout: 60000,
    hookTimeout: 60000,
    pool: 'forks',
  },
});

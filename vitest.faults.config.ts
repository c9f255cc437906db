import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: fault scripts that kill servers, stop PostgreSQL and race officials (slow; not in `npm test`). */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});

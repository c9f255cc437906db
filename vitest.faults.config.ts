import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: fault scripts that kill servers, stop PostgreSQL and race officials (slow; not in `npm test`). */
export default defineConfig({
  test: {
    // The interconnected fan-out's crash test also runs in `npm test` (it is the issue-5 requirement).
    include: ['test/faults/**/*.fault.ts', 'src/modules/interconnect/crash.int.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});

import { cleanupAll } from '../lib/env.ts';

/** Entry point of a standalone peers script: clean-up (databases, embedded PostgreSQL) on success, failure or Ctrl-C. */
export function runStandalone(main: () => Promise<void>): void {
  process.on('SIGINT', () => void cleanupAll().then(() => process.exit(130)));
  main()
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => cleanupAll());
}

import type { Module } from '../../platform/context.ts';
import { queueRoutes } from './routes.ts';
import { seedQueues } from './seed.ts';

/** The one-stop desk's ticket queue: kiosk numbers, counters calling them, the public board. */
export const queueModule: Module = {
  name: 'queue',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: queueRoutes,
  seed: async (ctx) => seedQueues(ctx.db),
};

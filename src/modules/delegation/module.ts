import type { Module } from '../../platform/context.ts';
import { delegationRoutes } from './routes.ts';
import { deputyRoutes } from './deputy-routes.ts';
import { seedDelegations } from './seed.ts';

/** Delegation of authority between agencies (ủy quyền), personal delegation to a deputy, signature blocks. */
export const delegationModule: Module = {
  name: 'delegation',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: (app, ctx) => {
    delegationRoutes(app, ctx);
    deputyRoutes(app, ctx);
  },
  // Illustrative decisions and demo signers' positions: demo data only.
  seed: async (ctx) => {
    if (ctx.config.demoData) await seedDelegations(ctx.db);
  },
};

import type { Module } from '../../platform/context.ts';
import { agencyRoutes } from './routes.ts';
import { seedAgencies } from './seed.ts';
import { seedAgencyHeads } from './heads.ts';

export const agenciesModule: Module = {
  name: 'agencies',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: agencyRoutes,
  seed: async (ctx) => {
    await seedAgencies(ctx.db);
    await seedAgencyHeads(ctx.db);
  },
};

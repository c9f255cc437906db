import type { Module } from '../../platform/context.ts';
import { geoRoutes } from './routes.ts';
import { seedAdminUnits } from './seed.ts';

export const geoModule: Module = {
  name: 'geo',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: geoRoutes,
  seed: async (ctx) => {
    await seedAdminUnits(ctx.db);
  },
};

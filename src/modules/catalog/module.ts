import type { Module } from '../../platform/context.ts';
import { catalogRoutes } from './routes.ts';
import { seedCatalog } from './seed.ts';

export const catalogModule: Module = {
  name: 'catalog',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: catalogRoutes,
  seed: async (ctx) => {
    await seedCatalog(ctx.db);
  },
};

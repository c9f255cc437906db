import type { Module } from '../../platform/context.ts';
import { dossierRoutes } from './routes.ts';
import { draftRoutes } from './drafts.ts';
import { statsRoutes } from './stats.ts';
import { defineDossierJobs } from './jobs.ts';
import { seedDemoDossiers } from './demo.ts';

export const dossiersModule: Module = {
  name: 'dossiers',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: (app, ctx) => {
    dossierRoutes(app, ctx);
    draftRoutes(app, ctx);
    statsRoutes(app, ctx);
  },
  jobs: defineDossierJobs,
  seed: async (ctx) => {
    if (ctx.config.demoData) await seedDemoDossiers(ctx);
  },
};

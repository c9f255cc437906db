import type { Module } from '../../platform/context.ts';
import { interconnectRoutes } from './routes.ts';
import { defineInterconnectJobs } from './jobs.ts';
import { allGroups } from './definition.ts';
import { seedDemoInterconnect } from './demo.ts';
import './follow.ts'; // follows child dossiers and external answers (registers listeners)

/** Interconnected procedures (liên thông): one application, child dossiers at several agencies. */
export const interconnectModule: Module = {
  name: 'interconnect',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: (app, ctx) => {
    allGroups(); // a malformed groups.json stops the start, not the first citizen
    interconnectRoutes(app, ctx);
  },
  seed: async (ctx) => {
    if (ctx.config.demoData) await seedDemoInterconnect(ctx);
  },
  jobs: defineInterconnectJobs,
};

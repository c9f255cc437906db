import type { Module } from '../../platform/context.ts';
import { identityRoutes } from './routes.ts';
import { seedDemoUsers } from './seed.ts';
import { defineIdentityJobs } from './cleanup.ts';

export const identityModule: Module = {
  name: 'identity',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: identityRoutes,
  seed: async (ctx) => seedDemoUsers(ctx.db),
  jobs: defineIdentityJobs,
};

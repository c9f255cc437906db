import type { Module } from '../../platform/context.ts';
import { privacyRoutes } from './routes.ts';
import { seedPrivacy } from './seed.ts';

/** Personal-data access log: purposes, logging of officials' access, the citizen's view and audits. */
export const privacyModule: Module = {
  name: 'privacy',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: privacyRoutes,
  seed: (ctx) => seedPrivacy(ctx.db),
};

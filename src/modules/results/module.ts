import type { Module } from '../../platform/context.ts';
import { resultRoutes } from './routes.ts';

/** Electronic results: signed PDFs from templates, public verification, revocation. */
export const resultsModule: Module = {
  name: 'results',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: resultRoutes,
};

import type { Module } from '../../platform/context.ts';
import { reorganisationRoutes } from './routes.ts';
import { defineReorganisationJobs } from './jobs.ts';

/** Administrative unit changes: mergers of agencies moving open dossiers, staff grants and delegations to the successor. */
export const reorganisationModule: Module = {
  name: 'reorganisation',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: reorganisationRoutes,
  jobs: defineReorganisationJobs,
};

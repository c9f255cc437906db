import type { Module } from '../../platform/context.ts';
import { connectorRoutes } from './routes.ts';
import { defineConnectorJobs } from './jobs.ts';

/** Signed requests to agencies outside Motcua (social insurance), with retries and a dead-letter list. */
export const connectorModule: Module = {
  name: 'connector',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: connectorRoutes,
  jobs: defineConnectorJobs,
};

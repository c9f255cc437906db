import type { Module } from '../../platform/context.ts';
import { fileRoutes } from './routes.ts';
import { defineFileJobs } from './sweep.ts';

export const filesModule: Module = {
  name: 'files',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: fileRoutes,
  jobs: defineFileJobs,
};

import type { Module } from '../../platform/context.ts';
import { dataStoreRoutes } from './routes.ts';
import { seedDataStore } from './seed.ts';

export const dataStoreModule: Module = {
  name: 'datastore',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: dataStoreRoutes,
  seed: seedDataStore,
};

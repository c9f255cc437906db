import type { Module } from '../../platform/context.ts';
import { populationRoutes } from './routes.ts';
import { seedPopulation } from './seed.ts';

export const populationModule: Module = {
  name: 'population',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: populationRoutes,
  seed: seedPopulation,
};

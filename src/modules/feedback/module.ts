import type { Module } from '../../platform/context.ts';
import { feedbackRoutes } from './routes.ts';

export const feedbackModule: Module = {
  name: 'feedback',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: feedbackRoutes,
};

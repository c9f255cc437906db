import type { Module } from '../../platform/context.ts';
import { noticeRoutes } from './routes.ts';

export const noticesModule: Module = {
  name: 'notices',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: noticeRoutes,
};

import type { Module } from '../../platform/context.ts';
import { calendarRoutes } from './routes.ts';
import { seedCalendar } from './service.ts';

export const calendarModule: Module = {
  name: 'calendar',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: calendarRoutes,
  seed: (ctx) => seedCalendar(ctx.db),
};

import type { Module } from '../../platform/context.ts';
import { notificationRoutes } from './routes.ts';
import { defineNotificationJobs } from './jobs.ts';

/** Email, SMS and in-app messages to applicants about their dossiers (outbox + delivery job). */
export const notificationsModule: Module = {
  name: 'notifications',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: notificationRoutes,
  jobs: defineNotificationJobs,
};

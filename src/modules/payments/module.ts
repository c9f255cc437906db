import type { Module } from '../../platform/context.ts';
import { paymentRoutes } from './routes.ts';
import { definePaymentJobs } from './lifecycle.ts';

export const paymentsModule: Module = {
  name: 'payments',
  migrations: new URL('./migrations', import.meta.url).pathname,
  routes: paymentRoutes,
  jobs: definePaymentJobs,
};

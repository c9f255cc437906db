import type { AppContext } from '../../platform/context.ts';
import { applyDueMergers } from './service.ts';

export const APPLY_JOB = 'reorganisation.apply-due';

/** Mergers take effect on their date: a job sent for that day, and a daily sweep in case one was missed. */
export async function defineReorganisationJobs(ctx: AppContext) {
  await ctx.jobs.define(APPLY_JOB, async () => {
    const n = await applyDueMergers(ctx.db);
    if (n) ctx.log(`applied ${n} merger(s)`);
  }, '5 0 * * *');
}

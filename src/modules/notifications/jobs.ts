import type { AppContext } from '../../platform/context.ts';
import { deliverDue } from './deliver.ts';

export const DELIVER_JOB = 'notifications.deliver';

/**
 * Delivery runs as a pg-boss job: every minute by schedule, and nudged every few seconds (one
 * queued at a time, singletonKey) so a message goes out soon after its action commits.
 */
export async function defineNotificationJobs(ctx: AppContext) {
  await ctx.jobs.define(DELIVER_JOB, async () => {
    const r = await deliverDue(ctx.db, ctx.config.publicUrl);
    if (r.failed) ctx.log(`notifications: ${r.sent} sent, ${r.failed} failed (will retry)`);
  }, '* * * * *');
  if (!ctx.config.jobs) return;
  const timer = setInterval(() => {
    ctx.jobs.send(DELIVER_JOB, {}, { singletonKey: 'nudge' }).catch(() => { /* stopping */ });
  }, 5000);
  timer.unref();
}

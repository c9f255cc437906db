import type { AppContext } from '../../platform/context.ts';
import { deliverDue, pollUndecided } from './deliver.ts';
import { DELIVER_JOB } from './service.ts';

export const POLL_JOB = 'connector.poll';

/** Delivery every minute and when nudged (every few seconds while jobs run); status polls every 5 minutes. */
export async function defineConnectorJobs(ctx: AppContext) {
  await ctx.jobs.define(DELIVER_JOB, async () => {
    const r = await deliverDue(ctx.db);
    if (r.failed) ctx.log(`connector: ${r.sent} sent, ${r.failed} failed (${r.dead} dead)`);
  }, '* * * * *');
  await ctx.jobs.define(POLL_JOB, async () => {
    const r = await pollUndecided(ctx.db);
    if (r.decided) ctx.log(`connector: ${r.decided} decisions found by polling`);
  }, '*/5 * * * *');
  if (!ctx.config.jobs) return;
  const timer = setInterval(() => {
    ctx.jobs.send(DELIVER_JOB, {}, { singletonKey: 'nudge' }).catch(() => { /* stopping */ });
  }, 5000);
  timer.unref();
}

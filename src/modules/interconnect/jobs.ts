import type { AppContext } from '../../platform/context.ts';
import { dispatchReady } from './dispatch.ts';

export const DISPATCH_JOB = 'interconnect.dispatch';

/**
 * The fan-out runs as a pg-boss job: every minute by schedule (and so at once after a restart,
 * picking up parts a crash left ready), nudged every few seconds and right after an application
 * is submitted. One queued at a time (singletonKey); each part is claimed with SKIP LOCKED.
 */
export async function defineInterconnectJobs(ctx: AppContext) {
  await ctx.jobs.define(DISPATCH_JOB, async () => {
    const n = await dispatchReady(ctx);
    if (n) ctx.log(`interconnect: ${n} part(s) filed`);
  }, '* * * * *');
  if (!ctx.config.jobs) return;
  kickDispatcher(ctx);
  const timer = setInterval(() => kickDispatcher(ctx), 3000);
  timer.unref();
}

export function kickDispatcher(ctx: AppContext): void {
  if (!ctx.config.jobs) return;
  ctx.jobs.send(DISPATCH_JOB, {}, { singletonKey: 'nudge' }).catch(() => { /* stopping */ });
}

import type { AppContext } from '../../platform/context.ts';
import type { LocalStorage } from '../../platform/storage.ts';
import './tables.ts';

export const SWEEP_JOB = 'files.sweep';

/**
 * Removes what interrupted uploads leave in storage: partial writes (`.part`, a crash mid-upload)
 * and stored objects with no `stored_file` row (a crash or a rolled-back transaction between
 * storing the bytes and recording them). Only objects older than `graceSeconds` are touched, so an
 * upload in flight is never swept. Returns what it removed.
 */
export async function sweepStorage(ctx: AppContext, graceSeconds = Number(process.env.FILE_SWEEP_GRACE_SECONDS ?? 3600)) {
  const cutoff = Date.now() - graceSeconds * 1000;
  const candidates: { key: string; partial: boolean }[] = [];
  for await (const o of ctx.storage.list()) if (o.modifiedAt.getTime() < cutoff) candidates.push(o);
  let partials = 0;
  let orphans = 0;
  for (let i = 0; i < candidates.length; i += 500) {
    const batch = candidates.slice(i, i + 500);
    const whole = batch.filter((c) => !c.partial).map((c) => c.key);
    const known = new Set(whole.length ? (await ctx.db.selectFrom('stored_file').select('storage_key').where('storage_key', 'in', whole).execute()).map((r) => r.storage_key) : []);
    for (const c of batch) {
      if (c.partial) {
        await (ctx.storage as LocalStorage).deletePartial(c.key);
        partials++;
      } else if (!known.has(c.key)) {
        await ctx.storage.delete(c.key);
        orphans++;
      }
    }
  }
  if (partials || orphans) ctx.log(`files: swept ${partials} partial upload(s) and ${orphans} unrecorded file(s)`);
  return { partials, orphans };
}

/** Hourly, and once at start (after a crash is exactly when leftovers exist). */
export async function defineFileJobs(ctx: AppContext) {
  await ctx.jobs.define(SWEEP_JOB, async () => { await sweepStorage(ctx); }, '17 * * * *');
  if (ctx.config.jobs) ctx.jobs.send(SWEEP_JOB, {}, { singletonKey: 'start' }).catch(() => {});
}

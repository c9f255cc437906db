import type { Executor } from '../../platform/db/database.ts';
import type { AppContext } from '../../platform/context.ts';
import { onDossierAction } from '../dossiers/events.ts';
import './tables.ts';

/**
 * The desk confirmed the fee another way (cash at the counter, a bank transfer): the dossier's open
 * online order is cancelled in the same transaction, so its checkout link and VietQR code are no
 * longer offered. Should the gateway still report a success for it, `handleCallback` records it
 * as paid with `needs_review` (a refund case for the finance officer).
 */
onDossierAction(async (tx, e) => {
  if (e.action !== 'confirm_payment') return;
  const method = (e.data as { method?: string } | null)?.method;
  if (method === 'online') return;
  await tx.updateTable('payment_order')
    .set({ status: 'cancelled', settled_at: new Date(), failure_reason: `Đã thu tại Bộ phận Một cửa (${method ?? 'cash'}) / Paid at the desk` })
    .where('dossier_id', '=', e.dossier.id).where('status', '=', 'pending').execute();
});

export const EXPIRE_JOB = 'payments.expire';

/** Closes open orders past their time (status expired); returns how many. */
export async function expireOrders(db: Executor, now = new Date()): Promise<number> {
  const r = await db.updateTable('payment_order').set({ status: 'expired', settled_at: now })
    .where('status', '=', 'pending').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Every 5 minutes: unpaid orders past their 15 minutes are closed for good (the reconciliation counts them as expired). */
export async function definePaymentJobs(ctx: AppContext) {
  await ctx.jobs.define(EXPIRE_JOB, async () => {
    const n = await expireOrders(ctx.db);
    if (n) ctx.log(`payments: ${n} unpaid order(s) expired`);
  }, '*/5 * * * *');
}

import type { Executor } from '../../platform/db/database.ts';
import type { OrgUnit } from '../agencies/service.ts';
import type { PaymentGateway } from './gateway.ts';
import { presentOrder } from './service.ts';

/**
 * The finance officer's daily check: the agency's orders created or settled that Vietnamese day,
 * totals, and each gateway transaction matched with an order (by transaction number and amount).
 * Anything that does not match is listed as a discrepancy to investigate.
 */
export async function reconciliation(db: Executor, gateway: PaymentGateway, agency: OrgUnit, date: string) {
  const from = new Date(`${date}T00:00:00+07:00`);
  const to = new Date(from.getTime() + 86400_000);
  const rows = await db.selectFrom('payment_order').selectAll().where('agency_id', '=', agency.id)
    .where((eb) => eb.or([eb.and([eb('created_at', '>=', from), eb('created_at', '<', to)]), eb.and([eb('settled_at', '>=', from), eb('settled_at', '<', to)])]))
    .orderBy('created_at').execute();
  const orders = rows.map(presentOrder);
  const paid = orders.filter((o) => o.status === 'paid' && o.settledAt && o.settledAt >= from && o.settledAt < to);
  const totals = {
    orders: orders.length,
    paid: paid.length,
    paidAmount: paid.reduce((s, o) => s + o.amount, 0),
    failed: orders.filter((o) => o.status === 'failed').length,
    pending: orders.filter((o) => o.status === 'pending').length,
    expired: orders.filter((o) => o.status === 'expired').length,
    cancelled: orders.filter((o) => o.status === 'cancelled').length,
    needsReview: orders.filter((o) => o.needsReview).length,
  };

  let gatewayReport: Awaited<ReturnType<PaymentGateway['report']>> | null = null;
  let gatewayError: string | null = null;
  try {
    gatewayReport = await gateway.report(agency.code, date);
  } catch (e) {
    gatewayError = (e as Error).message;
  }
  const discrepancies: { kind: 'paid_at_gateway_only' | 'missing_at_gateway' | 'amount_mismatch'; orderNo: string; transactionNo: string | null; amount: number; gatewayAmount?: number }[] = [];
  let gatewayPaidAmount: number | null = null;
  if (gatewayReport) {
    const ok = gatewayReport.filter((t) => t.status === 'success');
    gatewayPaidAmount = ok.reduce((s, t) => s + t.amount, 0);
    const byTx = new Map(paid.map((o) => [o.transactionNo, o]));
    for (const t of ok) {
      const o = byTx.get(t.transactionNo);
      if (!o) discrepancies.push({ kind: 'paid_at_gateway_only', orderNo: t.orderNo, transactionNo: t.transactionNo, amount: t.amount });
      else if (o.amount !== t.amount) discrepancies.push({ kind: 'amount_mismatch', orderNo: o.orderNo, transactionNo: t.transactionNo, amount: o.amount, gatewayAmount: t.amount });
    }
    const gwTx = new Set(ok.map((t) => t.transactionNo));
    for (const o of paid) if (!o.transactionNo || !gwTx.has(o.transactionNo)) discrepancies.push({ kind: 'missing_at_gateway', orderNo: o.orderNo, transactionNo: o.transactionNo, amount: o.amount });
  }
  return {
    agency: { code: agency.code, name: agency.name }, date, orders, totals,
    gateway: { paidAmount: gatewayPaidAmount, transactions: gatewayReport?.length ?? null, error: gatewayError },
    matched: !!gatewayReport && discrepancies.length === 0,
    discrepancies,
  };
}

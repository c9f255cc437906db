import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { getOrgUnit } from '../agencies/service.ts';
import { act, canView, loadForUpdate } from '../dossiers/actions.ts';
import { Status } from '../dossiers/status.ts';
import { dossierBasics } from '../dossiers/queries.ts';
import { treasuryAccount, vietQr, type PaymentGateway } from './gateway.ts';
import { verify } from './signing.ts';
import type { PaymentOrderTable } from './tables.ts';
import type { Selectable } from 'kysely';
import './tables.ts';

export type OrderRow = Selectable<PaymentOrderTable>;

/** How long a checkout link and its VietQR code may be paid. */
export const ORDER_TTL_MS = 15 * 60_000;

/** Vietnam's calendar day of an instant (YYYY-MM-DD). */
export const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export function presentOrder(o: OrderRow) {
  return {
    id: o.id, orderNo: o.order_no, dossierId: o.dossier_id, dossierCode: o.dossier_code, amount: Number(o.amount), description: o.description,
    // An open order past its time is shown as expired (it is closed for good at the next "pay").
    status: o.status === 'pending' && o.expires_at.getTime() <= Date.now() ? 'expired' as const : o.status, expiresAt: o.expires_at, createdAt: o.created_at, settledAt: o.settled_at, transactionNo: o.transaction_no,
    receiptNo: o.receipt_no, failureReason: o.failure_reason, needsReview: o.needs_review,
  };
}

function newOrderNo(now: Date) {
  return `MC${vnDay(now).replace(/-/g, '')}${crypto.randomBytes(5).toString('hex').toUpperCase()}`;
}

export interface CreateOrderContext { gateway: PaymentGateway; callbackUrl: string; returnUrl: string }

/**
 * Opens (or returns the open) payment order for a dossier waiting for its fee. The dossier row is
 * locked first, so two clicks on "pay" at once serialise and the second finds the first's order.
 */
export async function openOrder(tx: Tx, p: Principal, dossierId: string, c: CreateOrderContext) {
  const d = await loadForUpdate(tx, dossierId);
  if (!d || !(await canView(tx, d, p))) throw problems.notFound('hồ sơ', 'Dossier');
  if (p.kind !== 'citizen' || d.applicant_user_id !== p.userId) {
    throw new Problem(403, 'forbidden', 'Chỉ người nộp hồ sơ mới thanh toán trực tuyến.', 'Only the applicant pays online.');
  }
  if (d.status !== Status.PaymentRequested || !d.fee_amount) {
    throw problems.conflict('Hồ sơ không ở trạng thái chờ thực hiện nghĩa vụ tài chính.', 'The dossier is not waiting for payment.', { currentStatus: d.status });
  }
  const now = new Date();
  // An open order past its time is closed first: the citizen gets a fresh link and code.
  await tx.updateTable('payment_order').set({ status: 'expired', settled_at: now })
    .where('dossier_id', '=', d.id).where('status', '=', 'pending').where('expires_at', '<=', now).execute();
  let order = await tx.selectFrom('payment_order').selectAll().where('dossier_id', '=', d.id).where('status', '=', 'pending').executeTakeFirst();
  let created = false;
  if (!order) {
    const agency = await getOrgUnit(tx, d.agency_id);
    order = await tx.insertInto('payment_order').values({
      order_no: newOrderNo(now), dossier_id: d.id, dossier_code: d.code, procedure_name: d.procedure_name, agency_id: d.agency_id, payer_user_id: p.userId, payer_name: p.name,
      amount: d.fee_amount, description: `Phí, lệ phí hồ sơ ${d.code}${agency ? ` - ${agency.name}` : ''}`.slice(0, 250),
      expires_at: new Date(now.getTime() + ORDER_TTL_MS),
    }).returningAll().executeTakeFirstOrThrow();
    created = true;
  }
  return { created, body: await checkout(tx, order, c) };
}

async function checkout(db: Executor, o: OrderRow, c: CreateOrderContext) {
  const agency = await getOrgUnit(db, o.agency_id);
  const amount = Number(o.amount);
  return {
    ...presentOrder(o),
    checkoutUrl: c.gateway.checkoutUrl({
      merchantId: agency!.code, orderNo: o.order_no, amount, description: o.description,
      callbackUrl: c.callbackUrl, returnUrl: c.returnUrl, expiresAt: o.expires_at.toISOString(),
    }),
    vietQr: await vietQr(treasuryAccount(agency!.code, vnDay(o.created_at)), amount, o.order_no),
  };
}

/** The dossier's orders, newest first, with the open one's checkout link and VietQR code. */
export async function ordersOf(db: Executor, p: Principal, dossierId: string, c: CreateOrderContext) {
  if (!(await visible(db, p, dossierId))) throw problems.notFound('hồ sơ', 'Dossier');
  const rows = await db.selectFrom('payment_order').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at', 'desc').execute();
  const now = Date.now();
  return Promise.all(rows.map(async (o) => (o.status === 'pending' && o.expires_at.getTime() > now && p.userId === o.payer_user_id ? checkout(db, o, c) : presentOrder(o))));
}

export interface CallbackResult { status: number; body: Record<string, unknown> }

/**
 * The gateway's signed result. Verified first (a forged one changes nothing); a replay of a
 * transaction already handled answers what the first answered; success confirms the payment on
 * the dossier (append-only action, method "online", with the receipt number) in the same
 * transaction that marks the order paid; failure marks the order failed (the citizen may retry).
 */
export async function handleCallback(db: Db, secret: string, payload: Record<string, unknown>, signature: unknown): Promise<CallbackResult> {
  const fields = { ...payload };
  const orderNo = typeof fields.orderNo === 'string' ? fields.orderNo.slice(0, 100) : null;
  const transactionNo = typeof fields.transactionNo === 'string' ? fields.transactionNo.slice(0, 100) : null;
  if (!verify(secret, fields, signature)) {
    await db.insertInto('payment_callback').values({ order_no: orderNo, transaction_no: transactionNo, payload: JSON.stringify(payload), signature_valid: false, response_status: 401, response: null }).execute();
    throw new Problem(401, 'invalid_signature', 'Chữ ký của cổng thanh toán không hợp lệ.', 'The payment gateway signature is invalid.');
  }
  return db.transaction().execute(async (tx) => {
    if (!orderNo || !transactionNo || !['success', 'failure'].includes(String(fields.status))) {
      throw new Problem(400, 'bad_callback', 'Thiếu mã đơn, mã giao dịch hoặc kết quả.', 'Order, transaction or outcome missing.');
    }
    // One transaction at a time per gateway transaction: a concurrent replay waits, then finds the stored answer.
    await sql`select pg_advisory_xact_lock(hashtext(${`payment:${transactionNo}`}))`.execute(tx);
    const prev = await tx.selectFrom('payment_callback').select(['response']).where('transaction_no', '=', transactionNo)
      .where('signature_valid', '=', true).where('response_status', '=', 200).executeTakeFirst();
    if (prev) return { status: 200, body: { ...(prev.response as Record<string, unknown>), replayed: true } };

    const order = await tx.selectFrom('payment_order').selectAll().where('order_no', '=', orderNo).forUpdate().executeTakeFirst();
    if (!order) throw problems.notFound('đơn thanh toán', 'Payment order');
    const amount = Number(fields.amount);
    if (amount !== Number(order.amount)) {
      throw new Problem(422, 'amount_mismatch', `Số tiền ${fields.amount} không khớp với đơn (${order.amount}).`, `Amount ${fields.amount} does not match the order (${order.amount}).`);
    }
    const agency = await getOrgUnit(tx, order.agency_id);
    if (fields.merchantId !== agency?.code) throw new Problem(422, 'merchant_mismatch', 'Đơn vị nhận tiền không khớp với đơn.', 'The merchant does not match the order.');
    const now = new Date();
    let body: Record<string, unknown>;
    if (fields.status === 'success') {
      if (order.status === 'paid') {
        // Paid twice at the gateway (a different transaction): keep the first, flag for refund.
        body = { orderNo, status: 'paid', receiptNo: order.receipt_no, duplicate: true };
      } else {
        const seq = await sql<{ n: string }>`select nextval('payment_receipt_seq') as n`.execute(tx);
        const receiptNo = `BL${vnDay(now).slice(0, 4)}-${String(seq.rows[0].n).padStart(7, '0')}`;
        const d = await loadForUpdate(tx, order.dossier_id);
        const awaiting = !!d && d.status === Status.PaymentRequested;
        if (awaiting) {
          const payer: Principal = { kind: 'citizen', userId: order.payer_user_id, sessionId: 'payment-gateway', name: order.payer_name, roles: [] };
          await act(tx, payer, d.id, 'confirm_payment', {
            version: d.version, amount, method: 'online', receiptNo,
            note: `Thanh toán trực tuyến, mã giao dịch ${transactionNo}, biên lai ${receiptNo}`,
          });
        }
        await tx.updateTable('payment_order').set({ status: 'paid', settled_at: now, transaction_no: transactionNo, receipt_no: receiptNo, needs_review: !awaiting, failure_reason: null })
          .where('id', '=', order.id).execute();
        body = { orderNo, status: 'paid', receiptNo, ...(awaiting ? {} : { needsReview: true }) };
      }
    } else {
      if (order.status === 'pending') {
        await tx.updateTable('payment_order').set({ status: 'failed', settled_at: now, failure_reason: String(fields.reason ?? 'failure').slice(0, 500) })
          .where('id', '=', order.id).execute();
      }
      body = { orderNo, status: order.status === 'pending' ? 'failed' : order.status };
    }
    body = { received: true, ...body };
    await tx.insertInto('payment_callback').values({ order_no: orderNo, transaction_no: transactionNo, payload: JSON.stringify(payload), signature_valid: true, response_status: 200, response: JSON.stringify(body) }).execute();
    return { status: 200, body };
  });
}

/** One order, for its payer or the staff of its agency (else 404). */
export async function orderFor(db: Executor, p: Principal, id: string) {
  const o = await db.selectFrom('payment_order').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) return undefined;
  if (o.payer_user_id === p.userId) return o;
  if (p.kind === 'staff' && (await visible(db, p, o.dossier_id))) return o;
  return undefined;
}

async function visible(db: Executor, p: Principal, dossierId: string) {
  const d = await dossierBasics(db, dossierId);
  return !!d && canView(db, { agency_id: d.agencyId, applicant_user_id: d.applicantUserId }, p);
}

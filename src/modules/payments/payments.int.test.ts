import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { as, type Api } from '../../../test/server.ts';
import { step, submit, useDossierSuite } from '../../../test/dossiers.ts';
import { pdfToText } from '../slips/test-helpers.ts';
import { sign } from './signing.ts';

const s = useDossierSuite();
const AGENCY = '000.00.11.H26';
const FEE = 200000;

/** An's dossier at the city police, received, forwarded and now waiting for a 200.000 đ fee. */
async function dossierAwaitingFee(): Promise<string> {
  const id = (await submit(s.citizen, s.proc)).body.id as string;
  const desk = await as(s.srv.base, 'catp.tiepnhan');
  await step(desk, id, 'receive');
  await step(desk, id, 'forward');
  await step(await as(s.srv.base, 'catp.canbo'), id, 'request-payment', { amount: FEE, description: 'Phí cung cấp thông tin lý lịch tư pháp' });
  return id;
}

const dossier = async (id: string) => (await s.citizen.get(`/api/v1/dossiers/${id}`)).body;
const orders = async (id: string) => (await s.citizen.get(`/api/v1/dossiers/${id}/payments`)).body.items as any[];

/** The payer at the gateway's checkout page (a real HTTP server of its own): opens it, then presses success or failure. */
async function payAtGateway(checkoutUrl: string, outcome: 'success' | 'failure') {
  const page = await fetch(checkoutUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('200.000');
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(m[1], m[2].replace(/&#(\d+);/g, (_x, c) => String.fromCharCode(Number(c))));
  }
  form.set('outcome', outcome);
  const res = await fetch(new URL('checkout/complete', checkoutUrl), { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location')!);
}

const secret = () => fs.readFileSync(path.join(s.srv.dataDir, 'payment-gateway', 'secret'), 'utf8').trim();
const callback = (api: Api, msg: Record<string, unknown>, signature: string) =>
  api.post('/api/v1/payments/callback', msg, { 'x-signature': signature });

describe('online payment of a dossier fee', () => {
  it('pays successfully: order with VietQR and checkout link, gateway callback confirms the payment, receipt PDF in words', async () => {
    const id = await dossierAwaitingFee();
    expect((await dossier(id)).status).toBe(6);
    const r = await s.citizen.post(`/api/v1/dossiers/${id}/payments`, {});
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ amount: FEE, status: 'pending' });
    expect(r.body.vietQr.content).toMatch(/^000201/); // EMVCo payload
    expect(r.body.vietQr.content).toContain(r.body.orderNo);
    expect(r.body.vietQr.image).toMatch(/^data:image\/png;base64,/);
    expect(new URL(r.body.checkoutUrl).origin).not.toBe(new URL(s.srv.base).origin); // the gateway is another server

    const back = await payAtGateway(r.body.checkoutUrl, 'success');
    expect(back.pathname).toBe(`/ho-so/${id}`);
    expect(back.searchParams.get('payment')).toBe('success');

    const d = await dossier(id);
    expect(d.status).toBe(4); // back in process
    const [o] = await orders(id);
    expect(o).toMatchObject({ status: 'paid', amount: FEE });
    expect(o.receiptNo).toMatch(/^BL\d{4}-\d{7}$/);
    // The dossier's append-only log shows the confirmation, paid online, with the receipt number.
    const confirm = (d.tracking as any[]).find((a) => a.action === 'confirm_payment');
    expect(confirm.data).toMatchObject({ method: 'online', receiptNo: o.receiptNo, amount: FEE });
    expect(confirm.note).toContain(o.transactionNo);

    const pdf = await s.citizen.get(`/api/v1/payments/${o.id}/receipt.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const text = pdfToText(pdf.body).flat;
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain('Hai trăm nghìn đồng');
    expect(text).toContain('200.000 đồng');
    expect(text).toContain(o.receiptNo);
    // The agency's staff get it too; another citizen does not learn it exists.
    expect((await (await as(s.srv.base, 'catp.tiepnhan')).get(`/api/v1/payments/${o.id}/receipt.pdf`)).status).toBe(200);
    expect((await (await as(s.srv.base, '001195006789')).get(`/api/v1/payments/${o.id}/receipt.pdf`)).status).toBe(404);
  });

  it('a failed payment leaves the dossier waiting; the citizen tries again and succeeds', async () => {
    const id = await dossierAwaitingFee();
    const first = (await s.citizen.post(`/api/v1/dossiers/${id}/payments`, {})).body;
    const back = await payAtGateway(first.checkoutUrl, 'failure');
    expect(back.searchParams.get('payment')).toBe('failure');
    expect((await dossier(id)).status).toBe(6);
    expect((await orders(id))[0]).toMatchObject({ id: first.id, status: 'failed' });
    // No receipt for a failed order.
    expect((await s.citizen.get(`/api/v1/payments/${first.id}/receipt.pdf`)).status).toBe(409);

    const second = await s.citizen.post(`/api/v1/dossiers/${id}/payments`, {});
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.id);
    await payAtGateway(second.body.checkoutUrl, 'success');
    expect((await dossier(id)).status).toBe(4);
    const list = await orders(id);
    expect(list.map((o) => o.status)).toEqual(['paid', 'failed']);
  });

  it('a double click on "pay" opens one order (concurrent clicks, and a retried request with the same Idempotency-Key)', async () => {
    const id = await dossierAwaitingFee();
    const [a, b] = await Promise.all([s.citizen.post(`/api/v1/dossiers/${id}/payments`, {}), s.citizen.post(`/api/v1/dossiers/${id}/payments`, {})]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const c = await s.citizen.post(`/api/v1/dossiers/${id}/payments`, {}, { 'idempotency-key': `pay-${id}` });
    const d = await s.citizen.post(`/api/v1/dossiers/${id}/payments`, {}, { 'idempotency-key': `pay-${id}` });
    expect(c.body.id).toBe(a.body.id);
    expect(d.body.id).toBe(a.body.id);
    expect(await orders(id)).toHaveLength(1);
  });

  it('a replayed callback changes nothing and answers the same', async () => {
    const id = await dossierAwaitingFee();
    const order = (await s.citizen.post(`/api/v1/dossiers/${id}/payments`, {})).body;
    await payAtGateway(order.checkoutUrl, 'success');
    const before = await dossier(id);
    const [paid] = await orders(id);
    const msg = { merchantId: AGENCY, orderNo: paid.orderNo, transactionNo: paid.transactionNo, amount: FEE, status: 'success', paidAt: new Date().toISOString() };
    const anon = new (await import('../../../test/server.ts')).Api(s.srv.base);
    const r1 = await callback(anon, msg, sign(secret(), msg));
    const r2 = await callback(anon, msg, sign(secret(), msg));
    for (const r of [r1, r2]) {
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ received: true, orderNo: paid.orderNo, status: 'paid', receiptNo: paid.receiptNo, replayed: true });
    }
    const after = await dossier(id);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe(4);
    expect((await orders(id))[0]).toMatchObject({ status: 'paid', receiptNo: paid.receiptNo, settledAt: paid.settledAt });
  });

  it('a forged or tampered callback is rejected and nothing changes', async () => {
    const id = await dossierAwaitingFee();
    const order = (await s.citizen.post(`/api/v1/dossiers/${id}/payments`, {})).body;
    const before = await dossier(id);
    const anon = new (await import('../../../test/server.ts')).Api(s.srv.base);
    const msg = { merchantId: AGENCY, orderNo: order.orderNo, transactionNo: 'FORGED1', amount: FEE, status: 'success', paidAt: new Date().toISOString() };
    expect((await callback(anon, msg, sign('not-the-shared-secret', msg))).status).toBe(401);
    expect((await callback(anon, msg, '')).status).toBe(401);
    // Signed for 1 đồng, then the amount changed in transit.
    const cheap = { ...msg, amount: 1 };
    expect((await callback(anon, { ...cheap, amount: FEE }, sign(secret(), cheap))).status).toBe(401);
    // Correctly signed but for another amount than the order's: refused too.
    expect((await callback(anon, cheap, sign(secret(), cheap))).status).toBe(422);
    const after = await dossier(id);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe(6);
    expect((await orders(id))[0]).toMatchObject({ id: order.id, status: 'pending', transactionNo: null });
    // The genuine payment still goes through afterwards.
    await payAtGateway(order.checkoutUrl, 'success');
    expect((await dossier(id)).status).toBe(4);
  });

  it('only the applicant pays, and only while the dossier waits for payment', async () => {
    const id = await dossierAwaitingFee();
    expect((await (await as(s.srv.base, '001195006789')).post(`/api/v1/dossiers/${id}/payments`, {})).status).toBe(404);
    expect((await (await as(s.srv.base, 'catp.tiepnhan')).post(`/api/v1/dossiers/${id}/payments`, {})).status).toBe(403);
    const other = (await submit(s.citizen, s.proc)).body.id as string;
    expect((await s.citizen.post(`/api/v1/dossiers/${other}/payments`, {})).status).toBe(409);
  });

  it("gives the agency's supervisor a daily reconciliation matching the gateway's report", async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const sup = await as(s.srv.base, 'catp.giamsat');
    const r = await sup.get(`/api/v1/payments/reconciliation?agencyCode=${AGENCY}&date=${today}`);
    expect(r.status).toBe(200);
    expect(r.body.totals.paid).toBeGreaterThanOrEqual(4);
    expect(r.body.totals.paidAmount).toBe(r.body.totals.paid * FEE);
    expect(r.body.totals.failed).toBeGreaterThanOrEqual(1);
    expect(r.body.gateway).toMatchObject({ paidAmount: r.body.totals.paidAmount, error: null });
    expect(r.body.discrepancies).toEqual([]);
    expect(r.body.matched).toBe(true);
    expect((await (await as(s.srv.base, 'catp.canbo')).get(`/api/v1/payments/reconciliation?agencyCode=${AGENCY}&date=${today}`)).status).toBe(403);
    expect((await (await as(s.srv.base, 'badinh.chutich')).get(`/api/v1/payments/reconciliation?agencyCode=${AGENCY}&date=${today}`)).status).toBe(403);
  });

  it('the desk takes the fee in cash: the open order is cancelled; a late gateway success is recorded for review, the dossier unchanged', async () => {
    const id = await dossierAwaitingFee();
    const order = (await s.citizen.post(`/api/v1/dossiers/${id}/payments`, {})).body;
    await step(await as(s.srv.base, 'catp.tiepnhan'), id, 'confirm-payment', { method: 'cash', receiptNo: 'TM-0001' });
    const [o] = await orders(id);
    expect(o).toMatchObject({ id: order.id, status: 'cancelled' });
    expect(o.checkoutUrl).toBeUndefined(); // no link or VietQR offered any more
    const before = await dossier(id);
    expect(before.status).toBe(4);
    // The citizen had the gateway page open and pays anyway.
    await payAtGateway(order.checkoutUrl, 'success');
    const [late] = await orders(id);
    expect(late).toMatchObject({ status: 'paid', needsReview: true });
    const after = await dossier(id);
    expect(after.version).toBe(before.version);
    expect((after.tracking as any[]).filter((a) => a.action === 'confirm_payment')).toHaveLength(1);
  });

  it('unpaid orders past their time are expired by the payments.expire job', async () => {
    const id = await dossierAwaitingFee();
    const order = (await s.citizen.post(`/api/v1/dossiers/${id}/payments`, {})).body;
    await s.srv.ctx.jobs.runNow('payments.expire');
    expect((await s.srv.ctx.db.selectFrom('payment_order').select('status').where('id', '=', order.id).executeTakeFirstOrThrow()).status).toBe('pending');
    await s.srv.ctx.db.updateTable('payment_order').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', order.id).execute();
    await s.srv.ctx.jobs.runNow('payments.expire');
    const row = await s.srv.ctx.db.selectFrom('payment_order').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
    expect(row.settled_at).toBeTruthy();
    // A new "pay" opens a fresh order.
    const again = await s.citizen.post(`/api/v1/dossiers/${id}/payments`, {});
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(order.id);
  });
});

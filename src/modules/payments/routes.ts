import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { getAgencyByCode, getOrgUnit } from '../agencies/service.ts';
import { hasRoleAt, requireSignedIn, requireStaff } from '../identity/authz.ts';
import { startPaymentGatewaySimulator } from '../../simulators/payment-gateway/server.ts';
import { PaymentGateway, treasuryAccount } from './gateway.ts';
import { gatewaySecret } from './signing.ts';
import { handleCallback, openOrder, orderFor, ordersOf, vnDay, type CreateOrderContext } from './service.ts';
import { reconciliation } from './reconciliation.ts';
import { renderPaymentReceipt } from './receipt-pdf.ts';
import { exemptionProblems, exemptionRefused, exemptionsFor, quoteFee } from './fees.ts';
import { versionOn, localToday } from '../catalog/service.ts';
import './tables.ts';

/**
 * The gateway named by PAYMENT_GATEWAY_URL, else the bundled simulator started on its own port
 * (PAYMENT_SIM_PORT, default: any free port) — a separate HTTP server, as a real gateway would be.
 */
async function gatewayFor(app: FastifyInstance, ctx: AppContext, secret: string): Promise<PaymentGateway> {
  const external = process.env.PAYMENT_GATEWAY_URL;
  if (external) return new PaymentGateway(external.replace(/\/$/, ''), secret);
  const sim = await startPaymentGatewaySimulator({
    secret, port: Number(process.env.PAYMENT_SIM_PORT ?? 0), host: ctx.config.host, publicUrl: process.env.PAYMENT_SIM_PUBLIC_URL,
  });
  app.addHook('onClose', async () => sim.close());
  ctx.log(`payment gateway: bundled simulator at ${sim.url}`);
  return new PaymentGateway(sim.url, secret);
}

export async function paymentRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secret = gatewaySecret(ctx.config.dataDir);
  const gateway = await gatewayFor(app, ctx, secret);

  /** Where the gateway calls back (server to server): PAYMENT_CALLBACK_URL, else this server's listening address. */
  const callbackUrl = () => {
    if (process.env.PAYMENT_CALLBACK_URL) return process.env.PAYMENT_CALLBACK_URL;
    const a = app.server.address() as AddressInfo;
    const host = ['0.0.0.0', '::'].includes(a.address) ? '127.0.0.1' : a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}/api/v1/payments/callback`;
  };
  /** Where the payer's browser returns: the citizen's dossier page on the address they use. */
  const orderContext = (req: FastifyRequest, dossierId: string): CreateOrderContext => ({
    gateway, callbackUrl: callbackUrl(), returnUrl: `${ctx.config.eidBaseUrl ?? `${req.protocol}://${req.host}`}/ho-so/${dossierId}`,
  });
  const params = z.object({ id: z.uuid() });

  r.post('/dossiers/:id/payments', {
    schema: { tags: ['payments'], summary: 'Pay the fee the dossier waits for online: opens (or returns the open) payment order with its checkout link and VietQR code', params },
  }, async (req, reply) => {
    const p = requireSignedIn(req.principal);
    const res = await runCommand(ctx.db, req, async (tx) => {
      const { created, body } = await openOrder(tx, p, req.params.id, orderContext(req, req.params.id));
      return { status: created ? 201 : 200, body };
    });
    reply.status(res.status);
    return res.body;
  });

  r.get('/dossiers/:id/payments', { schema: { tags: ['payments'], summary: "The dossier's payment orders (newest first)", params } }, async (req) => {
    const p = requireSignedIn(req.principal);
    return { items: await ordersOf(ctx.db, p, req.params.id, orderContext(req, req.params.id)) };
  });

  r.post('/payments/callback', {
    schema: {
      tags: ['payments'], summary: "The payment gateway's signed result (HMAC-SHA256 in X-Signature over the canonical payload); idempotent",
      body: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    },
  }, async (req, reply) => {
    const res = await handleCallback(ctx.db, secret, req.body, req.headers['x-signature']);
    reply.status(res.status);
    return res.body;
  });

  r.get('/payments/:id/receipt.pdf', { schema: { tags: ['payments'], summary: 'The electronic receipt (biên lai) of a paid order, for the payer and the agency staff', params } }, async (req, reply) => {
    const p = requireSignedIn(req.principal);
    const o = await orderFor(ctx.db, p, req.params.id);
    if (!o) throw problems.notFound('đơn thanh toán', 'Payment order');
    if (o.status !== 'paid' || !o.receipt_no || !o.settled_at) throw problems.conflict('Đơn chưa được thanh toán: chưa có biên lai.', 'The order is not paid: no receipt yet.', { status: o.status });
    const agency = await getOrgUnit(ctx.db, o.agency_id);
    const pdf = await renderPaymentReceipt({
      agencyName: agency?.name ?? '', parentName: 'Ủy ban nhân dân thành phố Hà Nội', receiptNo: o.receipt_no, paidAt: o.settled_at,
      payerName: o.payer_name, dossierCode: o.dossier_code, procedureName: o.procedure_name, description: o.description,
      amount: Number(o.amount), orderNo: o.order_no, transactionNo: o.transaction_no ?? '', account: treasuryAccount(agency?.code ?? '', vnDay(o.created_at)),
    });
    reply.type('application/pdf').header('content-disposition', `inline; filename="bien-lai-${o.receipt_no}.pdf"`);
    return pdf;
  });

  r.get('/payments/reconciliation', {
    schema: {
      tags: ['payments'], summary: "A day's payment orders of an agency checked against the gateway's report (supervisor/finance of the agency)",
      querystring: z.object({ agencyCode: z.string().min(1).max(50), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
    },
  }, async (req) => {
    const p = requireStaff(req.principal);
    const agency = await getAgencyByCode(ctx.db, req.query.agencyCode);
    if (!agency) throw problems.notFound('cơ quan', 'Agency');
    if (!(await hasRoleAt(ctx.db, p, ['supervisor'], agency.id))) {
      throw new Problem(403, 'forbidden', 'Chỉ cán bộ giám sát/tài chính của cơ quan mới xem được đối soát.', "Only the agency's supervisor/finance officer may see the reconciliation.");
    }
    return reconciliation(ctx.db, gateway, agency, req.query.date ?? vnDay(new Date()));
  });

  r.get('/procedures/:code/fee-quote', {
    schema: {
      tags: ['payments'],
      summary: "The fee a dossier of this procedure would owe (before submitting): the version's fee rows, the online discount, a '0 đồng' policy in force, a claimed exemption, the total; and the exemptions one may claim",
      params: z.object({ code: z.string().max(30) }),
      querystring: z.object({
        channel: z.enum(['online', 'in_person']).default('online'),
        exemption: z.string().max(60).optional().describe('the code of an exemption (miễn, giảm) claimed'),
        onDate: z.iso.date().optional().describe('default: today in Hanoi'),
      }),
    },
  }, async (req) => {
    const day = req.query.onDate ?? localToday();
    const v = await versionOn(ctx.db, req.params.code, day);
    if (!v) throw problems.notFound(`thủ tục ${req.params.code}`, `Procedure ${req.params.code}`);
    if (req.query.exemption) {
      const errs = exemptionProblems(v, req.query.exemption, day, 'exemption');
      if (errs.length) throw exemptionRefused(errs);
    }
    const quote = (await quoteFee(ctx.db, v, { day, channel: req.query.channel, exemptionCode: req.query.exemption }))!;
    return { ...quote, exemptionsAvailable: exemptionsFor(v.definition.code, day) };
  });
}

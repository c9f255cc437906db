import Fastify, { type FastifyInstance } from 'fastify';
import crypto from 'node:crypto';
import { sign, verify } from '../../modules/payments/signing.ts';

/**
 * A demo payment gateway (VNPay-like), an EXTERNAL system to Motcua: it knows only what the signed
 * checkout link carries and its own in-memory ledger — never Motcua's database. The merchant
 * sends the payer to GET /checkout?…&signature=…; the payer chooses success or failure; the
 * gateway then POSTs a signed result to the merchant's callback URL and sends the payer back.
 * GET /api/reports?merchantId=&date=&signature= lists a day's transactions for reconciliation.
 */
export interface GatewayTransaction {
  transactionNo: string;
  merchantId: string;
  orderNo: string;
  amount: number;
  status: 'success' | 'failure';
  at: string;
  callbackStatus: number | null;
}

export interface PaymentGatewaySimulator {
  url: string;
  transactions: GatewayTransaction[];
  close(): Promise<void>;
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const CHECKOUT_FIELDS = ['merchantId', 'orderNo', 'amount', 'description', 'callbackUrl', 'returnUrl', 'expiresAt'] as const;
/** The gateway's business day is Vietnam's. */
const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

function page(title: string, body: string) {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.card{border:1px solid #ccc;border-radius:8px;padding:1rem 1.25rem}dt{color:#555;font-size:.9rem}dd{margin:0 0 .6rem;font-weight:600}
button{font-size:1rem;padding:.6rem 1rem;margin:.25rem .5rem .25rem 0;border-radius:6px;border:1px solid #555;cursor:pointer}
.ok{background:#0b6b2f;color:#fff;border-color:#0b6b2f}.no{background:#fff;color:#a4001d;border-color:#a4001d}.demo{background:#fff4ce;padding:.5rem;border-radius:6px}</style></head>
<body><p class="demo">Cổng thanh toán <strong>mô phỏng</strong> (demo) — không có tiền thật được chuyển. <span lang="en">Simulated payment gateway — no real money moves.</span></p>${body}</body></html>`;
}

export async function startPaymentGatewaySimulator(o: { secret: string; port?: number; host?: string; publicUrl?: string }): Promise<PaymentGatewaySimulator> {
  const app: FastifyInstance = Fastify({ logger: false });
  const transactions: GatewayTransaction[] = [];
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const readOrder = (q: Record<string, string | undefined>) => {
    const fields: Record<string, string> = {};
    for (const k of CHECKOUT_FIELDS) fields[k] = q[k] ?? '';
    if (!verify(o.secret, fields, q.signature)) return { error: 'Chữ ký của đường dẫn thanh toán không hợp lệ. / Invalid checkout signature.' } as const;
    const amount = Number(fields.amount);
    if (!Number.isSafeInteger(amount) || amount <= 0) return { error: 'Số tiền không hợp lệ. / Invalid amount.' } as const;
    if (!(new Date(fields.expiresAt).getTime() > Date.now())) return { error: 'Đơn thanh toán đã hết hạn. / The payment order has expired.' } as const;
    return { fields, amount, signature: q.signature! } as const;
  };

  app.get('/checkout', async (req, reply) => {
    const r = readOrder(req.query as Record<string, string>);
    reply.type('text/html; charset=utf-8');
    if ('error' in r) return reply.status(400).send(page('Lỗi thanh toán', `<h1>Không thể thanh toán</h1><p>${esc(r.error)}</p>`));
    const paid = transactions.find((t) => t.orderNo === r.fields.orderNo && t.status === 'success');
    if (paid) return page('Đã thanh toán', `<h1>Đơn đã được thanh toán</h1><p>Mã giao dịch ${esc(paid.transactionNo)}.</p><p><a href="${esc(r.fields.returnUrl)}">Quay lại / Back</a></p>`);
    const hidden = [...CHECKOUT_FIELDS, 'signature'].map((k) => `<input type="hidden" name="${k}" value="${esc(k === 'signature' ? r.signature : r.fields[k])}">`).join('');
    return page('Thanh toán', `<h1>Thanh toán trực tuyến</h1><div class="card"><dl>
<dt>Đơn vị nhận / Merchant</dt><dd>${esc(r.fields.merchantId)}</dd><dt>Mã đơn / Order</dt><dd>${esc(r.fields.orderNo)}</dd>
<dt>Nội dung / Description</dt><dd>${esc(r.fields.description)}</dd><dt>Số tiền / Amount</dt><dd>${esc(r.amount.toLocaleString('vi-VN'))} đồng</dd></dl>
<form method="post" action="checkout/complete">${hidden}
<button class="ok" name="outcome" value="success">Thanh toán thành công / Pay (success)</button>
<button class="no" name="outcome" value="failure">Thanh toán thất bại / Fail</button></form></div>`);
  });

  app.post('/checkout/complete', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const r = readOrder(body);
    reply.type('text/html; charset=utf-8');
    if ('error' in r) return reply.status(400).send(page('Lỗi thanh toán', `<h1>Không thể thanh toán</h1><p>${esc(r.error)}</p>`));
    const already = transactions.find((t) => t.orderNo === r.fields.orderNo && t.status === 'success');
    const outcome = body.outcome === 'success' ? 'success' : 'failure';
    const tx: GatewayTransaction = already ?? {
      transactionNo: `GW${Date.now().toString(36).toUpperCase()}${crypto.randomBytes(3).toString('hex').toUpperCase()}`,
      merchantId: r.fields.merchantId, orderNo: r.fields.orderNo, amount: r.amount, status: outcome, at: new Date().toISOString(), callbackStatus: null,
    };
    if (!already) transactions.push(tx);
    // The merchant is told server to server (signed), then the payer goes back to the merchant's page.
    const msg: Record<string, unknown> = { merchantId: tx.merchantId, orderNo: tx.orderNo, transactionNo: tx.transactionNo, amount: tx.amount, status: tx.status, paidAt: tx.at };
    if (tx.status === 'failure') msg.reason = 'Người thanh toán hủy hoặc thẻ bị từ chối (mô phỏng)';
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await fetch(r.fields.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': sign(o.secret, msg) }, body: JSON.stringify(msg), signal: AbortSignal.timeout(10_000) });
        tx.callbackStatus = res.status;
        await res.arrayBuffer();
        if (res.status < 500) break;
      } catch {
        tx.callbackStatus = null;
      }
      await new Promise((res) => setTimeout(res, 200 * 2 ** attempt));
    }
    const back = new URL(r.fields.returnUrl);
    back.searchParams.set('payment', tx.status);
    back.searchParams.set('orderNo', tx.orderNo);
    return reply.redirect(back.toString(), 303);
  });

  app.get('/api/reports', async (req, reply) => {
    const q = req.query as Record<string, string>;
    const fields = { merchantId: q.merchantId ?? '', date: q.date ?? '' };
    if (!verify(o.secret, fields, q.signature)) return reply.status(401).send({ error: 'invalid signature' });
    const items = transactions.filter((t) => t.merchantId === fields.merchantId && vnDay(new Date(t.at)) === fields.date)
      .map(({ callbackStatus: _c, ...t }) => t);
    return { merchantId: fields.merchantId, date: fields.date, transactions: items };
  });

  const addr = await app.listen({ port: o.port ?? 0, host: o.host ?? '127.0.0.1' });
  const url = (o.publicUrl ?? addr.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost')).replace(/\/$/, '');
  return { url, transactions, close: () => app.close() };
}

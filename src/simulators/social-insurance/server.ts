import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import crypto from 'node:crypto';
import { signRequest, verifyRequest, type SigningKey } from '../../modules/connector/signing.ts';
import { decide, validate, type Decision, type Operation } from './rules.ts';

/**
 * "BHXH Việt Nam — hệ thống mô phỏng": a SIMULATED Vietnam Social Security system, an EXTERNAL
 * system to Motcua with its own HTTP server and in-memory state (never Motcua's database).
 *
 * - POST /api/applications (signed, Idempotency-Key required) {operation, payload, callbackUrl}:
 *   201 {reference, status:'received'}; the same key and body again → 200 with the same reference;
 *   the same key with another body → 409; a structurally invalid payload → 422 {errors}.
 * - GET /api/applications/{reference} (signed): status, and the decision event once decided.
 * - After `delayMs` it decides (rules.ts) and POSTs the signed decision to the callbackUrl, retrying
 *   with backoff until a 2xx answer.
 * - Unavailable switch (503 on every API call): `setAvailable(false)`, or the button on GET /.
 * Every API answer is signed back with the same scheme (X-Key-Id, X-Timestamp, X-Signature).
 */
export interface SimApplication {
  reference: string;
  idempotencyKey: string;
  bodyHash: string;
  operation: Operation;
  payload: Record<string, unknown>;
  callbackUrl: string;
  receivedAt: string;
  status: 'received' | 'approved' | 'refused';
  event: DecisionEvent | null;
  callbackAttempts: number;
  callbackStatus: number | null;
}

export interface DecisionEvent extends Decision {
  eventId: string;
  reference: string;
  idempotencyKey: string;
  operation: Operation;
  decidedAt: string;
}

export interface SocialInsuranceSimulator {
  url: string;
  applications: SimApplication[];
  /** Requests received on the API (including refused ones), for tests and the demo page. */
  requests: { at: string; method: string; path: string; status: number }[];
  setAvailable(up: boolean): void;
  /** Decides now (and calls back); returns the event. Used by tests with `autoDecide: false`. */
  decideNow(reference: string): Promise<DecisionEvent>;
  /** Stops/restarts calling back (to test the status poll fallback). */
  setCallbacks(on: boolean): void;
  /** Milliseconds before deciding new applications; null = only through decideNow(). */
  setDelay(ms: number | null): void;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  key: SigningKey;
  port?: number;
  host?: string;
  publicUrl?: string;
  /** Milliseconds between receipt and decision (SOCIAL_INSURANCE_SIM_DELAY_MS, default 2000). */
  delayMs?: number;
  /** false: decide only through decideNow(). */
  autoDecide?: boolean;
  /** The simulator's clock (decision day); default now. */
  now?: () => Date;
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const hash = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** A stable JSON form (keys sorted) so "the same body" does not depend on key order. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

export async function startSocialInsuranceSimulator(o: SimulatorOptions): Promise<SocialInsuranceSimulator> {
  const app: FastifyInstance = Fastify({ logger: false });
  const now = o.now ?? (() => new Date());
  let delayMs: number | null = o.autoDecide === false ? null : o.delayMs ?? 2000;
  const applications: SimApplication[] = [];
  const requests: SocialInsuranceSimulator['requests'] = [];
  const timers = new Set<NodeJS.Timeout>();
  let available = true;
  let callbacks = true;
  let closed = false;
  let seq = 0;

  // Raw bodies: the signature covers the exact bytes.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const answer = (req: FastifyRequest, reply: FastifyReply, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    requests.push({ at: now().toISOString(), method: req.method, path: req.url, status });
    if (requests.length > 500) requests.shift();
    reply.status(status).type('application/json; charset=utf-8').headers(signRequest(o.key, 'ANSWER', req.url, text, Date.now()));
    return reply.send(text);
  };
  const checkSigned = (req: FastifyRequest) => verifyRequest(o.key, req.method, req.url, typeof req.body === 'string' ? req.body : '', req.headers, Date.now());

  const schedule = (fn: () => void, ms: number) => {
    if (closed) return;
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    timers.add(t);
  };

  async function callBack(a: SimApplication, attempt = 0): Promise<void> {
    if (closed || !a.event) return;
    if (!callbacks) { schedule(() => void callBack(a, attempt), 500); return; }
    const body = JSON.stringify(a.event);
    const url = new URL(a.callbackUrl);
    a.callbackAttempts++;
    try {
      const res = await fetch(url, {
        method: 'POST', body, signal: AbortSignal.timeout(10_000),
        headers: { 'content-type': 'application/json', ...signRequest(o.key, 'POST', url.pathname + url.search, body, Date.now()) },
      });
      a.callbackStatus = res.status;
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      a.callbackStatus = null;
    }
    if (attempt < 40) schedule(() => void callBack(a, attempt + 1), Math.min(60_000, 200 * 2 ** attempt));
  }

  async function decideNow(reference: string): Promise<DecisionEvent> {
    const a = applications.find((x) => x.reference === reference);
    if (!a) throw new Error(`unknown application ${reference}`);
    if (!a.event) {
      const d = decide(a.operation, a.payload, vnDay(now()));
      a.event = { eventId: `EV-${a.reference}`, reference: a.reference, idempotencyKey: a.idempotencyKey, operation: a.operation, decidedAt: now().toISOString(), ...d };
      a.status = d.decision;
      await callBack(a);
    }
    return a.event;
  }

  app.post('/api/applications', async (req, reply) => {
    if (!available) return answer(req, reply, 503, { error: 'Hệ thống BHXH tạm thời không phục vụ (mô phỏng). / Service unavailable (simulated).' });
    const v = checkSigned(req);
    if (!v.ok) return answer(req, reply, 401, { error: `Chữ ký không hợp lệ (${v.reason}). / Invalid signature.` });
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key || key.length > 200) return answer(req, reply, 400, { error: 'Thiếu Idempotency-Key. / Idempotency-Key required.' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(String(req.body ?? ''));
    } catch {
      return answer(req, reply, 400, { error: 'Nội dung không phải JSON. / Body is not JSON.' });
    }
    const bodyHash = hash(stable({ operation: body.operation, payload: body.payload }));
    const existing = applications.find((a) => a.idempotencyKey === key);
    if (existing) {
      if (existing.bodyHash !== bodyHash) return answer(req, reply, 409, { error: 'Idempotency-Key đã dùng cho hồ sơ khác. / Idempotency-Key reused with another body.', reference: existing.reference });
      reply.header('idempotent-replayed', 'true');
      return answer(req, reply, 200, { reference: existing.reference, status: existing.status });
    }
    const errors = validate(String(body.operation), body.payload);
    if (typeof body.callbackUrl !== 'string' || !/^https?:\/\//.test(body.callbackUrl)) errors.push('Thiếu địa chỉ gọi lại (callbackUrl).');
    if (errors.length) return answer(req, reply, 422, { error: 'Hồ sơ không hợp lệ. / Invalid application.', errors });
    seq++;
    const a: SimApplication = {
      reference: `BHXH-${vnDay(now()).replaceAll('-', '')}-${String(seq).padStart(4, '0')}${crypto.randomBytes(2).toString('hex').toUpperCase()}`,
      idempotencyKey: key, bodyHash, operation: body.operation as Operation, payload: body.payload as Record<string, unknown>,
      callbackUrl: body.callbackUrl as string, receivedAt: now().toISOString(), status: 'received', event: null, callbackAttempts: 0, callbackStatus: null,
    };
    applications.push(a);
    if (delayMs !== null) schedule(() => void decideNow(a.reference), delayMs);
    return answer(req, reply, 201, { reference: a.reference, status: a.status });
  });

  app.get('/api/applications/:reference', async (req, reply) => {
    if (!available) return answer(req, reply, 503, { error: 'Hệ thống BHXH tạm thời không phục vụ (mô phỏng). / Service unavailable (simulated).' });
    const v = checkSigned(req);
    if (!v.ok) return answer(req, reply, 401, { error: `Chữ ký không hợp lệ (${v.reason}). / Invalid signature.` });
    const a = applications.find((x) => x.reference === (req.params as { reference: string }).reference);
    if (!a) return answer(req, reply, 404, { error: 'Không tìm thấy hồ sơ. / Not found.' });
    return answer(req, reply, 200, { reference: a.reference, status: a.status, event: a.event });
  });

  app.post('/demo/availability', async (req, reply) => {
    available = (req.body as Record<string, string> | undefined)?.available === 'true';
    return reply.redirect('/', 303);
  });

  app.get('/', async (_req, reply) => {
    const rows = applications.slice().reverse().map((a) => `<tr><td>${esc(a.reference)}</td><td>${esc(a.operation === 'child-health-insurance-card' ? 'Thẻ BHYT trẻ em dưới 6 tuổi' : 'Trợ cấp mai táng')}</td>
<td>${esc(new Date(a.receivedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }))}</td><td>${esc({ received: 'Đã tiếp nhận', approved: 'Đã duyệt', refused: 'Từ chối' }[a.status])}</td>
<td>${esc(a.event?.decision === 'approved' ? JSON.stringify(a.event.result) : a.event?.reasons.join('; ') ?? '')}</td><td>${esc(a.callbackStatus ?? '—')}</td></tr>`).join('');
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>BHXH Việt Nam — hệ thống mô phỏng</title><style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;font-size:.9rem;vertical-align:top}.demo{background:#fff4ce;padding:.5rem;border-radius:6px}</style></head>
<body><p class="demo">Hệ thống <strong>mô phỏng</strong> (demo), không phải hệ thống thật của Bảo hiểm xã hội Việt Nam. <span lang="en">A simulated Vietnam Social Security system.</span></p>
<h1>BHXH Việt Nam — hệ thống mô phỏng</h1>
<form method="post" action="demo/availability"><p>Trạng thái / Status: <strong>${available ? 'đang phục vụ / available' : 'tạm ngừng (503) / unavailable'}</strong>
<button name="available" value="${available ? 'false' : 'true'}">${available ? 'Giả lập sự cố (503) / Simulate outage' : 'Khôi phục / Restore'}</button></p></form>
<h2>Hồ sơ đã nhận / Applications received (${applications.length})</h2>
<table><thead><tr><th>Mã hồ sơ</th><th>Nghiệp vụ</th><th>Nhận lúc</th><th>Trạng thái</th><th>Kết quả / lý do</th><th>Gọi lại (HTTP)</th></tr></thead><tbody>${rows || '<tr><td colspan="6">Chưa có hồ sơ.</td></tr>'}</tbody></table></body></html>`;
  });

  const addr = await app.listen({ port: o.port ?? 0, host: o.host ?? '127.0.0.1' });
  const url = (o.publicUrl ?? addr.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost')).replace(/\/$/, '');
  return {
    url, applications, requests, decideNow,
    setAvailable: (up) => { available = up; },
    setCallbacks: (on) => { callbacks = on; },
    setDelay: (ms) => { delayMs = ms; },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await app.close();
    },
  };
}

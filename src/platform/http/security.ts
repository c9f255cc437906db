import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { fieldError, Problem, problems, type FieldError } from './problem.ts';
import type { AppConfig } from '../config.ts';

/**
 * Issue 6: security headers on every answer, CSRF protection for cookie sessions, and
 * problem+json for errors Node's HTTP parser answers before Fastify sees a request.
 */

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Nothing in the app uses these browser features; a stored script could not either. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), browsing-topics=()';
/** JSON answers are data, never a document: nothing may load or run in them, nobody may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const csrfProblem = () => new Problem(403, 'csrf',
  'Yêu cầu bị từ chối vì không xuất phát từ chính trang của hệ thống (chống giả mạo yêu cầu — CSRF). Hãy tải lại trang rồi thử lại.',
  'Request refused: it did not come from this site\'s own pages (cross-site request forgery protection). Reload the page and try again.');

function hostOf(url: string | undefined): string | undefined {
  if (!url || url === 'null') return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The hosts this server answers as: PUBLIC_URL's, the e-ID base, and the Host the request was sent to. */
function ownHosts(req: FastifyRequest, config: AppConfig): Set<string> {
  const hosts = new Set<string>();
  for (const u of [config.publicUrl, config.eidBaseUrl]) {
    const h = hostOf(u);
    if (h) hosts.add(h);
  }
  if (req.headers.host) hosts.add(req.headers.host.toLowerCase());
  // X-Forwarded-Host is only believed from a trusted proxy (req.host applies trustProxy).
  if (req.host) hosts.add(req.host.toLowerCase());
  return hosts;
}

/**
 * Whether a browser request was made by our own pages. Sec-Fetch-Site (set by the browser, not
 * forgeable by a page) decides when present; otherwise Origin, then Referer, must name our host.
 * `requireEvidence`: with neither header the request is refused (a cookie session is a browser's).
 */
export function sameOrigin(req: FastifyRequest, config: AppConfig, requireEvidence: boolean): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'same-origin' || site === 'none') return true;
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = req.headers.origin ?? (typeof req.headers.referer === 'string' ? req.headers.referer : undefined);
  if (origin === undefined) return !requireEvidence;
  const h = hostOf(origin);
  return !!h && ownHosts(req, config).has(h);
}

function bearerOf(req: FastifyRequest): boolean {
  return !!req.headers.authorization?.startsWith('Bearer ');
}

/** Routes where a forged sign-in would log the victim into the attacker's account (login CSRF). */
const SIGN_IN = /^\/api\/v1\/auth\/login(\/|$|\?)/;

export function registerSecurity(app: FastifyInstance, config: AppConfig) {
  const hsts = config.publicUrl.startsWith('https:');

  // Runs after the hook that resolves req.principal (registered before this in app.ts).
  app.addHook('onRequest', async (req) => {
    if (!UNSAFE.has(req.method) || !req.url.startsWith('/api/')) return;
    // Bearer clients (apps, scripts) are not exposed to CSRF: a browser never adds the header by itself.
    if (bearerOf(req)) return;
    if (req.principal && !sameOrigin(req, config, true)) throw csrfProblem();
    if (SIGN_IN.test(req.url) && !sameOrigin(req, config, false)) throw csrfProblem();
  });

  // Node's requestTimeout does not cut a body that trickles in once the headers are complete: our own deadline does.
  const bodyDeadline = config.security.requestTimeoutMs;
  app.addHook('onRequest', (req, reply, done) => {
    if (bodyDeadline > 0 && !req.raw.complete && (req.headers['content-length'] || req.headers['transfer-encoding'])) {
      const timer = setTimeout(() => {
        if (req.raw.complete || reply.raw.headersSent) return;
        const body = JSON.stringify(new Problem(408, 'timeout', 'Yêu cầu gửi quá chậm, máy chủ đã ngừng chờ.', 'The request took too long to arrive.').toBody());
        reply.raw.writeHead(408, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body), 'x-content-type-options': 'nosniff', connection: 'close' });
        reply.raw.end(body);
        req.raw.socket?.destroySoon?.();
      }, bodyDeadline);
      timer.unref();
      req.raw.once('end', () => clearTimeout(timer));
      reply.raw.once('close', () => clearTimeout(timer));
    }
    done();
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // Our own pages may show our PDFs and images in a frame; nobody else may frame anything.
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'SAMEORIGIN');
    const type = String(reply.getHeader('content-type') ?? '');
    if (/json/.test(type) && !reply.hasHeader('content-security-policy')) reply.header('content-security-policy', API_CSP);
    const authenticated = !!req.principal || bearerOf(req);
    if (authenticated && req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

const CLIENT_ERRORS: Record<string, [number, string, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'timeout', 'Yêu cầu gửi quá chậm, máy chủ đã ngừng chờ.', 'The request took too long to arrive.'],
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'Phần tiêu đề (header) của yêu cầu quá lớn.', 'The request headers are too large.'],
};

/**
 * Errors Node's HTTP parser meets before Fastify has a request (slow clients, oversized or malformed
 * headers): answered as problem+json like everything else, then the connection is closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, vi, en] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'bad_request', 'Yêu cầu HTTP không hợp lệ.', 'Malformed HTTP request.'];
  const body = JSON.stringify(new Problem(status, code, vi, en).toBody());
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${code}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}

/** Where a NUL character hides in parsed input (PostgreSQL text cannot hold one: it would be a 500). */
export function findNul(v: unknown, at: string, out: FieldError[] = [], depth = 0): FieldError[] {
  if (out.length >= 5 || depth > 64) return out;
  if (typeof v === 'string') {
    if (v.includes('\u0000')) out.push(fieldError(at || 'body', 'không được chứa ký tự NUL (\\u0000)', 'must not contain the NUL character (\\u0000)'));
  } else if (Array.isArray(v)) v.forEach((x, i) => findNul(x, at ? `${at}.${i}` : String(i), out, depth + 1));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = at ? `${at}.${k}` : k;
      if (k.includes('\u0000')) out.push(fieldError(p, 'tên trường không được chứa ký tự NUL', 'field names must not contain the NUL character'));
      findNul(x, p, out, depth + 1);
    }
  }
  return out;
}

/** Text input with NUL characters is refused (400) before any handler sees it. */
export function registerInputChecks(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const errors = [
      ...findNul(req.params, 'params'),
      ...findNul(req.query, 'query'),
      ...(req.body && typeof req.body === 'object' ? findNul(req.body, '') : typeof req.body === 'string' ? findNul(req.body, 'body') : []),
    ];
    if (errors.length) throw problems.validation(errors);
  });
}

/** Errors Fastify's router meets before a route runs (a path parameter over 100 characters, a malformed URL). */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const p = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? new Problem(414, 'uri_too_long', 'Đường dẫn quá dài.', 'The URL is too long.')
    : new Problem(400, 'bad_url', 'Đường dẫn không hợp lệ.', 'Malformed URL.');
  reply.status(p.status).header('x-content-type-options', 'nosniff').type('application/problem+json').send(p.toBody(req.url.slice(0, 200)));
}

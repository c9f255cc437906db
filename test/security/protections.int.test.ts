import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, as, startTestServer, TEST_SECURITY, type TestServer } from '../server.ts';
import { AN, findProcedure, submissionFor } from '../dossiers.ts';

/**
 * Issue 6 protections over real HTTP: security headers, CSRF for cookie sessions, rate limits
 * (429 problem+json with Retry-After) and that normal use stays under them.
 */
let srv: TestServer;
let limited: TestServer;
const LIMITS = { login: 5, tracking: 8, submissions: 3 };

beforeAll(async () => {
  srv = await startTestServer({ config: { publicUrl: 'https://motcua.test', secureCookies: true } });
  const rl = TEST_SECURITY.rateLimits;
  limited = await startTestServer({
    config: {
      security: {
        ...TEST_SECURITY,
        rateLimits: {
          ...rl,
          login: { max: LIMITS.login, windowMs: 60_000 },
          tracking: { max: LIMITS.tracking, windowMs: 60_000 },
          submissions: { max: LIMITS.submissions, windowMs: 3_600_000 },
        },
      },
    },
  });
});
afterAll(async () => {
  await srv?.stop();
  await limited?.stop();
});

async function cookieLogin(base: string, username: string) {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'motcua2026' }) });
  expect(r.status).toBe(200);
  const setCookie = r.headers.get('set-cookie')!;
  return { setCookie, cookie: setCookie.split(';')[0]!, token: (await r.json()).token as string };
}

describe('security headers', () => {
  it('every answer carries nosniff, referrer, permissions, opener policies and frame protection; HSTS on https', async () => {
    const api = new Api(srv.base);
    for (const url of ['/api/v1/procedures?limit=1', '/api/v1/nothing', '/healthz', '/openapi.json', '/', '/thu-tuc/abc']) {
      const r = await fetch(srv.base + url);
      expect(r.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), url).toBe('same-origin');
      expect(r.headers.get('permissions-policy'), url).toMatch(/camera=\(\)/);
      expect(r.headers.get('cross-origin-opener-policy'), url).toBe('same-origin');
      expect(r.headers.get('x-frame-options'), url).toMatch(/^(DENY|SAMEORIGIN)$/);
      expect(r.headers.get('strict-transport-security'), url).toMatch(/max-age=31536000/);
      await r.arrayBuffer();
    }
    const json = await api.get('/api/v1/procedures?limit=1');
    expect(json.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('the web app page has a CSP without inline scripts and cannot be framed', async () => {
    const r = await fetch(srv.base + '/ho-so-cua-toi');
    if (r.status === 404) return; // web app not built
    const csp = r.headers.get('content-security-policy')!;
    const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
    expect(script).toBeTruthy();
    expect(script).not.toMatch(/unsafe-inline|\*|data:|https?:/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src/);
    expect(r.headers.get('x-frame-options')).toBe('DENY');
  });

  it('no HSTS over plain http; authenticated API answers are not cached, public ones may be', async () => {
    const plain = await startTestServer();
    try {
      expect((await fetch(plain.base + '/healthz')).headers.get('strict-transport-security')).toBeNull();
    } finally {
      await plain.stop();
    }
    const citizen = await as(srv.base, AN.idNumber);
    const me = await citizen.get('/api/v1/auth/me');
    expect(me.headers.get('cache-control')).toBe('no-store');
    const dossiers = await citizen.get('/api/v1/my/dossiers');
    expect(dossiers.headers.get('cache-control')).toBe('no-store');
  });

  it('the session cookie is HttpOnly and SameSite, Secure when the public URL is https', async () => {
    const { setCookie } = await cookieLogin(srv.base, 'catp.tiepnhan');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Secure/i);
  });
});

describe('CSRF for cookie sessions', () => {
  const PREFS = `/api/v1/my/notification-preferences`;
  let body = '';
  async function put(headers: Record<string, string>) {
    const r = await fetch(srv.base + PREFS, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body });
    const ct = r.headers.get('content-type') ?? '';
    return { status: r.status, ct, body: ct.includes('json') ? await r.json() : await r.text() };
  }

  it('refuses a state change from another site, or without any origin evidence, with 403 problem+json (vi/en)', async () => {
    const { cookie } = await cookieLogin(srv.base, '001195006789');
    const before = await (await fetch(srv.base + PREFS, { headers: { cookie } })).json();
    body = JSON.stringify({ email: !before.email, sms: !before.sms });
    const host = new URL(srv.base).host;
    const hostile: Record<string, string>[] = [
      { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { cookie, 'sec-fetch-site': 'same-site', origin: `https://sub.${host}` },
      { cookie, origin: 'https://evil.example' },
      { cookie, origin: 'null' },
      { cookie, referer: 'https://evil.example/page' },
      { cookie },
    ];
    for (const h of hostile) {
      const r = await put(h);
      expect(r.status, JSON.stringify(h)).toBe(403);
      expect(r.ct).toContain('application/problem+json');
      expect(r.body.code).toBe('csrf');
      expect(r.body.message_vi).toMatch(/giả mạo/);
      expect(r.body.message_en).toMatch(/forgery/);
    }
    // Nothing changed.
    const after = await (await fetch(srv.base + PREFS, { headers: { cookie } })).json();
    expect(after).toEqual(before);
  });

  it('accepts our own pages (Sec-Fetch-Site same-origin, or Origin/Referer of this host or PUBLIC_URL); bearer clients are unaffected', async () => {
    const { cookie, token } = await cookieLogin(srv.base, '001195006789');
    const host = new URL(srv.base).host;
    expect((await put({ cookie, 'sec-fetch-site': 'same-origin', origin: `http://${host}` })).status).toBe(200);
    expect((await put({ cookie, origin: `http://${host}` })).status).toBe(200);
    expect((await put({ cookie, origin: 'https://motcua.test' })).status).toBe(200);
    expect((await put({ cookie, referer: `http://${host}/tai-khoan` })).status).toBe(200);
    expect((await put({ authorization: `Bearer ${token}` })).status).toBe(200);
    // A bearer call from anywhere: the browser never adds the header by itself.
    expect((await put({ authorization: `Bearer ${token}`, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(200);
    // Reads are not state changes.
    expect((await fetch(`${srv.base}/api/v1/auth/me`, { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });

  it('refuses a forged sign-in from another site (login CSRF); a plain API client may sign in', async () => {
    const forged = await fetch(`${srv.base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ username: 'catp.tiepnhan', password: 'motcua2026' }),
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie')).toBeNull();
    expect((await forged.json()).code).toBe('csrf');
    await cookieLogin(srv.base, 'catp.tiepnhan');
  });
});

describe('rate limits', () => {
  it('sign-in per IP: 429 problem+json with Retry-After after the limit, counted per client address', async () => {
    let n = 0;
    // A different name each time: the per-name lockout (identity/lockout.ts) must not answer first.
    const attempt = (ip: string) => fetch(`${limited.base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ username: `nobody.${n++}`, password: 'wrong' }),
    });
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.login; i++) statuses.push((await attempt('203.0.113.7')).status);
    expect(statuses).toEqual(Array(LIMITS.login).fill(401));
    const over = await attempt('203.0.113.7');
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
    const retry = Number(over.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    const p = await over.json();
    expect(p).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(p.message_vi).toMatch(/quá nhiều lần.*thử lại sau/);
    expect(p.message_en).toMatch(/Too many sign-in attempts.*try again in/);
    // Another address is not affected (X-Forwarded-For is believed from the loopback proxy only).
    expect((await attempt('203.0.113.8')).status).toBe(401);
  });

  it('X-Forwarded-For from an untrusted peer is ignored (TRUST_PROXY=false): the limit cannot be dodged by inventing addresses', async () => {
    const s = await startTestServer({ config: { security: { ...TEST_SECURITY, trustProxy: false, rateLimits: { ...TEST_SECURITY.rateLimits, login: { max: 2, windowMs: 60_000 } } } } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await fetch(`${s.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}` }, body: JSON.stringify({ username: 'x', password: 'y' }) })).status);
      }
      expect(codes).toEqual([401, 401, 429, 429]);
    } finally {
      await s.stop();
    }
  });

  it('public tracking per IP', async () => {
    const look = (ip: string) => fetch(`${limited.base}/api/v1/public/tracking/NO-SUCH-CODE?verify=1234`, { headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < LIMITS.tracking; i++) expect((await look('203.0.113.20')).status).toBe(404);
    const over = await look('203.0.113.20');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await over.json()).message_en).toMatch(/tracking look-ups/);
    expect((await look('203.0.113.21')).status).toBe(404);
  });

  it('submissions per account (not per IP): the 4th within the hour is refused and writes nothing; another citizen still submits', async () => {
    const an = await as(limited.base, AN.idNumber);
    const binh = await as(limited.base, '001195006789');
    const proc = await findProcedure(an, 'lý lịch tư pháp');
    const codes: number[] = [];
    for (let i = 0; i < LIMITS.submissions; i++) codes.push((await an.post('/api/v1/dossiers', await submissionFor(an, proc))).status);
    expect(codes).toEqual([201, 201, 201]);
    const before = (await an.get('/api/v1/my/dossiers?limit=200')).body;
    const body = await submissionFor(an, proc);
    const over = await an.post('/api/v1/dossiers', body);
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBeTruthy();
    expect(over.body.message_vi).toMatch(/nộp quá nhiều hồ sơ/);
    const after = (await an.get('/api/v1/my/dossiers?limit=200')).body;
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    const binhProc = await submissionFor(binh, proc, { idNumber: '001195006789', fullName: 'Trần Thị Bình' });
    expect((await binh.post('/api/v1/dossiers', binhProc)).status).toBe(201);
  });

  it('normal use stays under the default limits: a citizen and a desk officer signing in, tracking and submitting a few times', async () => {
    const d = (await import('../../src/platform/http/security-config.ts')).DEFAULT_RATE_LIMITS;
    // A household's morning: 5 sign-ins, 20 look-ups, 3 submissions from one address — far below the defaults.
    expect(d.login.max).toBeGreaterThanOrEqual(20);
    expect(d.tracking.max).toBeGreaterThanOrEqual(30);
    expect(d.submissions.max).toBeGreaterThanOrEqual(20);
    const dflt = await startTestServer({ config: { security: { ...TEST_SECURITY, rateLimits: d } } });
    try {
      for (let i = 0; i < 5; i++) await as(dflt.base, i % 2 ? 'catp.tiepnhan' : AN.idNumber);
      for (let i = 0; i < 20; i++) expect((await fetch(`${dflt.base}/api/v1/public/tracking/X?verify=1234`)).status).toBe(404);
      const an = await as(dflt.base, AN.idNumber);
      const proc = await findProcedure(an, 'lý lịch tư pháp');
      for (let i = 0; i < 3; i++) expect((await an.post('/api/v1/dossiers', await submissionFor(an, proc))).status).toBe(201);
    } finally {
      await dflt.stop();
    }
  });
});

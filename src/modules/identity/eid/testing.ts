/**
 * Test helpers for the e-ID sign-in (used by *.test.ts here and by the browser test):
 * a cookie-keeping HTTP user agent that follows redirects across origins like a browser does, and
 * a small hostile-but-real OpenID provider whose token endpoint returns crafted ID tokens signed
 * with its own keys (discovery, JWKS, authorization and token endpoints over real HTTP).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';

export interface Hop { url: string; status: number; location?: string; body: string }

/** A browser-like user agent: one cookie jar per host (paths ignored), manual redirects. */
export class Agent {
  jar = new Map<string, Map<string, string>>();

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop> {
    const u = new URL(url);
    const jar = this.jar.get(u.host) ?? new Map<string, string>();
    this.jar.set(u.host, jar);
    const headers: Record<string, string> = { 'accept-language': 'vi' };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]) < new Date()));
      if (gone || !value) jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get('location') ?? undefined;
    return { url, status: res.status, location: location ? new URL(location, url).href : undefined, body: await res.text() };
  }

  /** Follows redirects (GET) until a page that is not a redirect; returns every hop. */
  async follow(url: string, init: { method?: string; form?: Record<string, string> } = {}, stopAt?: (url: string) => boolean): Promise<Hop[]> {
    const hops: Hop[] = [];
    let hop = await this.request(url, init);
    hops.push(hop);
    while (hop.location && hops.length < 20 && !stopAt?.(hop.location)) {
      hop = await this.request(hop.location);
      hops.push(hop);
    }
    return hops;
  }
}

/** The form action of the demo provider's login page. */
export function loginAction(page: Hop): string {
  const m = /<form method="post" action="([^"]+\/login)"/.exec(page.body);
  if (!m) throw new Error(`not a login page: ${page.status} ${page.body.slice(0, 300)}`);
  return new URL(m[1].replace(/&amp;/g, '&'), page.url).href;
}

export interface Crafted {
  /** Claims of the ID token; start from `base` (valid ones) and change what the test needs. */
  claims(base: Record<string, unknown>): Record<string, unknown>;
  /** Replaces the signed token (e.g. to tamper with it after signing). */
  after?(token: string): string | Promise<string>;
  /** Sign with this key instead of the published one. */
  key?: CryptoKey;
}

export interface HostileProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the next token response carries. */
  craft: Crafted;
  /** Sign anything with the published key. */
  sign(claims: Record<string, unknown>, key?: CryptoKey): Promise<string>;
  close(): Promise<void>;
}

/** A minimal OpenID provider that signs in whoever asks and returns whatever ID token the test crafts. */
export async function startHostileProvider(): Promise<HostileProvider> {
  const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce?: string; challenge?: string; redirectUri: string; clientId: string }>();
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sign = (claims: Record<string, unknown>, key: CryptoKey = privateKey) =>
    new jose.SignJWT(claims as jose.JWTPayload).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' }).sign(key);
  const p: HostileProvider = {
    issuer, clientId: 'motcua-hostile-test', clientSecret: crypto.randomBytes(16).toString('hex'),
    craft: { claims: (b) => b },
    sign,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  server.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_basic'],
        scopes_supported: ['openid', 'profile', 'phone', 'address', 'vneid'],
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const code = crypto.randomBytes(16).toString('hex');
      codes.set(code, { nonce: q.get('nonce') ?? undefined, challenge: q.get('code_challenge') ?? undefined, redirectUri: q.get('redirect_uri')!, clientId: q.get('client_id')! });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      if (q.get('state')) back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const c of req) raw += c;
      const form = new URLSearchParams(raw);
      const grant = codes.get(form.get('code') ?? '');
      const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      const [id, secret] = basic.split(':').map(decodeURIComponent);
      if (id !== p.clientId || secret !== p.clientSecret) return json(res, 401, { error: 'invalid_client' });
      // A real provider after all: the code is single use and PKCE must match.
      if (!grant) return json(res, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
      codes.delete(form.get('code')!);
      const challenge = crypto.createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (challenge !== grant.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      const now = Math.floor(Date.now() / 1000);
      const base: Record<string, unknown> = {
        iss: issuer, aud: grant.clientId, sub: 'hostile-subject-1', iat: now, exp: now + 300, nonce: grant.nonce,
        id_number: '001090012345', name: 'Nguyễn Văn An', birthdate: '1990-05-14', gender: 'male', eid_level: 2,
      };
      let token = await sign(p.craft.claims(base), p.craft.key);
      if (p.craft.after) token = await p.craft.after(token);
      return json(res, 200, { access_token: crypto.randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: token });
    }
    json(res, 404, { error: 'not_found' });
  });
  return p;
}

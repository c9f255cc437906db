import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { accountClaims, demoAccounts, type VneidAccount } from './accounts.ts';
import { loadOrCreateSecrets } from './keys.ts';
import { memoryAdapter } from './memory-store.ts';
import { consentPage, layout, loginPage, messagePage } from './pages.ts';

/** A relying party registered with the provider. */
export interface VneidClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Shown on the login page ("để sử dụng …"). */
  name: string;
  /** A first-party client (the province's own portal) is not asked for consent. */
  firstParty: boolean;
}

export interface VneidOptions {
  /** e.g. http://localhost:3000/eid (mounted) or http://localhost:4000 (standalone). */
  issuer: string;
  clients: VneidClient[];
  /** Where signing and cookie keys are kept (created at first start). */
  secretsDir: string;
  accounts?: VneidAccount[];
}

export interface VneidProvider {
  issuer: string;
  accounts: VneidAccount[];
  /** Node request handler for everything under the issuer's path. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** Claims per scope. `vneid` carries the Vietnamese identity attributes (README.md of this folder). */
const CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'birthdate', 'gender'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
  vneid: ['id_number', 'eid_level', 'place_of_origin', 'permanent_address'],
};

const FAILS_BEFORE_LOCK = 5;
const LOCK_MS = 15 * 60_000;

/**
 * A bundled stand-in for the national e-ID provider (VNeID), built on oidc-provider: discovery,
 * JWKS, authorization code flow with PKCE (S256 required), ID tokens signed RS256, UserInfo,
 * RP-initiated logout; its own Vietnamese login and consent pages. Accounts are in memory
 * (accounts.ts); it never reads Motcua's database.
 */
export async function createVneidProvider(o: VneidOptions): Promise<VneidProvider> {
  const accounts = o.accounts ?? demoAccounts();
  const bySub = new Map(accounts.map((a) => [a.sub, a]));
  const byId = new Map(accounts.map((a) => [a.idNumber, a]));
  const secrets = await loadOrCreateSecrets(o.secretsDir);
  const mountPath = new URL(o.issuer).pathname.replace(/\/$/, '');
  const clientNames = new Map(o.clients.map((c) => [c.clientId, c.name]));

  const provider = new Provider(o.issuer, {
    adapter: memoryAdapter(),
    clients: o.clients.map((c) => ({
      client_id: c.clientId, client_secret: c.clientSecret, client_name: c.name,
      redirect_uris: c.redirectUris, post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256', first_party: c.firstParty,
    })),
    extraClientMetadata: { properties: ['first_party'] },
    jwks: secrets.jwks,
    cookies: { keys: secrets.cookieKeys },
    claims: CLAIMS,
    scopes: Object.keys(CLAIMS),
    pkce: { methods: ['S256'], required: () => true },
    findAccount: async (_ctx: unknown, sub: string) => {
      const a = bySub.get(sub);
      return a && { accountId: sub, claims: async () => accountClaims(a) };
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${mountPath}/interaction/${interaction.uid}` },
    // First-party portals get the scopes they ask for without a consent screen.
    loadExistingGrant: async (ctx: any) => {
      const oidc = ctx.oidc;
      const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
      let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (oidc.client.first_party) {
        grant ??= new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
        grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
        const claims = [...(oidc.requestParamClaims ?? [])];
        if (claims.length) grant.addOIDCClaims(claims);
        await grant.save();
      }
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      claimsParameter: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: any, form: string) => {
          // Asked by a relying party that proved who it is (a valid id_token_hint): sign out at once.
          const auto = !!ctx.oidc.params.id_token_hint;
          const nonce = crypto.randomBytes(16).toString('base64');
          ctx.set('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; frame-ancestors 'none'`);
          ctx.body = layout('Đăng xuất', `<div class="card"><h1>Đăng xuất khỏi tài khoản định danh điện tử?</h1>
${form}
<button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Đăng xuất</button>
<button class="secondary" type="submit" form="op.logoutForm">Vẫn giữ đăng nhập VNeID</button></div>`,
          auto ? { head: `<script nonce="${nonce}">addEventListener('DOMContentLoaded',function(){var f=document.getElementById('op.logoutForm');var i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();});</script>` } : {});
        },
        postLogoutSuccessSource: async (ctx: any) => {
          ctx.body = messagePage('Đã đăng xuất', 'Bạn đã đăng xuất khỏi tài khoản định danh điện tử.', 'You have signed out of your e-ID account.');
        },
      },
    },
    renderError: async (ctx: any, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = messagePage('Không thực hiện được yêu cầu', `Yêu cầu không hợp lệ: ${out.error_description ?? out.error}.`, `Invalid request: ${out.error}${out.error_description ? ` — ${out.error_description}` : ''}.`);
    },
    responseTypes: ['code'],
    ttl: {
      AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 900, Session: 8 * 3600, Grant: 8 * 3600,
    },
    clientBasedCORS: () => false,
  });
  provider.proxy = true;
  const callback = provider.callback();

  const failures = new Map<string, { count: number; until?: number }>();

  async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > 16 * 1024) throw new Error('form too large');
      chunks.push(c as Buffer);
    }
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }

  function send(res: ServerResponse, status: number, html: string) {
    res.statusCode = status;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    res.setHeader('x-frame-options', 'DENY');
    res.end(html);
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw Object.assign(new Error('interaction mismatch'), { name: 'SessionNotFound' });
    const base = `${mountPath}/interaction/${uid}`;
    const clientName = clientNames.get(details.params.client_id) ?? details.params.client_id;
    if (req.method === 'GET' && !action) {
      if (details.prompt.name === 'login') return send(res, 200, loginPage({ action: `${base}/login`, abortAction: `${base}/abort`, clientName, accounts }));
      const a = details.session?.accountId ? bySub.get(details.session.accountId) : undefined;
      return send(res, 200, consentPage({ action: `${base}/consent`, abortAction: `${base}/abort`, clientName, accountName: a?.fullName ?? '', scopes: String(details.params.scope ?? '').split(' ') }));
    }
    if (req.method !== 'POST') return send(res, 405, messagePage('Không hỗ trợ', 'Phương thức không được hỗ trợ.', 'Method not allowed.'));
    if (action === 'abort') {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
    }
    if (action === 'login') {
      const form = await readForm(req);
      const idNumber = (form.get('id_number') ?? '').replace(/\s+/g, '');
      const password = form.get('password') ?? '';
      const errors: { idNumber?: string; password?: string; form?: string } = {};
      if (!idNumber) errors.idNumber = 'Vui lòng nhập số định danh cá nhân.';
      else if (!/^\d{12}$/.test(idNumber)) errors.idNumber = 'Số định danh cá nhân phải gồm đúng 12 chữ số.';
      if (!password) errors.password = 'Vui lòng nhập mật khẩu.';
      const again = (status: number) => send(res, status, loginPage({ action: `${base}/login`, abortAction: `${base}/abort`, clientName, idNumber, errors, accounts }));
      if (errors.idNumber || errors.password) return again(400);
      const f = failures.get(idNumber);
      if (f?.until && f.until > Date.now()) {
        errors.form = `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${Math.ceil((f.until - Date.now()) / 60_000)} phút.`;
        return again(429);
      }
      const a = byId.get(idNumber);
      const ok = !!a && crypto.timingSafeEqual(crypto.createHash('sha256').update(password).digest(), crypto.createHash('sha256').update(a.password).digest());
      if (!a || !ok) {
        const count = (f && !f.until ? f.count : 0) + 1;
        failures.set(idNumber, count >= FAILS_BEFORE_LOCK ? { count, until: Date.now() + LOCK_MS } : { count });
        errors.form = 'Số định danh cá nhân hoặc mật khẩu không đúng.';
        return again(401);
      }
      failures.delete(idNumber);
      return provider.interactionFinished(req, res, { login: { accountId: a.sub, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
    }
    if (action === 'consent') {
      const { prompt: { details: missing }, params, session } = details;
      const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId: session?.accountId, clientId: params.client_id });
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [resource, scopes] of Object.entries((missing.missingResourceScopes ?? {}) as Record<string, string[]>)) grant.addResourceScope(resource, scopes.join(' '));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
    }
    return send(res, 404, messagePage('Không tìm thấy', 'Không có trang này.', 'Not found.'));
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = req.url ?? '/';
    if (mountPath && url !== mountPath && !url.startsWith(`${mountPath}/`) && !url.startsWith(`${mountPath}?`)) {
      return send(res, 404, messagePage('Không tìm thấy', 'Không có trang này.', 'Not found.'));
    }
    const rest = url.slice(mountPath.length) || '/';
    const m = /^\/interaction\/([\w-]+)(?:\/(login|consent|abort))?\/?(?:\?.*)?$/.exec(rest);
    if (m) {
      interaction(req, res, m[1], m[2]).catch((err) => {
        const expired = err?.name === 'SessionNotFound' || /session/i.test(err?.message ?? '');
        if (res.headersSent) return res.end();
        send(res, expired ? 400 : 500, expired
          ? messagePage('Phiên đăng nhập đã hết hạn', 'Phiên đăng nhập đã hết hạn hoặc không còn hợp lệ. Vui lòng quay lại trang dịch vụ và đăng nhập lại.', 'This sign-in has expired. Go back to the service and sign in again.')
          : messagePage('Đã có lỗi', 'Đã có lỗi hệ thống. Vui lòng thử lại.', `Internal error: ${err?.message ?? err}`));
      });
      return;
    }
    // Mounted under a path (e.g. /eid): oidc-provider reads the mount point as Express would set it.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = rest;
    callback(req, res);
  }

  return { issuer: o.issuer, accounts, handle };
}

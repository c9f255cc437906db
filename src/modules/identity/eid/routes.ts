import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from '../../../platform/config.ts';
import type { AppContext } from '../../../platform/context.ts';
import { SESSION_COOKIE } from '../../../platform/http/app.ts';
import { createSession, revokeSession, tokenHash } from '../sessions.ts';
import { recordSignIn } from '../sign-in-audit.ts';
import { citizenFromClaims, upsertEidCitizen } from './citizens.ts';
import { classifyRpError, EidFailure, eidFailures } from './failures.ts';
import { failurePage } from './page.ts';
import type { EidRelyingParty, EidSettings } from './relying-party.ts';
import { consumeLoginTx, LOGIN_TX_MINUTES, openLoginTx, safeReturnTo } from './transactions.ts';
import './tables.ts';

/** Binds a sign-in attempt to the browser that started it (stable per browser, so tabs do not clash). */
const TX_COOKIE = 'motcua_eid';
const CALLBACK_PATH = '/api/v1/auth/eid/callback';
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
};

/** Settings from OIDC_* (a real provider); the redirect URI defaults to the callback under `base` (PUBLIC_URL or the listening address). */
export function externalSettings(config: AppConfig, base: string): EidSettings {
  if (!config.oidcIssuer || !config.oidcClientId) throw new Error('OIDC_ISSUER and OIDC_CLIENT_ID must both be set');
  const redirectUri = config.oidcRedirectUri ?? `${base.replace(/\/$/, '')}${CALLBACK_PATH}`;
  return {
    issuer: config.oidcIssuer, clientId: config.oidcClientId, clientSecret: config.oidcClientSecret, redirectUri,
    postLogoutRedirectUri: `${new URL(redirectUri).origin}/`, bundled: false,
  };
}

/** Settings for the bundled demo provider mounted at `<base>/eid` of this same server. */
export function bundledSettings(base: string, client: { clientId: string; clientSecret: string }): EidSettings {
  const b = base.replace(/\/$/, '');
  return { issuer: `${b}/eid`, ...client, redirectUri: `${b}${CALLBACK_PATH}`, postLogoutRedirectUri: `${b}/`, bundled: true };
}

/**
 * Citizen sign-in with the national e-ID: /auth/eid/start sends the browser to the provider,
 * /auth/eid/callback signs the citizen in (same session cookie as password sign-in) and returns
 * them where they were; failures there are a page in Vietnamese and English, not JSON.
 */
export function eidRoutes(app: FastifyInstance, ctx: AppContext, rp: EidRelyingParty) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOpts = { path: '/api/v1/auth/eid', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.secureCookies };

  function fail(req: FastifyRequest, reply: FastifyReply, err: unknown, returnTo?: string) {
    const f = err instanceof EidFailure ? err : classifyRpError(err);
    if (f.status >= 500 || f.internal) req.log.warn({ code: f.code, detail: f.internal ?? (err as Error)?.message }, 'e-ID sign-in failed');
    const retry = `/dang-nhap${returnTo ? `?next=${encodeURIComponent(returnTo)}` : ''}`;
    return reply.status(f.status).headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(failurePage(f, retry));
  }

  r.get('/auth/eid', {
    schema: { tags: ['auth'], summary: 'Whether citizens can sign in with the national e-ID here, and with which provider' },
  }, async () => {
    const s = rp.settings;
    return { available: !!s, bundledDemoProvider: s?.bundled ?? false, issuer: s?.issuer ?? null, citizenPasswordLogin: ctx.config.citizenPasswordLogin };
  });

  r.get('/auth/eid/start', {
    schema: {
      tags: ['auth'],
      summary: 'Starts e-ID sign-in: redirects (302) to the provider with PKCE, state and nonce; returnTo is a path on this site to come back to',
      querystring: z.object({ returnTo: z.string().max(1000).optional(), hop: z.literal('1').optional() }),
    },
  }, async (req, reply) => {
    const returnTo = safeReturnTo(req.query.returnTo);
    try {
      const s = rp.settings;
      if (!s) throw eidFailures.notConfigured();
      // The provider returns to the registered redirect URI: start on that origin so the browser
      // cookie made here is sent back there (e.g. opened as 127.0.0.1, registered as localhost). Once.
      const target = new URL(s.redirectUri).origin;
      if (`${req.protocol}://${req.host}` !== target && !req.query.hop) {
        return reply.redirect(`${target}/api/v1/auth/eid/start?${new URLSearchParams({ returnTo, hop: '1' })}`, 302);
      }
      let browserSecret = req.cookies[TX_COOKIE];
      if (!browserSecret || !/^[\w-]{43}$/.test(browserSecret)) browserSecret = crypto.randomBytes(32).toString('base64url');
      await rp.configuration(); // the provider must be reachable before anything is stored
      const tx = await openLoginTx(ctx.db, { issuer: s.issuer, returnTo, browserSecret });
      const url = await rp.authorizationUrl(tx, (req.headers['accept-language'] ?? '').startsWith('en') ? 'en vi' : 'vi en');
      reply.setCookie(TX_COOKIE, browserSecret, { ...cookieOpts, maxAge: 30 * 24 * 3600 });
      reply.header('cache-control', 'no-store');
      return reply.redirect(url.href, 302);
    } catch (e) {
      return fail(req, reply, e, returnTo);
    }
  });

  r.get('/auth/eid/callback', {
    schema: { tags: ['auth'], summary: `The provider's redirect back (authorization response). Single use; an attempt expires after ${LOGIN_TX_MINUTES} minutes` },
  }, async (req, reply) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    const meta = { ip: req.ip, userAgent: req.headers['user-agent'] };
    let returnTo: string | undefined;
    let loginName: string | undefined;
    try {
      const tx = await consumeLoginTx(ctx.db, new URLSearchParams(query).get('state') ?? undefined, req.cookies[TX_COOKIE]);
      returnTo = tx.returnTo;
      const result = await rp.complete(query, tx);
      loginName = typeof result.claims.id_number === 'string' ? result.claims.id_number : undefined;
      const citizen = citizenFromClaims(result.claims);
      const { userId } = await upsertEidCitizen(ctx.db, { issuer: result.issuer, subject: result.subject }, citizen);
      const s = await createSession(ctx.db, userId, { ...meta, method: 'eid' });
      await ctx.db.insertInto('eid_session').values({ session_id: s.sessionId, issuer: result.issuer, subject: result.subject, id_token: result.idToken }).execute();
      await recordSignIn(ctx.db, { method: 'eid', outcome: 'success', userId, loginName: citizen.idNumber, sessionId: s.sessionId, ...meta });
      reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, expires: s.expiresAt });
      reply.header('cache-control', 'no-store');
      return reply.redirect(tx.returnTo, 302);
    } catch (e) {
      const f = e instanceof EidFailure ? e : classifyRpError(e);
      await recordSignIn(ctx.db, { method: 'eid', outcome: 'failure', reason: f.code, loginName, ...meta }).catch(() => {});
      return fail(req, reply, f, returnTo);
    }
  });

  r.post('/auth/eid/logout', {
    schema: {
      tags: ['auth'],
      summary: 'Ends this session (any sign-in method); for an e-ID session also returns the provider\'s end-session URL to send the browser to',
    },
  }, async (req, reply) => {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : req.cookies[SESSION_COOKIE];
    let endSessionUrl: string | undefined;
    if (token) {
      const eid = await ctx.db.selectFrom('eid_session as e').innerJoin('user_session as s', 's.id', 'e.session_id')
        .select(['e.session_id', 'e.issuer', 'e.id_token']).where('s.token_hash', '=', tokenHash(token)).executeTakeFirst();
      const ended = await revokeSession(ctx.db, token);
      if (ended) await recordSignIn(ctx.db, { method: 'logout', outcome: 'success', userId: ended.userId, sessionId: ended.sessionId, ip: req.ip, userAgent: req.headers['user-agent'] });
      if (eid && ended) {
        if (eid.issuer === rp.settings?.issuer) endSessionUrl = (await rp.endSessionUrl(eid.id_token))?.href;
        await ctx.db.deleteFrom('eid_session').where('session_id', '=', eid.session_id).execute();
      }
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true, ...(endSessionUrl ? { endSessionUrl } : {}) };
  });
}

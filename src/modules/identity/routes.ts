import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { SESSION_COOKIE } from '../../platform/http/app.ts';
import { requireSignedIn, requireStaff } from './authz.ts';
import { problems } from '../../platform/http/problem.ts';
import { revokeSession } from './sessions.ts';
import { changePasswordStep, confirmEnrolmentStep, enrolmentStep, passwordLogin, secondFactor, type LoginResult } from './login.ts';
import { recordSignIn } from './sign-in-audit.ts';
import { accountRoutes } from './account-routes.ts';
import { staffAdminRoutes } from './staff-admin-routes.ts';
import { getOrgUnit } from '../agencies/service.ts';
import { logAccess, lookupPurposeQuery, requireLookupPurpose } from '../privacy/service.ts';

/** Where a sign-in comes from, for the audit and the session list. */
export function meta(req: FastifyRequest) {
  return { ip: req.ip, userAgent: req.headers['user-agent'] };
}

export function identityRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  accountRoutes(app, ctx);
  staffAdminRoutes(app, ctx);
  r.post('/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in with a username (staff) or personal ID number (citizen) and password; sets the session cookie and returns a bearer token',
      description: 'Without a second step the answer is {token, expiresAt, user}. When one is needed (TOTP code, a password change set by an administrator, mandatory TOTP enrolment) no session is created: the answer is {next, challenge, challengeExpiresAt} and the client continues with /auth/login/second-factor, /auth/login/change-password or /auth/login/enrol-totp.',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
    },
  }, async (req, reply) => {
    const { username, password } = req.body;
    // CITIZEN_PASSWORD_LOGIN=false is enforced inside passwordLogin (login.ts): a 12-digit name gets 'use_eid'.
    return loginAnswer(reply, await passwordLogin(ctx, username, password, meta(req)));
  });

  /** A session result sets the cookie; a challenge result is passed on as is. */
  function loginAnswer(reply: FastifyReply, r: LoginResult) {
    if ('next' in r) return { next: r.next, challenge: r.challenge, challengeExpiresAt: r.challengeExpiresAt.toISOString(), user: r.user };
    reply.setCookie(SESSION_COOKIE, r.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, expires: r.expiresAt });
    return { token: r.token, expiresAt: r.expiresAt.toISOString(), user: r.user, ...(r.recoveryCodes ? { recoveryCodes: r.recoveryCodes } : {}) };
  }

  const challenge = z.string().min(10).max(100);
  r.post('/auth/login/second-factor', {
    schema: {
      tags: ['auth'], summary: 'Second sign-in step: a 6-digit TOTP code or one recovery code (single use)',
      body: z.object({ challenge, code: z.string().max(20).optional(), recoveryCode: z.string().max(40).optional() }),
    },
  }, async (req, reply) => loginAnswer(reply, await secondFactor(ctx, req.body.challenge, req.body, meta(req))));

  r.post('/auth/login/change-password', {
    schema: { tags: ['auth'], summary: 'Sign-in step: choose a new password (the administrator set the current one)', body: z.object({ challenge, newPassword: z.string().min(1).max(200) }) },
  }, async (req, reply) => loginAnswer(reply, await changePasswordStep(ctx, req.body.challenge, req.body.newPassword, meta(req))));

  r.post('/auth/login/enrol-totp', {
    schema: { tags: ['auth'], summary: 'Sign-in step for accounts that must use TOTP: a new secret (QR code and text) to add to an authenticator app', body: z.object({ challenge }) },
  }, async (req) => enrolmentStep(ctx, req.body.challenge));

  r.post('/auth/login/enrol-totp/confirm', {
    schema: { tags: ['auth'], summary: 'Confirms the enrolment with a first code; returns the session and ten one-time recovery codes (shown once)', body: z.object({ challenge, code: z.string().min(1).max(20) }) },
  }, async (req, reply) => loginAnswer(reply, await confirmEnrolmentStep(ctx, req.body.challenge, req.body.code, meta(req))));

  r.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End this session' } }, async (req, reply) => {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : req.cookies[SESSION_COOKIE];
    const ended = token ? await revokeSession(ctx.db, token) : undefined;
    if (ended) await recordSignIn(ctx.db, { method: 'logout', outcome: 'success', userId: ended.userId, sessionId: ended.sessionId, ip: req.ip, userAgent: req.headers['user-agent'] });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user with roles and units' } }, async (req) => {
    const p = requireSignedIn(req.principal);
    const roles = await Promise.all(p.roles.map(async (g) => {
      const u = await getOrgUnit(ctx.db, g.unitId);
      // City level = the city People's Committee itself: city-wide settings need a role there.
      const cityLevel = u?.kind === 'agency' && u.sector === 'people_committee' && u.level === 'province';
      return { role: g.role, unitId: g.unitId, unitCode: u?.code, unitName: u?.name, cityLevel };
    }));
    return { id: p.userId, kind: p.kind, fullName: p.name, idNumber: p.idNumber, eidLevel: p.eidLevel, phone: p.phone, email: p.email, roles };
  });

  r.get('/citizens/:idNumber', {
    schema: { tags: ['identity'], summary: 'A registered citizen by personal ID number (staff at the desk: find the person)', params: z.object({ idNumber: z.string().regex(/^\d{12}$/) }), querystring: lookupPurposeQuery },
  }, async (req) => {
    // Decree 13/2023: a purpose before any personal data is read; the look-up is logged (privacy module).
    const reason = await requireLookupPurpose(ctx.db, requireStaff(req.principal), req.query);
    const u = await ctx.db.selectFrom('app_user').select(['id', 'full_name', 'id_number', 'date_of_birth', 'sex', 'phone', 'email', 'address'])
      .where('kind', '=', 'citizen').where('id_number', '=', req.params.idNumber).executeTakeFirst();
    if (!u) throw problems.notFound('công dân với số định danh này', 'Citizen with this ID number');
    await logAccess(ctx.db, req, reason, { kind: 'citizen_account', ref: u.id, subjectUserId: u.id, subjectIdNumber: u.id_number, subjectName: u.full_name });
    return { id: u.id, fullName: u.full_name, idNumber: u.id_number, dateOfBirth: u.date_of_birth, sex: u.sex, phone: u.phone, email: u.email, address: u.address };
  });
}

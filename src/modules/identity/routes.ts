import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { Problem } from '../../platform/http/problem.ts';
import { SESSION_COOKIE } from '../../platform/http/app.ts';
import { requireSignedIn, requireStaff } from './authz.ts';
import { problems } from '../../platform/http/problem.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, revokeSession } from './sessions.ts';
import { getOrgUnit } from '../agencies/service.ts';
import { logAccess, lookupPurposeQuery, requireLookupPurpose } from '../privacy/service.ts';

export function identityRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in with a username (staff) or personal ID number (citizen) and password; sets the session cookie and returns a bearer token',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
    },
  }, async (req, reply) => {
    const { username, password } = req.body;
    const user = await ctx.db.selectFrom('app_user').select(['id', 'kind', 'full_name', 'password_hash', 'disabled'])
      .where((eb) => eb.or([eb('username', '=', username), eb('id_number', '=', username)])).executeTakeFirst();
    // Same answer and similar time for an unknown user and a wrong password.
    const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!user || !ok || user.disabled) {
      throw new Problem(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.');
    }
    const s = await createSession(ctx.db, user.id, { ip: req.ip, userAgent: req.headers['user-agent'] });
    reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, expires: s.expiresAt });
    return { token: s.token, expiresAt: s.expiresAt.toISOString(), user: { id: user.id, kind: user.kind, fullName: user.full_name } };
  });

  r.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End this session' } }, async (req, reply) => {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : req.cookies[SESSION_COOKIE];
    if (token) await revokeSession(ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user with roles and units' } }, async (req) => {
    const p = requireSignedIn(req.principal);
    const roles = await Promise.all(p.roles.map(async (g) => {
      const u = await getOrgUnit(ctx.db, g.unitId);
      return { role: g.role, unitId: g.unitId, unitCode: u?.code, unitName: u?.name };
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

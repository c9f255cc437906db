import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { problems } from '../../platform/http/problem.ts';
import type { Principal, Role } from '../../platform/http/principal.ts';
import { listAgencies } from '../agencies/service.ts';
import { forgetUser, listSessions } from './sessions.ts';
import { getPolicy, updatePolicy } from './policy.ts';
import { listAccountEvents, listSignIns, recordAccountEvent } from './sign-in-audit.ts';
import {
  ROLES, createStaff, grantRole, grantableUnits, listStaff, requireAdmin, resetPassword, resetTotp, revokeRole, revokeStaffSessions,
  setDisabled, staffDetail, targetStaff, unlockStaff, updateStaff, usersInScope, type AdminScope,
} from './staff-admin.ts';

/** /admin/staff, /admin/sign-ins, /admin/security-policy: system administrators, within their scope. */
export function staffAdminRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const idParam = z.object({ id: z.uuid() });
  const role = z.enum(ROLES as [string, ...string[]]);

  /** A state change in one transaction with Idempotency-Key; the user's cached principal is dropped after the commit. */
  async function command<T>(req: FastifyRequest, reply: FastifyReply, userId: string, fn: (tx: Tx, a: { p: Principal; scope: AdminScope }) => Promise<T>) {
    const a = await requireAdmin(db, req.principal);
    const res = await runCommand(db, req, async (tx) => ({ status: 200, body: await fn(tx, a) }));
    forgetUser(userId);
    reply.status(res.status);
    return res.body;
  }

  r.get('/admin/staff', {
    schema: {
      tags: ['admin'], summary: 'Staff accounts I administer (search by name, username or email; filter by unit)',
      querystring: z.object({ q: z.string().max(100).optional(), unitId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
    },
  }, async (req) => {
    const { scope } = await requireAdmin(db, req.principal);
    return { ...(await listStaff(db, scope, req.query)), cityWide: scope.all };
  });

  r.get('/admin/staff/:id', { schema: { tags: ['admin'], summary: 'One staff account: roles, two-factor, lock, sessions, change history', params: idParam } }, async (req) => {
    const { scope } = await requireAdmin(db, req.principal);
    const d = await staffDetail(db, scope, req.params.id);
    return { ...d, sessions: await listSessions(db, d.id), events: await listAccountEvents(db, d.id, 50) };
  });

  const profile = { fullName: z.string().trim().min(2).max(200), title: z.string().max(200).nullish(), email: z.email().max(200).nullish().or(z.literal('')) };
  r.post('/admin/staff', {
    schema: {
      tags: ['admin'], summary: 'Create a staff account with a first role; returns a temporary password (shown once, must be changed at first sign-in)',
      body: z.object({ username: z.string().min(3).max(50), ...profile, role, unitId: z.uuid() }),
    },
  }, async (req, reply) => {
    const { p, scope } = await requireAdmin(db, req.principal);
    // Not runCommand: its idempotency store would keep the temporary password.
    const res = await db.transaction().execute((tx) => createStaff(tx, p, scope, req.body));
    reply.status(201);
    return res;
  });

  r.post('/admin/staff/:id', { schema: { tags: ['admin'], summary: 'Edit name, title and email', params: idParam, body: z.object(profile) } },
    async (req, reply) => command(req, reply, req.params.id, async (tx, a) => { await updateStaff(tx, a.p, a.scope, req.params.id, req.body); return { ok: true }; }));

  r.post('/admin/staff/:id/grants', {
    schema: { tags: ['admin'], summary: 'Grant a role on a unit (only units I administer; never system_admin to myself)', params: idParam, body: z.object({ role, unitId: z.uuid() }) },
  }, async (req, reply) => command(req, reply, req.params.id, async (tx, a) => ({ added: await grantRole(tx, a.p, a.scope, req.params.id, req.body.role, req.body.unitId) })));

  r.post('/admin/staff/:id/grants/revoke', {
    schema: { tags: ['admin'], summary: 'Revoke a role on a unit', params: idParam, body: z.object({ role, unitId: z.uuid() }) },
  }, async (req, reply) => command(req, reply, req.params.id, async (tx, a) => { await revokeRole(tx, a.p, a.scope, req.params.id, req.body.role, req.body.unitId); return { ok: true }; }));

  r.post('/admin/staff/:id/disable', { schema: { tags: ['admin'], summary: 'Disable the account (its sessions end at once)', params: idParam } },
    async (req, reply) => command(req, reply, req.params.id, async (tx, a) => { await setDisabled(tx, a.p, a.scope, req.params.id, true); return { ok: true }; }));
  r.post('/admin/staff/:id/enable', { schema: { tags: ['admin'], summary: 'Enable the account again', params: idParam } },
    async (req, reply) => command(req, reply, req.params.id, async (tx, a) => { await setDisabled(tx, a.p, a.scope, req.params.id, false); return { ok: true }; }));
  r.post('/admin/staff/:id/unlock', { schema: { tags: ['admin'], summary: 'Lift a lockout after repeated failed sign-ins', params: idParam } },
    async (req, reply) => command(req, reply, req.params.id, async (tx, a) => ({ wasLocked: await unlockStaff(tx, a.p, a.scope, req.params.id) })));
  r.post('/admin/staff/:id/reset-2fa', { schema: { tags: ['admin'], summary: 'Remove the TOTP second factor (lost phone); the user enrols again', params: idParam } },
    async (req, reply) => command(req, reply, req.params.id, async (tx, a) => ({ hadTotp: await resetTotp(tx, a.p, a.scope, req.params.id) })));
  r.post('/admin/staff/:id/revoke-sessions', { schema: { tags: ['admin'], summary: 'Sign the user out everywhere (at once)', params: idParam } },
    async (req, reply) => command(req, reply, req.params.id, async (tx, a) => ({ ended: await revokeStaffSessions(tx, a.p, a.scope, req.params.id) })));

  r.post('/admin/staff/:id/reset-password', {
    schema: { tags: ['admin'], summary: 'Set a temporary password (shown once); the user must change it at the next sign-in', params: idParam },
  }, async (req) => {
    const { p, scope } = await requireAdmin(db, req.principal);
    const temporaryPassword = await db.transaction().execute((tx) => resetPassword(tx, p, scope, req.params.id));
    forgetUser(req.params.id);
    return { temporaryPassword };
  });

  r.get('/admin/units', {
    schema: { tags: ['admin'], summary: 'Units I may grant roles on (agencies with their desk, leadership and divisions)', querystring: z.object({ q: z.string().max(100).optional() }) },
  }, async (req) => {
    const { scope } = await requireAdmin(db, req.principal);
    return { cityWide: scope.all, items: await grantableUnits(db, scope, (q) => listAgencies(db, { q }), req.query.q) };
  });

  r.get('/admin/sign-ins', {
    schema: {
      tags: ['admin'], summary: 'The sign-in audit of accounts I administer (filter by user, outcome, dates in Vietnam time; newest first)',
      querystring: z.object({
        userId: z.uuid().optional(), outcome: z.enum(['success', 'failure', 'locked', 'throttled', 'second_factor']).optional(),
        from: z.iso.date().optional(), to: z.iso.date().optional(), q: z.string().max(100).optional(),
        before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
  }, async (req) => {
    const { scope } = await requireAdmin(db, req.principal);
    if (req.query.userId) await targetStaff(db, scope, req.query.userId);
    // Attempts on names matching no account are visible to the city level only.
    const userIds = await usersInScope(db, scope);
    const items = await listSignIns(db, { ...req.query, userIds });
    return { items, next: items.length === req.query.limit ? items[items.length - 1]!.id : null };
  });

  const policyBody = z.object({
    mfaRequiredRoles: z.array(role).max(7), demoAccountsExempt: z.boolean(), passwordMinLength: z.number().int().min(8).max(64),
    lockoutThreshold: z.number().int().min(3).max(50), lockoutBaseMinutes: z.number().int().min(1).max(1440), lockoutMaxMinutes: z.number().int().min(1).max(43200),
    ipFailureLimit: z.number().int().min(5).max(10000), ipWindowMinutes: z.number().int().min(1).max(1440),
    sessionIdleMinutes: z.number().int().min(5).max(1440), sessionAbsoluteHours: z.number().int().min(1).max(720),
  });
  r.get('/admin/security-policy', { schema: { tags: ['admin'], summary: 'The account security policy in force' } }, async (req) => {
    const { scope } = await requireAdmin(db, req.principal);
    return { ...(await getPolicy(db)), editable: scope.all };
  });
  r.put('/admin/security-policy', {
    schema: { tags: ['admin'], summary: 'Change the account security policy (city-level system administrators)', body: policyBody },
  }, async (req, reply) => {
    const { p, scope } = await requireAdmin(db, req.principal);
    if (!scope.all) throw problems.forbidden('Chỉ quản trị hệ thống cấp thành phố được đổi chính sách bảo mật.', 'Only city-level system administrators may change the security policy.');
    const res = await runCommand(db, req, async (tx) => {
      const before = await getPolicy(tx);
      await updatePolicy(tx, { ...req.body, mfaRequiredRoles: req.body.mfaRequiredRoles as Role[] }, p.userId);
      await recordAccountEvent(tx, p.userId, null, 'security_policy_changed', { before, after: req.body });
      return { status: 200, body: { ok: true } };
    });
    reply.status(res.status);
    return res.body;
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { problems } from '../../platform/http/problem.ts';
import { agenciesWithRole, requireStaff } from '../identity/authz.ts';
import {
  createPersonalDelegation, delegationsInAgencies, deputyCandidates, getPersonalDelegation, myPersonalDelegations, revokePersonalDelegation,
  type DelegatedGrant,
} from '../identity/grants.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * Personal delegation (an official hands their inbox and roles to a deputy while away): the
 * official manages their own; supervisors of the agency see the delegations in their agencies
 * and may end one (e.g. the official left without revoking it).
 */
export function deputyRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/me/deputies', {
    schema: { tags: ['delegation'], summary: 'My personal delegations: given (to my deputies) and received (work I hold for others), and who I may choose' },
  }, async (req) => {
    const p = requireStaff(req.principal);
    const mine = await myPersonalDelegations(ctx.db, p.userId);
    const heldFor = (p.roles as DelegatedGrant[]).filter((g) => g.delegatedBy).map((g) => ({ role: g.role, unitId: g.unitId, delegator: g.delegatedBy }));
    return { ...mine, candidates: await deputyCandidates(ctx.db, p.userId), delegatedGrants: heldFor };
  });

  r.post('/me/deputies', {
    schema: {
      tags: ['delegation'],
      summary: 'Hand my inbox and roles to a deputy of my agency from one date to another (inclusive, Asia/Ho_Chi_Minh). Honours Idempotency-Key.',
      body: z.object({ deputyId: z.uuid(), from: date, to: date, reason: z.string().trim().min(1).max(1000) }),
    },
  }, async (req, reply) => {
    const p = requireStaff(req.principal);
    // Only one's own roles can be handed on: delegated grants are not delegated further.
    const res = await runCommand(ctx.db, req, async (tx) => ({ status: 201, body: await createPersonalDelegation(tx, p.userId, { delegatorId: p.userId, ...req.body }) }));
    reply.status(res.status);
    return res.body;
  });

  r.post('/deputies/:id/revoke', {
    schema: { tags: ['delegation'], summary: 'End a personal delegation now (the delegator, or a supervisor of their agency). Honours Idempotency-Key.', params: z.object({ id: z.uuid() }) },
  }, async (req, reply) => {
    const p = requireStaff(req.principal);
    const d = await getPersonalDelegation(ctx.db, req.params.id);
    if (!d) throw problems.notFound('giao quyền', 'Delegation');
    if (d.delegator.id !== p.userId) {
      const supervised = (await agenciesWithRole(ctx.db, { ...p, roles: (p.roles as DelegatedGrant[]).filter((g) => !g.delegatedBy) }, ['supervisor'])).map((a) => a.id);
      const visible = await delegationsInAgencies(ctx.db, supervised);
      if (!visible.some((x) => x.id === d.id)) throw problems.notFound('giao quyền', 'Delegation');
    }
    const res = await runCommand(ctx.db, req, async (tx) => {
      const out = await revokePersonalDelegation(tx, req.params.id, p.userId);
      if (!out) throw problems.conflict('Giao quyền này đã kết thúc.', 'This delegation has already ended.');
      return { status: 200, body: out };
    });
    reply.status(res.status);
    return res.body;
  });

  r.get('/supervision/deputies', {
    schema: { tags: ['delegation'], summary: 'Personal delegations in force or scheduled in the agencies I supervise' },
  }, async (req) => {
    const p = requireStaff(req.principal);
    const agencies = await agenciesWithRole(ctx.db, p, ['supervisor']);
    if (!agencies.length) throw problems.forbidden('Chỉ cán bộ giám sát mới xem được.', 'For supervisors only.');
    return { items: await delegationsInAgencies(ctx.db, agencies.map((a) => a.id)), agencies: agencies.map((a) => ({ id: a.id, code: a.code, name: a.name })) };
  });
}

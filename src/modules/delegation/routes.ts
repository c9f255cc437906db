import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { problems } from '../../platform/http/problem.ts';
import { requireStaff } from '../identity/authz.ts';
import { localToday, versionOn } from '../catalog/service.ts';
import { choiceHint, createDelegation, delegationsForProcedure, getDelegation, isDelegationAdmin, listDelegations, revokeDelegation } from './service.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * Delegations of authority. Reading is public (delegation decisions are published, and citizens
 * see where their dossier goes); recording and revoking are for system administrators and the
 * catalog administrators of the delegating authority (or of the city).
 */
export function delegationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/delegations', {
    schema: {
      tags: ['delegation'],
      summary: 'Delegations of authority (ủy quyền), newest first; state is judged on asOf (default today, Asia/Ho_Chi_Minh)',
      querystring: z.object({
        authorityCode: z.string().max(40).optional(), delegateCode: z.string().max(40).optional(), procedureCode: z.string().max(30).optional(),
        state: z.enum(['scheduled', 'in_force', 'ended', 'revoked']).optional(), asOf: date.optional(),
      }),
    },
  }, async (req) => ({ items: await listDelegations(ctx.db, req.query), asOf: req.query.asOf ?? localToday() }));

  r.get('/delegations/in-force', {
    schema: {
      tags: ['delegation'],
      summary: 'For a procedure: the delegations in force on a day (default today) by the agencies that decide it, and — under a class delegation ("every ward People\'s Committee") — the agencies an applicant may file at, with the hint shown above the choice',
      querystring: z.object({ procedureCode: z.string().trim().min(1).max(30), on: date.optional() }),
    },
  }, async (req) => {
    const on = req.query.on ?? localToday();
    const v = (await versionOn(ctx.db, req.query.procedureCode, on)) ?? (await versionOn(ctx.db, req.query.procedureCode));
    if (!v) throw problems.notFound('thủ tục', 'Procedure');
    const { sector, level, fieldCode } = v.definition;
    const { items, delegates } = await delegationsForProcedure(ctx.db, { code: v.definition.code, fieldCode: fieldCode ?? null, sector, level }, on);
    const cls = items.find((d) => d.delegateClass)?.delegateClass;
    return {
      procedureCode: v.definition.code, on, items,
      delegates: delegates?.map((a) => ({ code: a.code, name: a.name, nameEn: a.nameEn, adminUnitCode: a.adminUnitCode })) ?? null,
      hint: cls ? choiceHint(cls) : null,
    };
  });

  r.get('/delegations/:id', {
    schema: { tags: ['delegation'], summary: 'One delegation of authority', params: z.object({ id: z.uuid() }) },
  }, async (req) => {
    const d = await getDelegation(ctx.db, req.params.id);
    if (!d) throw problems.notFound('ủy quyền', 'Delegation');
    return d;
  });

  r.post('/delegations', {
    schema: {
      tags: ['delegation'],
      summary: 'Record a delegation: authority A delegates procedures (codes, or a whole field) to agency B (delegateCode) or to a class of agencies (delegateClass: every agency of a sector at a level, optionally only agencyCodes) from validFrom to validTo (inclusive). 409 when it overlaps another delegation of the same procedure by A, whatever its delegate. Honours Idempotency-Key.',
      body: z.object({
        authorityCode: z.string().trim().min(1).max(40),
        // One agency, or a class of agencies (every agency of a sector at a level, or only those listed).
        delegateCode: z.string().trim().min(1).max(40).nullable().optional(),
        delegateClass: z.object({
          sector: z.string().regex(/^[a-z_]{1,40}$/),
          level: z.enum(['central', 'province', 'commune']),
          agencyCodes: z.array(z.string().trim().min(1).max(40)).max(500).optional(),
        }).nullable().optional(),
        procedureCodes: z.array(z.string().trim().min(1).max(30)).max(500).default([]),
        fieldCode: z.string().regex(/^[a-z0-9-]{1,60}$/).nullable().optional(),
        validFrom: date,
        validTo: date.nullable().optional(),
        decisionNo: z.string().trim().min(1).max(100),
        decisionDate: date,
        signer: z.string().trim().min(1).max(300),
        conditions: z.string().max(4000).optional(),
      }),
    },
  }, async (req, reply) => {
    const p = requireStaff(req.principal);
    if (!isDelegationAdmin(p)) throw problems.forbidden('Chỉ quản trị viên mới được ghi nhận ủy quyền.', 'Only administrators record delegations.');
    const res = await runCommand(ctx.db, req, async (tx) => ({ status: 201, body: await createDelegation(tx, p, req.body) }));
    reply.status(res.status);
    return res.body;
  });

  r.post('/delegations/:id/revoke', {
    schema: {
      tags: ['delegation'],
      summary: 'Revoke a delegation: its last day in force becomes lastDay (default yesterday); the record stays. Honours Idempotency-Key.',
      params: z.object({ id: z.uuid() }),
      body: z.object({ lastDay: date.optional(), reason: z.string().trim().min(1).max(2000) }),
    },
  }, async (req, reply) => {
    const p = requireStaff(req.principal);
    const res = await runCommand(ctx.db, req, async (tx) => ({ status: 200, body: await revokeDelegation(tx, p, req.params.id, req.body) }));
    reply.status(res.status);
    return res.body;
  });
}

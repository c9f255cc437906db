import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { problems } from '../../platform/http/problem.ts';
import { hasRoleAtCityLevel, requireStaff } from '../identity/authz.ts';
import { invalidateOrgCache } from '../agencies/service.ts';
import { applyMerger, cancelMerger, getMerger, listMergers, previewMerger, recordMerger } from './service.ts';
import { APPLY_JOB } from './jobs.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A merger rearranges agencies across the city: an agency's own system administrator may not merge agencies. */
async function requireSystemAdmin(db: Executor, p: Principal | null): Promise<Principal> {
  const s = requireStaff(p);
  if (!(await hasRoleAtCityLevel(db, s, ['system_admin']))) throw problems.forbidden('Chỉ quản trị hệ thống cấp thành phố mới thực hiện sắp xếp đơn vị.', 'Only city-level system administrators reorganise units.');
  return s;
}

/** Mergers of agencies: record (with a preview of what moves), apply when due, cancel. City-level system administrators only. */
export function reorganisationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const idParam = z.object({ id: z.uuid() });

  r.get('/reorganisation/mergers', { schema: { tags: ['reorganisation'], summary: 'Recorded, applied and cancelled mergers' } }, async (req) => {
    await requireSystemAdmin(ctx.db, req.principal);
    return { items: await listMergers(ctx.db) };
  });

  r.get('/reorganisation/mergers/:id', { schema: { tags: ['reorganisation'], summary: 'A merger with a preview of what applying it moves', params: idParam } }, async (req) => {
    await requireSystemAdmin(ctx.db, req.principal);
    return previewMerger(ctx.db, req.params.id);
  });

  r.post('/reorganisation/mergers', {
    schema: {
      tags: ['reorganisation'],
      summary: 'Record "agencies A and B become C on effectiveOn" (C existing — possibly one of them — or new). Applied at once when effectiveOn is today or earlier and applyNow is true; otherwise by the daily job on that date. Honours Idempotency-Key.',
      body: z.object({
        resolutionNo: z.string().trim().min(1).max(100),
        resolutionDate: date.nullable().optional(),
        effectiveOn: date,
        sourceCodes: z.array(z.string().trim().min(1).max(40)).min(1).max(50),
        targetCode: z.string().trim().min(1).max(40).nullable().optional(),
        targetNew: z.object({
          code: z.string().trim().min(3).max(40), name: z.string().trim().min(1).max(300), nameEn: z.string().trim().min(1).max(300),
          address: z.string().max(500).nullable().optional(),
          adminUnit: z.object({ code: z.string().regex(/^\d{2,5}$/), name: z.string().min(1).max(200), nameEn: z.string().min(1).max(200), fullName: z.string().min(1).max(200), fullNameEn: z.string().min(1).max(200) }).nullable().optional(),
        }).nullable().optional(),
        note: z.string().max(4000).optional(),
        applyNow: z.boolean().default(false),
      }),
    },
  }, async (req, reply) => {
    const p = await requireSystemAdmin(ctx.db, req.principal);
    const res = await runCommand(ctx.db, req, async (tx) => {
      let m = await recordMerger(tx, p.userId, req.body);
      if (req.body.applyNow && m.effectiveOn <= new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)) {
        m = (await applyMerger(tx, m.id, { id: p.userId, name: p.name })).merger;
      }
      return { status: 201, body: m };
    });
    invalidateOrgCache(); // after commit: no request may cache the units as they were before
    const m = res.body as Awaited<ReturnType<typeof recordMerger>>;
    if (m.status === 'recorded') {
      // On the day, shortly after midnight in Hanoi; the daily job catches up if this is lost.
      await ctx.jobs.send(APPLY_JOB, { mergerId: m.id }, { startAfter: new Date(`${m.effectiveOn}T00:01:00+07:00`), singletonKey: `merger:${m.id}` }).catch(() => null);
    }
    reply.status(res.status);
    return res.body;
  });

  r.post('/reorganisation/mergers/:id/apply', {
    schema: { tags: ['reorganisation'], summary: 'Apply a recorded merger whose date has come (again: no change). Honours Idempotency-Key.', params: idParam },
  }, async (req) => {
    const p = await requireSystemAdmin(ctx.db, req.principal);
    const res = await runCommand(ctx.db, req, async (tx) => ({ status: 200, body: await applyMerger(tx, req.params.id, { id: p.userId, name: p.name }) }));
    invalidateOrgCache();
    return res.body;
  });

  r.post('/reorganisation/mergers/:id/cancel', {
    schema: { tags: ['reorganisation'], summary: 'Cancel a merger not yet applied. Honours Idempotency-Key.', params: idParam },
  }, async (req) => {
    await requireSystemAdmin(ctx.db, req.principal);
    const res = await runCommand(ctx.db, req, async (tx) => ({ status: 200, body: await cancelMerger(tx, req.params.id) }));
    return res.body;
  });

  r.get('/reorganisation/mergers/:id/result', { schema: { tags: ['reorganisation'], summary: 'A merger as recorded', params: idParam } }, async (req) => {
    await requireSystemAdmin(ctx.db, req.principal);
    const m = await getMerger(ctx.db, req.params.id);
    if (!m) throw problems.notFound('phương án sáp nhập', 'Merger');
    return m;
  });
}

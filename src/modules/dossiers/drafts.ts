import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { problems } from '../../platform/http/problem.ts';
import { requireCitizen } from '../identity/authz.ts';
import './tables.ts';

const draftBody = z.object({
  procedureCode: z.string().min(1).max(30),
  agencyCode: z.string().max(40).nullable().default(null),
  form: z.record(z.string(), z.unknown()).default({}),
  // storeItemIds: documents picked from the personal data store (checked again at submission).
  documents: z.array(z.object({ code: z.string().max(60), fileIds: z.array(z.uuid()).max(20), storeItemIds: z.array(z.uuid()).max(20).default([]) })).max(60).default([]),
});

const present = (r: any) => ({ id: r.id, procedureCode: r.procedure_code, agencyCode: r.agency_code, form: r.form, documents: r.documents, createdAt: r.created_at, updatedAt: r.updated_at });

/** Saved, unsubmitted applications: the client names them (a UUID) so saving twice is harmless. */
export function draftRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/drafts', { schema: { tags: ['drafts'], summary: 'My saved applications' } }, async (req) => {
    const p = requireCitizen(req.principal);
    const rows = await ctx.db.selectFrom('dossier_draft').selectAll().where('user_id', '=', p.userId).orderBy('updated_at', 'desc').limit(100).execute();
    return { items: rows.map(present) };
  });
  r.get('/drafts/:id', { schema: { tags: ['drafts'], summary: 'One saved application', params: z.object({ id: z.uuid() }) } }, async (req) => {
    const p = requireCitizen(req.principal);
    const row = await ctx.db.selectFrom('dossier_draft').selectAll().where('id', '=', req.params.id).where('user_id', '=', p.userId).executeTakeFirst();
    if (!row) throw problems.notFound('bản nháp', 'Draft');
    return present(row);
  });
  r.put('/drafts/:id', { schema: { tags: ['drafts'], summary: 'Save an application to finish later (create or replace)', params: z.object({ id: z.uuid() }), body: draftBody } }, async (req) => {
    const p = requireCitizen(req.principal);
    const b = req.body;
    const values = { procedure_code: b.procedureCode, agency_code: b.agencyCode, form: JSON.stringify(b.form), documents: JSON.stringify(b.documents) };
    const row = await ctx.db.insertInto('dossier_draft').values({ id: req.params.id, user_id: p.userId, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: sql`now()` }).where('dossier_draft.user_id', '=', p.userId))
      .returningAll().executeTakeFirst();
    if (!row) throw problems.notFound('bản nháp', 'Draft');
    return present(row);
  });
  r.delete('/drafts/:id', { schema: { tags: ['drafts'], summary: 'Discard a saved application', params: z.object({ id: z.uuid() }) } }, async (req) => {
    const p = requireCitizen(req.principal);
    // Someone else's draft and a missing one get the same answer: nobody learns another's draft exists.
    const r = await ctx.db.deleteFrom('dossier_draft').where('id', '=', req.params.id).where('user_id', '=', p.userId).executeTakeFirst();
    if (r.numDeletedRows === 0n) throw problems.notFound('bản nháp', 'Draft');
    return { ok: true };
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { problems } from '../../platform/http/problem.ts';
import { requireSignedIn, worksIn } from '../identity/authz.ts';
import { dossierBasics } from '../dossiers/queries.ts';
import './tables.ts';

const FINISHED = [3, 7, 8, 9, 10];

export function feedbackRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.uuid() });

  r.post('/dossiers/:id/rating', {
    schema: {
      tags: ['feedback'], summary: 'Rate the handling of my dossier once it is finished (one rating per dossier)', params,
      body: z.object({ level: z.enum(['very_satisfied', 'satisfied', 'unsatisfied']), comment: z.string().trim().max(2000).optional() }),
    },
  }, async (req, reply) => {
    const p = requireSignedIn(req.principal);
    const d = await dossierBasics(ctx.db, req.params.id);
    if (!d || d.applicantUserId !== p.userId) throw problems.notFound('hồ sơ', 'Dossier');
    if (!FINISHED.includes(d.status)) {
      throw problems.conflict('Chỉ đánh giá được khi hồ sơ đã giải quyết xong.', 'You can rate a dossier once it is finished.', { currentStatus: d.status });
    }
    const res = await runCommand(ctx.db, req, async (tx) => {
      const row = await tx.insertInto('dossier_rating').values({ dossier_id: d.id, user_id: p.userId, agency_id: d.agencyId, level: req.body.level, comment: req.body.comment ?? null })
        .onConflict((oc) => oc.column('dossier_id').doNothing()).returningAll().executeTakeFirst();
      if (!row) throw problems.conflict('Bạn đã đánh giá hồ sơ này.', 'You have already rated this dossier.');
      return { status: 201, body: { level: row.level, comment: row.comment, createdAt: row.created_at } };
    });
    reply.status(res.status);
    return res.body;
  });

  r.get('/dossiers/:id/rating', { schema: { tags: ['feedback'], summary: 'The rating of a dossier, if any', params } }, async (req) => {
    const p = requireSignedIn(req.principal);
    const d = await dossierBasics(ctx.db, req.params.id);
    if (!d || (d.applicantUserId !== p.userId && !(await worksIn(ctx.db, p, d.agencyId)))) throw problems.notFound('hồ sơ', 'Dossier');
    const row = await ctx.db.selectFrom('dossier_rating').selectAll().where('dossier_id', '=', d.id).executeTakeFirst();
    return { rating: row ? { level: row.level, comment: row.comment, createdAt: row.created_at } : null };
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { problems } from '../../platform/http/problem.ts';
import { getAgencyByCode, listAgencies, subUnits } from './service.ts';

export function agencyRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/agencies', {
    schema: {
      tags: ['reference'],
      summary: 'Agencies (cơ quan) with their codes',
      querystring: z.object({
        sector: z.string().max(40).optional(),
        level: z.enum(['central', 'province', 'commune']).optional(),
        adminUnitCode: z.string().max(10).optional(),
        q: z.string().max(100).optional(),
      }),
    },
  }, async (req) => ({ items: await listAgencies(ctx.db, req.query) }));
  r.get('/agencies/:code', {
    schema: { tags: ['reference'], summary: 'One agency with its desk, leadership and divisions', params: z.object({ code: z.string().max(40) }) },
  }, async (req) => {
    const a = await getAgencyByCode(ctx.db, req.params.code);
    if (!a) throw problems.notFound('cơ quan', 'Agency');
    return { ...a, units: await subUnits(ctx.db, a.id) };
  });
}

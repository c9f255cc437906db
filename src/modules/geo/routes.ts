import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { problems } from '../../platform/http/problem.ts';
import { getAdminUnit, listAdminUnits } from './service.ts';

export function geoRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/admin-units', {
    schema: {
      tags: ['reference'],
      summary: 'Administrative units (provinces, communes/wards) in force on a date',
      querystring: z.object({
        province: z.string().regex(/^\d{2}$/).optional(),
        level: z.enum(['province', 'commune']).optional(),
        q: z.string().max(100).optional(),
        onDate: z.iso.date().optional(),
      }),
    },
  }, async (req) => ({ items: await listAdminUnits(ctx.db, req.query) }));
  r.get('/admin-units/:code', {
    schema: { tags: ['reference'], summary: 'One administrative unit', params: z.object({ code: z.string().max(10) }) },
  }, async (req) => {
    const u = await getAdminUnit(ctx.db, req.params.code);
    if (!u) throw problems.notFound('đơn vị hành chính', 'Administrative unit');
    return u;
  });
}

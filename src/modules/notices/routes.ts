import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { problems } from '../../platform/http/problem.ts';
import { requireSignedIn } from '../identity/authz.ts';
import { listNotices, markRead } from './service.ts';

export function noticeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/notices', { schema: { tags: ['notices'], summary: 'My in-app notices (reminders, status changes)' } },
    async (req) => ({ items: await listNotices(ctx.db, requireSignedIn(req.principal).userId) }));
  r.post('/notices/:id/read', { schema: { tags: ['notices'], summary: 'Mark a notice read', params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req) => {
    if (!(await markRead(ctx.db, requireSignedIn(req.principal).userId, req.params.id))) throw problems.notFound('thông báo', 'Notice');
    return { ok: true };
  });
}

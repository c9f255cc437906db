import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { problems } from '../../platform/http/problem.ts';
import { requireCitizen } from '../identity/authz.ts';
import { addFromUpload, DOCUMENT_TYPES, getItemRow, listItems, present, removeItem, SOURCES } from './service.ts';

const date = z.iso.date();

export function dataStoreRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const idParam = z.object({ id: z.uuid() });

  r.get('/my/data-store', {
    schema: {
      tags: ['data store'],
      summary: 'My personal data store: documents already digitized and earlier e-results, reusable in new dossiers (citizen)',
      description: 'Each item: kind, title, number, issuer, issue date, validity, source (upload, desk, result, population) and the file. `types` lists the kinds with the procedure document codes each may stand for.',
    },
  }, async (req) => {
    const p = requireCitizen(req.principal);
    return { items: await listItems(ctx.db, p.userId), types: DOCUMENT_TYPES, sources: SOURCES };
  });

  r.get('/my/data-store/:id', {
    schema: { tags: ['data store'], summary: 'One item of my data store', params: idParam },
  }, async (req) => {
    const p = requireCitizen(req.principal);
    const row = await getItemRow(ctx.db, p.userId, req.params.id);
    if (!row) throw problems.notFound('giấy tờ trong kho dữ liệu', 'Data store item');
    return present(row);
  });

  r.get('/my/data-store/:id/file', {
    schema: { tags: ['data store'], summary: 'The file of one item of my data store', params: idParam },
  }, async (req, reply) => {
    const p = requireCitizen(req.principal);
    const row = await getItemRow(ctx.db, p.userId, req.params.id);
    if (!row) throw problems.notFound('giấy tờ trong kho dữ liệu', 'Data store item');
    reply.type(row.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.filename)}`);
    return reply.send(ctx.storage.get(row.storage_key));
  });

  r.post('/my/data-store', {
    schema: {
      tags: ['data store'],
      summary: 'Add one of my uploads (POST /files) to my data store, described. Honours Idempotency-Key.',
      body: z.object({
        fileId: z.uuid(),
        documentType: z.string().max(60),
        title: z.string().trim().min(1).max(300),
        number: z.string().trim().max(100).optional(),
        issuer: z.string().trim().max(300).optional(),
        issuedOn: date.optional(),
        validUntil: date.optional(),
      }),
    },
  }, async (req, reply) => {
    const p = requireCitizen(req.principal);
    const { fileId, ...item } = req.body;
    const res = await runCommand(ctx.db, req, async (tx) => ({ status: 201, body: await addFromUpload(tx, p, fileId, item) }));
    reply.status(res.status);
    return res.body;
  });

  r.delete('/my/data-store/:id', {
    schema: {
      tags: ['data store'],
      summary: 'Remove an item from my data store (dossiers already filed keep their copy of the document)',
      params: idParam,
    },
  }, async (req) => {
    const p = requireCitizen(req.principal);
    if (!(await removeItem(ctx.db, p.userId, req.params.id))) throw problems.notFound('giấy tờ trong kho dữ liệu', 'Data store item');
    return { ok: true };
  });
}

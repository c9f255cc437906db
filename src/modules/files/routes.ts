import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { requireSignedIn } from '../identity/authz.ts';
import { getFiles, publicFile, storeUpload } from './service.ts';

export function fileRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/files', {
    schema: {
      tags: ['files'],
      summary: 'Upload a document (multipart field "file"; PDF, JPEG or PNG). Returns its id to attach to a dossier.',
      consumes: ['multipart/form-data'],
    },
  }, async (req, reply) => {
    const p = requireSignedIn(req.principal);
    if (!req.isMultipart()) throw new Problem(415, 'unsupported_media_type', 'Hãy gửi tệp dạng multipart/form-data, trường "file".', 'Send the file as multipart/form-data in the field "file".');
    const part = await req.file({ limits: { fileSize: ctx.config.maxUploadBytes } });
    if (!part) throw problems.validation([{ field: 'file', message_vi: 'là trường bắt buộc', message_en: 'is required' }]);
    // The key is claimed before the bytes are stored: a retried upload is replayed, not stored twice.
    const res = await runCommand(ctx.db, req, async (tx) => {
      const f = await storeUpload(tx, ctx.storage, { ownerId: p.userId, stream: part.file, filename: part.filename, declaredType: part.mimetype, maxBytes: ctx.config.maxUploadBytes });
      return { status: 201, body: publicFile(f) };
    }, false);
    // A replay did not read the upload: drain it.
    if (res.replayed) part.file.resume();
    reply.status(res.status);
    return res.body;
  });

  r.get('/files/:id', {
    schema: { tags: ['files'], summary: 'Download one of my uploads', params: z.object({ id: z.uuid() }) },
  }, async (req, reply) => {
    const p = requireSignedIn(req.principal);
    const [f] = await getFiles(ctx.db, [req.params.id]);
    if (!f || f.ownerId !== p.userId) throw problems.notFound('tệp', 'File');
    reply.type(f.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
    return reply.send(ctx.storage.get(f.storageKey));
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { canView } from '../dossiers/actions.ts';
import { dossierBasics } from '../dossiers/queries.ts';
import { requireSignedIn, requireStaff } from '../identity/authz.ts';
import { configureResults, findResult, presentResult, resultsOfDossier, revokeResult, verifyStored, verifyUpload } from './service.ts';

const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

export function resultRoutes(app: FastifyInstance, ctx: AppContext) {
  configureResults(ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/public/results/:id', {
    schema: {
      tags: ['public', 'results'],
      summary: 'Verify an electronic result without signing in (by id or the code printed under its QR code)',
      description: '`status`: `valid` (authentic, unaltered, not revoked), `revoked` (with date and reason) or `altered` (the stored bytes or the signature no longer check out). The applicant\'s name is shortened to initials.',
      params: z.object({ id: z.string().min(6).max(60) }),
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const row = await findResult(ctx.db, req.params.id);
    if (!row) throw problems.notFound('kết quả điện tử với mã này', 'Electronic result with this code');
    return verifyStored(row);
  });

  r.post('/public/results/verify', {
    schema: {
      tags: ['public', 'results'],
      summary: 'Upload a PDF to check whether it is an unaltered result issued by Motcua (multipart field "file"; nothing is stored)',
      consumes: ['multipart/form-data'],
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (!req.isMultipart()) throw new Problem(415, 'unsupported_media_type', 'Hãy gửi tệp dạng multipart/form-data, trường "file".', 'Send the file as multipart/form-data in the field "file".');
    const part = await req.file({ limits: { fileSize: MAX_VERIFY_BYTES } });
    if (!part) throw problems.validation([{ field: 'file', message_vi: 'là trường bắt buộc', message_en: 'is required' }]);
    const buf = await part.toBuffer();
    if (buf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new Problem(415, 'unsupported_file', 'Chỉ kiểm tra được tệp PDF.', 'Only PDF files can be checked.', { errors: [{ field: 'file', message_vi: 'không phải PDF', message_en: 'not a PDF' }] });
    }
    return verifyUpload(ctx.db, buf);
  });

  r.get('/results', {
    schema: {
      tags: ['results'],
      summary: 'Electronic results issued for a dossier (its applicant and the agency\'s staff)',
      querystring: z.object({ dossierId: z.uuid() }),
    },
  }, async (req) => {
    const p = requireSignedIn(req.principal);
    const d = await dossierBasics(ctx.db, req.query.dossierId);
    if (!d || !(await canView(ctx.db, { agency_id: d.agencyId, applicant_user_id: d.applicantUserId }, p))) throw problems.notFound('hồ sơ', 'Dossier');
    return { items: (await resultsOfDossier(ctx.db, req.query.dossierId)).map(presentResult) };
  });

  r.post('/results/:id/revoke', {
    schema: {
      tags: ['results'],
      summary: 'Revoke an electronic result, with the reason (signing authority or supervisor of the issuing agency). Honours Idempotency-Key.',
      params: z.object({ id: z.uuid() }),
      body: z.object({ reason: z.string().trim().min(1).max(1000) }),
    },
  }, async (req, reply) => {
    const p = requireStaff(req.principal);
    const res = await runCommand(ctx.db, req, async (tx) => ({ status: 200, body: presentResult(await revokeResult(tx, p, req.params.id, req.body.reason)) }));
    reply.status(res.status);
    return res.body;
  });
}

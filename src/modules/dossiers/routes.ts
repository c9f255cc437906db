import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { problems } from '../../platform/http/problem.ts';
import { requireCitizen, requireSignedIn, requireStaff } from '../identity/authz.ts';
import { act, canView, type ActionInput } from './actions.ts';
import { actionNames, type ActionName } from './lifecycle.ts';
import { presentDossier } from './present.ts';
import { findDossiers, inbox, myDossiers, publicTracking } from './queries.ts';
import { nextAssignees } from './assignees.ts';
import { renderSlip, SLIP_KINDS } from './slips.ts';
import { insertDossier, prepareSubmission } from './submit.ts';
import { newDossierCode } from './codes.ts';
import { logAccess, logDossierAccess, lookupPurposeQuery, requireLookupPurpose } from '../privacy/service.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const documentRefs = z.array(z.object({
  code: z.string().max(60), fileIds: z.array(z.uuid()).max(20).default([]),
  storeItemIds: z.array(z.uuid()).max(20).optional().describe('citizens: items of my personal data store (GET /my/data-store) used instead of a new upload'),
})).max(60);
const base = { version: z.number().int().min(1), note: z.string().max(2000).optional() };

const bodies: Record<ActionName, z.ZodObject<any>> = {
  receive: z.object(base),
  request_supplement: z.object({ ...base, items: z.array(z.object({ documentCode: z.string().max(60).optional(), name: text(500), reason: text(1000) })).min(1).max(50) }),
  resubmit: z.object({ ...base, documents: documentRefs.default([]), form: z.record(z.string(), z.unknown()).optional() }),
  refuse: z.object({ ...base, reasons: z.array(text(1000)).min(1).max(20) }),
  forward: z.object({ ...base, assigneeId: z.uuid().optional() }),
  send_back: z.object({ ...base, reason: text(2000), assigneeId: z.uuid().optional() }),
  assign: z.object({ ...base, assigneeId: z.uuid() }),
  request_payment: z.object({ ...base, amount: z.number().int().positive().max(1e12).optional().describe('default: the fee quoted at submission'), description: z.string().max(1000).optional() }),
  confirm_payment: z.object({ ...base, amount: z.number().int().nonnegative().max(1e12).optional(), method: z.enum(['cash', 'transfer', 'online']).default('cash'), receiptNo: z.string().max(100).optional() }),
  sign: z.object({ ...base, resultFileIds: z.array(z.uuid()).max(20).optional() }),
  return: z.object({
    ...base, method: z.enum(['in_person', 'post', 'online']).default('in_person'), receivedBy: z.string().max(200).optional(),
    trackingNo: z.string().trim().max(20).optional().describe('by post: the UPU S10 item number (e.g. EB123456785VN); required, check digit verified (422)'),
  }),
  withdraw: z.object({ ...base, reason: text(2000) }),
  stop: z.object({ ...base, reason: text(2000) }),
  extend: z.object({ ...base, reason: text(2000), newDueAt: z.iso.datetime({ offset: true }) }),
};

const paths: Record<ActionName, string> = {
  receive: 'receive', request_supplement: 'request-supplement', resubmit: 'resubmit', refuse: 'refuse', forward: 'forward',
  send_back: 'send-back', assign: 'assign', request_payment: 'request-payment', confirm_payment: 'confirm-payment', sign: 'sign',
  return: 'return', withdraw: 'withdraw', stop: 'stop', extend: 'extend',
};

export function dossierRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const idParam = z.object({ id: z.uuid() });

  r.post('/dossiers', {
    schema: {
      tags: ['dossiers'],
      summary: 'Submit a dossier: online by a signed-in citizen, or at the desk on a walk-in applicant\'s behalf (optionally received at once). Honours Idempotency-Key.',
      body: z.object({
        procedureCode: text(30),
        agencyCode: z.string().max(40).optional(),
        form: z.record(z.string(), z.unknown()),
        documents: documentRefs.default([]),
        applicant: z.object({
          fullName: text(200), idNumber: z.string().regex(/^\d{12}$/).optional(), phone: z.string().regex(/^0\d{9,10}$/).optional(),
          email: z.email().max(200).optional(), address: z.string().max(500).optional(),
        }).optional(),
        channel: z.enum(['in_person', 'post']).optional(),
        receive: z.boolean().optional(),
        checklist: z.array(z.object({ code: z.string().max(60), kind: z.enum(['original', 'copy', 'certified_copy', 'original_or_certified_copy']), count: z.number().int().min(1).max(100) })).max(60).optional()
          .describe('desk only: the paper documents checked at reception, printed on the receipt'),
        draftId: z.uuid().optional().describe('a saved draft this submission completes: it is deleted in the same transaction'),
        exemption: z.object({
          code: z.string().min(1).max(60), proofFileIds: z.array(z.uuid()).max(10).optional(), proofStoreItemIds: z.array(z.uuid()).max(10).optional(),
        }).optional().describe('a fee exemption (miễn, giảm) claimed, with its proof document; see GET /procedures/{code}/fee-quote. 422 when unknown, not in force or not for this procedure'),
        delivery: z.object({
          method: z.enum(['in_person', 'post', 'online']).optional(), address: z.string().trim().max(500).optional(),
          recipient: z.string().trim().max(200).optional(), phone: z.string().regex(/^0\d{9,10}$/).optional(),
        }).optional().describe("how the result is delivered: the form's resultDelivery answer decides the method; by post needs the postal address"),
      }),
    },
  }, async (req, reply) => {
    const p = requireSignedIn(req.principal);
    const prep = await prepareSubmission(ctx.db, p, req.body);
    // Reserved before the transaction: reserving needs a connection of its own, and a transaction
    // waiting for one while holding another could starve the pool. A replayed retry skips a number.
    const code = await newDossierCode(ctx.db, prep.agency.code, new Date());
    const res = await runCommand(ctx.db, req, async (tx) => {
      let row = await insertDossier(tx, p, prep, req.body.form, code);
      if (req.body.draftId) await tx.deleteFrom('dossier_draft').where('id', '=', req.body.draftId).where('user_id', '=', p.userId).execute();
      if (req.body.receive && p.kind === 'staff') row = await act(tx, p, row.id, 'receive', { version: row.version });
      const documents = row.version === 1
        ? prep.files.map((f) => ({ document_code: f.code, file_id: f.file.id, filename: f.file.filename, mime: f.file.mime, size: f.file.size, sha256: f.file.sha256, added_seq: 1, source: f.source, origin: f.origin ?? null }))
        : undefined;
      return { status: 201, body: await presentDossier(tx, row, p, { documents }) };
    });
    reply.status(res.status).header('location', `/api/v1/dossiers/${(res.body as any).id}`);
    return res.body;
  });

  r.get('/dossiers/:id', {
    schema: { tags: ['dossiers'], summary: 'A dossier with its documents, tracking slip and the actions you may take now', params: idParam },
  }, async (req) => {
    const p = requireSignedIn(req.principal);
    const d = await ctx.db.selectFrom('dossier').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!d || !(await canView(ctx.db, d, p))) throw problems.notFound('hồ sơ', 'Dossier');
    // An official opening it is logged (personal-data access log), alongside building the answer.
    const [body] = await Promise.all([presentDossier(ctx.db, d, p, { withLog: true }), logDossierAccess(ctx.db, req, d, { kind: 'dossier' })]);
    return body;
  });

  for (const action of Object.keys(bodies) as ActionName[]) {
    r.post(`/dossiers/:id/${paths[action]}`, {
      schema: {
        tags: ['dossier actions'],
        summary: `${actionNames[action].en} (${actionNames[action].vi}). Send the dossier "version" you saw; 409 if it changed. Honours Idempotency-Key.`,
        params: idParam,
        body: bodies[action],
      },
    }, async (req, reply) => {
      const p = requireSignedIn(req.principal);
      const res = await runCommand(ctx.db, req, async (tx) => {
        const row = await act(tx, p, req.params.id, action, req.body as unknown as ActionInput);
        return { status: 200, body: await presentDossier(tx, row, p) };
      });
      return res.body;
    });
  }

  r.get('/dossiers/:id/documents/:fileId', {
    schema: { tags: ['dossiers'], summary: 'Download a document of a dossier (only for those who may see the dossier)', params: z.object({ id: z.uuid(), fileId: z.uuid() }) },
  }, async (req, reply) => {
    const p = requireSignedIn(req.principal);
    const d = await ctx.db.selectFrom('dossier').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!d || !(await canView(ctx.db, d, p))) throw problems.notFound('hồ sơ', 'Dossier');
    const doc = await ctx.db.selectFrom('dossier_document').selectAll().where('dossier_id', '=', d.id).where('file_id', '=', req.params.fileId).executeTakeFirst();
    if (!doc) throw problems.notFound('giấy tờ', 'Document');
    await logDossierAccess(ctx.db, req, d, { kind: 'document', ref: doc.file_id, label: doc.filename });
    reply.type(doc.mime).header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(doc.filename)}`);
    return reply.send(ctx.storage.get(doc.storage_key));
  });

  r.get('/dossiers/:id/slips/:kind', {
    schema: {
      tags: ['dossiers'], summary: 'A standard slip as PDF: receipt, supplement, refusal, apology or tracking',
      params: z.object({ id: z.uuid(), kind: z.string().regex(/^[a-z]+(\.pdf)?$/) }),
    },
  }, async (req, reply) => {
    const p = requireSignedIn(req.principal);
    const kind = req.params.kind.replace(/\.pdf$/, '') as (typeof SLIP_KINDS)[number];
    if (!SLIP_KINDS.includes(kind)) throw problems.notFound(`loại phiếu ${kind}`, `Slip kind ${kind}`);
    const d = await ctx.db.selectFrom('dossier').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!d || !(await canView(ctx.db, d, p))) throw problems.notFound('hồ sơ', 'Dossier');
    const [pdf] = await Promise.all([renderSlip(ctx.db, d, kind, ctx.config.publicUrl), logDossierAccess(ctx.db, req, d, { kind: 'slip', ref: kind })]);
    reply.type('application/pdf').header('content-disposition', `inline; filename="${kind}-${d.code}.pdf"`);
    return pdf;
  });

  r.get('/inbox', {
    schema: {
      tags: ['dossiers'], summary: 'My inbox: dossiers waiting at steps I may act on, soonest due first, with overdue and due-soon flags',
      querystring: z.object({
        procedureCode: z.string().max(30).optional(),
        status: z.coerce.number().int().min(1).max(10).optional(),
        overdue: z.stringbool().optional(),
        dueSoon: z.stringbool().optional(),
        assignedToMe: z.stringbool().optional(),
        q: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
  }, async (req) => inbox(ctx.db, requireStaff(req.principal), req.query, ctx.config.inboxCountCap));

  r.get('/dossiers', {
    schema: {
      tags: ['dossiers'], summary: 'Look up dossiers of my agencies (staff): by code, applicant ID number or phone (a look-up of a person: give a purpose, it is logged), status, procedure',
      querystring: lookupPurposeQuery.extend({
        code: z.string().max(60).optional(), idNumber: z.string().regex(/^\d{12}$/).optional(), phone: z.string().max(15).optional(),
        status: z.coerce.number().int().min(1).max(10).optional(), procedureCode: z.string().max(30).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0),
      }),
    },
  }, async (req) => {
    const p = requireStaff(req.principal);
    const { idNumber, phone } = req.query;
    // Searching by a person's ID number or phone is looking that person up: purpose first, then logged.
    const reason = idNumber || phone ? await requireLookupPurpose(ctx.db, p, req.query) : null;
    const found = await findDossiers(ctx.db, p, req.query);
    if (reason) {
      await logAccess(ctx.db, req, reason, {
        kind: 'dossier_search', ref: idNumber ?? phone, label: `${found.items.length}`,
        subjectIdNumber: idNumber ?? found.items[0]?.applicantIdNumber ?? null,
        subjectName: found.items[0]?.applicantName ?? null,
      });
    }
    return found;
  });

  r.get('/dossiers/:id/assignees', {
    schema: { tags: ['dossiers'], summary: 'Officials who may take the dossier at its current step and at the next one (for assign / forward)', params: idParam },
  }, async (req) => {
    const p = requireStaff(req.principal);
    const d = await ctx.db.selectFrom('dossier').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!d || !(await canView(ctx.db, d, p))) throw problems.notFound('hồ sơ', 'Dossier');
    return nextAssignees(ctx.db, d);
  });

  r.get('/my/dossiers', {
    schema: {
      tags: ['dossiers'], summary: 'My own dossiers (citizen)',
      querystring: z.object({ status: z.coerce.number().int().min(1).max(10).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
    },
  }, async (req) => myDossiers(ctx.db, requireCitizen(req.principal), req.query));

  r.get('/public/tracking/:code', {
    schema: {
      tags: ['public'], summary: 'Track a dossier without signing in: its code plus the last 4 digits of the applicant\'s phone or ID number',
      params: z.object({ code: z.string().max(60) }),
      querystring: z.object({ verify: z.string().min(4).max(20) }),
    },
  }, async (req) => {
    const t = await publicTracking(ctx.db, req.params.code, req.query.verify);
    if (!t) throw problems.notFound('hồ sơ với mã và thông tin xác minh này', 'Dossier with this code and verification');
    return t;
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { problems } from '../../platform/http/problem.ts';
import { listAgencies } from '../agencies/service.ts';
import { versionOn } from '../catalog/service.ts';
import { hasRoleAt, hasRoleAtCityLevel, requireCitizen, requireSignedIn, requireStaff } from '../identity/authz.ts';
import { populationRegistry, prefillFor } from '../population/service.ts';
import { act, loadForUpdate } from '../dossiers/actions.ts';
import { groupOn, groupsInForce, groupVersion, type GroupDefinition } from './definition.ts';
import { insertApplication, prepareApplication } from './submit.ts';
import { addEvent, withdrawApplication } from './follow.ts';
import { canViewApplication, myApplications, presentApplication, presentGroup } from './present.ts';
import { kickDispatcher } from './jobs.ts';

const COMMUNE_LABEL: Record<string, { vi: string; en: string }> = {
  people_committee: { vi: 'UBND xã/phường nơi nộp', en: 'People\'s Committee of the commune/ward you choose' },
  police: { vi: 'Công an xã/phường nơi nộp', en: 'Police of the commune/ward you choose' },
};

/** Who handles each part, as citizens read it before choosing a ward. */
async function agencyLabels(ctx: AppContext, g: GroupDefinition) {
  const out = new Map<string, string>();
  for (const part of g.parts) {
    if (part.external || !part.procedureCode) continue;
    const v = await versionOn(ctx.db, part.procedureCode);
    if (!v) continue;
    const { sector } = v.definition;
    // Each part runs under its own procedure's deadline.
    out.set(`${part.key}:deadline`, JSON.stringify(v.definition.deadline));
    if (part.agency === 'commune') {
      out.set(part.key, COMMUNE_LABEL[sector]?.vi ?? 'Cơ quan cấp xã nơi nộp');
      out.set(`${part.key}:en`, COMMUNE_LABEL[sector]?.en ?? 'The commune-level agency where you file');
    } else {
      const [a] = await listAgencies(ctx.db, { sector, level: 'province' });
      out.set(part.key, a?.name ?? '');
      out.set(`${part.key}:en`, a?.nameEn ?? '');
    }
  }
  return out;
}

export function interconnectRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const codeParam = z.object({ code: z.string().regex(/^[A-Z0-9-]{3,40}$/) });
  const idParam = z.object({ id: z.uuid() });
  const group = (code: string) => {
    const g = groupOn(code);
    if (!g) throw problems.notFound(`nhóm thủ tục liên thông ${code}`, `Interconnected group ${code}`);
    return g;
  };

  r.get('/interconnect/groups', {
    schema: { tags: ['interconnect'], summary: 'Interconnected procedure groups in force (liên thông): one application, several agencies' },
  }, async () => ({ items: await Promise.all(groupsInForce().map(async (g) => presentGroup(g, await agencyLabels(ctx, g)))) }));

  r.get('/interconnect/groups/:code', {
    schema: { tags: ['interconnect'], summary: 'An interconnected group: its parts and their dependencies, the one form, the documents and the refusal rule', params: codeParam },
  }, async (req) => {
    const g = group(req.params.code);
    return { ...presentGroup(g, await agencyLabels(ctx, g)), form: g.form, documents: g.documents.map((d) => ({ ...d, parts: Object.keys(d.parts) })) };
  });

  r.get('/interconnect/groups/:code/prefill', {
    schema: { tags: ['interconnect'], summary: 'What the group\'s form takes from the population database for me (same shape as /my/population-record)', params: codeParam },
  }, async (req) => {
    const p = requireCitizen(req.principal);
    const g = group(req.params.code);
    return { adapter: populationRegistry(ctx.db).name, ...(await prefillFor(ctx.db, p, g.code, g.form)) };
  });

  r.post('/interconnect/applications', {
    schema: {
      tags: ['interconnect'],
      summary: 'Submit an interconnected application (citizen): checked whole, then fanned out to the agencies in the background. Honours Idempotency-Key.',
      body: z.object({
        groupCode: z.string().max(40),
        communeCode: z.string().regex(/^\d{2,5}$/).optional().describe('the commune/ward (admin-unit code) where commune-level parts are filed'),
        form: z.record(z.string(), z.unknown()),
        documents: z.array(z.object({ code: z.string().max(60), fileIds: z.array(z.uuid()).max(20).default([]), storeItemIds: z.array(z.uuid()).max(20).optional() })).max(40).default([]),
      }),
    },
  }, async (req, reply) => {
    const p = requireCitizen(req.principal);
    const prep = await prepareApplication(ctx.db, p, req.body);
    const res = await runCommand(ctx.db, req, async (tx) => {
      const row = await insertApplication(tx, prep, req.body);
      return { status: 201, body: await presentApplication(tx, row, p) };
    });
    kickDispatcher(ctx);
    reply.status(res.status).header('location', `/api/v1/interconnect/applications/${(res.body as any).id}`);
    return res.body;
  });

  r.get('/my/interconnect-applications', {
    schema: {
      tags: ['interconnect'], summary: 'My interconnected applications (citizen)',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).default(0) }),
    },
  }, async (req) => myApplications(ctx.db, requireCitizen(req.principal), req.query));

  r.get('/interconnect/applications/:id', {
    schema: { tags: ['interconnect'], summary: 'An interconnected application with each agency\'s progress (the applicant; staff of an agency holding a part)', params: idParam },
  }, async (req) => {
    const p = requireSignedIn(req.principal);
    const row = await ctx.db.selectFrom('interconnect_application').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!row || !(await canViewApplication(ctx.db, row, p))) throw problems.notFound('hồ sơ liên thông', 'Interconnected application');
    return presentApplication(ctx.db, row, p);
  });

  r.post('/interconnect/applications/:id/withdraw', {
    schema: {
      tags: ['interconnect'], summary: 'Withdraw the whole interconnected application (applicant): open child dossiers are withdrawn, parts not yet filed cancelled. Honours Idempotency-Key.',
      params: idParam, body: z.object({ reason: z.string().trim().min(1).max(2000) }),
    },
  }, async (req) => {
    const p = requireCitizen(req.principal);
    const res = await runCommand(ctx.db, req, async (tx) => {
      const row = await tx.selectFrom('interconnect_application').selectAll().where('id', '=', req.params.id).forUpdate().executeTakeFirst();
      if (!row || row.applicant_user_id !== p.userId) throw problems.notFound('hồ sơ liên thông', 'Interconnected application');
      if (row.status !== 'in_progress') throw problems.conflict('Hồ sơ liên thông đã kết thúc, không thể rút.', 'The application has finished; it cannot be withdrawn.');
      await withdrawApplication(tx, p, row.id, req.body.reason, async (dossierId) => {
        const d = await loadForUpdate(tx, dossierId);
        if (d) await act(tx, p, dossierId, 'withdraw', { version: d.version, reason: req.body.reason });
      });
      const fresh = await tx.selectFrom('interconnect_application').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      return { status: 200, body: await presentApplication(tx, fresh, p) };
    });
    return res.body;
  });

  r.post('/interconnect/applications/:id/parts/:key/retry', {
    schema: {
      tags: ['interconnect'],
      summary: 'File a failed part again (supervisor of the part\'s agency, or a city administrator) once its cause is fixed, e.g. a catalogue change. External parts are retried from the connector\'s dead-letter list. Honours Idempotency-Key.',
      params: z.object({ id: z.uuid(), key: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/) }),
    },
  }, async (req) => {
    const p = requireStaff(req.principal);
    const res = await runCommand(ctx.db, req, async (tx) => {
      const row = await tx.selectFrom('interconnect_application').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      const cityAdmin = await hasRoleAtCityLevel(tx, p, ['system_admin']);
      if (!row || !(cityAdmin || (await canViewApplication(tx, row, p)))) throw problems.notFound('hồ sơ liên thông', 'Interconnected application');
      const part = await tx.selectFrom('interconnect_part').selectAll().where('application_id', '=', row.id).where('key', '=', req.params.key).forUpdate().executeTakeFirst();
      if (!part) throw problems.notFound(`phần ${req.params.key}`, `Part ${req.params.key}`);
      const allowed = cityAdmin || (part.agency_id && (await hasRoleAt(tx, p, ['supervisor'], part.agency_id)));
      if (!allowed) throw problems.forbidden('Chỉ lãnh đạo giám sát của cơ quan hoặc quản trị cấp thành phố mới được gửi lại.', 'Only the agency\'s supervisor or a city administrator may file it again.');
      const external = !!groupVersion(row.group_code, row.group_version)?.parts.find((x) => x.key === part.key)?.external;
      if (part.state !== 'failed' || external) throw problems.conflict('Chỉ gửi lại được phần chưa chuyển được tới cơ quan trong hệ thống.', 'Only a part that could not be filed with an agency in the system can be filed again.');
      await tx.updateTable('interconnect_part').set({ state: 'ready', attempts: 0, next_attempt_at: null, last_error: null, updated_at: new Date() }).where('id', '=', part.id).execute();
      await addEvent(tx, row.id, 'part_ready', part.key, { retriedBy: p.name });
      return { status: 200, body: await presentApplication(tx, row, p) };
    });
    kickDispatcher(ctx);
    return res.body;
  });
}

import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { problems } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { hasRoleAtCityLevel } from '../identity/authz.ts';
import { renderBlankForm } from '../slips/index.ts';
import { sectors } from './definition.ts';
import { feesOn } from './rules.ts';
import { addVersion, createProcedure, getVersion, listVersions, localToday, searchProcedures, versionOn, type ProcedureVersion } from './service.ts';

const readSeed = (f: string) => JSON.parse(readFileSync(new URL(`./seed/${f}`, import.meta.url), 'utf8'));
const fields: { code: string; name: string; nameEn: string }[] = readSeed('fields.json');
const lifeEvents: { code: string; name: string; nameEn: string; description?: string }[] = readSeed('life-events.json');

export function present(v: ProcedureVersion, onDate = localToday()) {
  const d = v.definition;
  return {
    ...d,
    procedureVersionId: v.id,
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    feesToday: { inPerson: feesOn(d.fees, onDate, false), online: feesOn(d.fees, onDate, true) },
  };
}

export function catalogRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The province's catalogue is published by the Chairman's decision and kept by the city-level
  // office (Phòng Kiểm soát TTHC): only a catalog administrator at the city People's Committee edits it.
  const requireCatalogAdmin = async (p: any) => {
    if (!p) throw problems.unauthenticated();
    if (!(await hasRoleAtCityLevel(ctx.db, p, ['catalog_admin']))) throw problems.forbidden('Chỉ quản trị danh mục thủ tục cấp thành phố mới được sửa danh mục.', 'Only the city-level catalog administrators may change the catalog.');
  };

  r.get('/procedures', {
    schema: {
      tags: ['catalog'],
      summary: 'Search procedures (diacritic-insensitive, typo-tolerant), ranked; filter by field, sector, level, online level, life event',
      querystring: z.object({
        q: z.string().max(200).optional(),
        field: z.string().max(60).optional(),
        sector: z.enum(sectors).optional(),
        level: z.enum(['commune', 'province']).optional(),
        onlineLevel: z.enum(['full', 'partial']).optional(),
        lifeEvent: z.string().max(60).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(20),
        offset: z.coerce.number().int().min(0).max(100000).default(0),
      }),
    },
  }, async (req) => searchProcedures(ctx.db, req.query));

  r.get('/procedures/:code', {
    schema: {
      tags: ['catalog'], summary: 'A procedure as in force on a date (default today), or a given version',
      params: z.object({ code: z.string().max(30) }),
      querystring: z.object({ onDate: z.iso.date().optional(), version: z.coerce.number().int().min(1).optional() }),
    },
  }, async (req) => {
    let v: ProcedureVersion | undefined;
    if (req.query.version) {
      const list = await listVersions(ctx.db, req.params.code);
      const hit = list.find((x) => x.version === req.query.version);
      v = hit ? await getVersion(ctx.db, hit.id) : undefined;
    } else v = await versionOn(ctx.db, req.params.code, req.query.onDate);
    if (!v) throw problems.notFound(`thủ tục ${req.params.code}`, `Procedure ${req.params.code}`);
    return { ...present(v, req.query.onDate), versions: await listVersions(ctx.db, req.params.code) };
  });

  r.get('/procedures/:code/versions', {
    schema: { tags: ['catalog'], summary: 'Every version of a procedure', params: z.object({ code: z.string().max(30) }) },
  }, async (req) => {
    const items = await listVersions(ctx.db, req.params.code);
    if (!items.length) throw problems.notFound(`thủ tục ${req.params.code}`, `Procedure ${req.params.code}`);
    return { items };
  });

  const editBody = z.object({ effectiveFrom: z.iso.date(), definition: z.unknown(), expectedVersion: z.number().int().min(1).optional() });

  r.post('/procedures', {
    schema: { tags: ['catalog'], summary: 'Publish a new procedure (catalog administrators)', body: editBody },
  }, async (req, reply) => {
    await requireCatalogAdmin(req.principal);
    const res = await runCommand(ctx.db, req, async (tx) => ({ status: 201, body: present(await createProcedure(tx, req.body.definition, req.body.effectiveFrom, req.principal!.userId)) }));
    reply.status(res.status);
    return res.body;
  });

  r.post('/procedures/:code/versions', {
    schema: { tags: ['catalog'], summary: 'Edit a procedure: a new version effective from a date (catalog administrators)', params: z.object({ code: z.string().max(30) }), body: editBody },
  }, async (req, reply) => {
    await requireCatalogAdmin(req.principal);
    const res = await runCommand(ctx.db, req, async (tx) => ({
      status: 201, body: present(await addVersion(tx, req.params.code, req.body.definition, req.body.effectiveFrom, req.principal!.userId, req.body.expectedVersion)),
    }));
    reply.status(res.status);
    return res.body;
  });

  r.get('/procedures/:code/form.pdf', {
    schema: { tags: ['catalog'], summary: 'The blank application form (tờ khai) as a printable PDF', params: z.object({ code: z.string().max(30) }) },
  }, async (req, reply) => {
    const v = await versionOn(ctx.db, req.params.code);
    if (!v) throw problems.notFound(`thủ tục ${req.params.code}`, `Procedure ${req.params.code}`);
    const doc = v.definition.documents.find((d) => d.template === 'form');
    const pdf = await renderBlankForm({ title: doc?.name ?? 'Tờ khai', procedureName: v.definition.name, schema: v.definition.form });
    reply.type('application/pdf').header('content-disposition', `inline; filename="to-khai-${v.definition.code}.pdf"`);
    return pdf;
  });

  r.get('/catalog/fields', { schema: { tags: ['catalog'], summary: 'Fields (lĩnh vực)' } }, async () => ({ items: fields }));
  r.get('/catalog/life-events', { schema: { tags: ['catalog'], summary: 'Life events grouping procedures' } }, async () => ({ items: lifeEvents }));
}

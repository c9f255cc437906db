import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { fieldError, problems } from '../../platform/http/problem.ts';
import { hasRoleAtCityLevel, requireCitizen, requireSignedIn, requireStaff } from '../identity/authz.ts';
import { auditAccessLog, auditQuery, citizenAccessLog, displayPolicy } from './queries.ts';
import { purposesInForce, vnDay } from './service.ts';

export function privacyRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/my/data-access', {
    schema: {
      tags: ['privacy'],
      summary: 'Who viewed my personal data (citizen): when, which agency and official, what, for what purpose and on what legal basis; newest first',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).default(0) }),
    },
  }, async (req) => citizenAccessLog(ctx.db, requireCitizen(req.principal), req.query));

  r.get('/privacy/purposes', {
    schema: {
      tags: ['privacy'],
      summary: 'The purposes in force today for opening a citizen\'s personal data (staff). selectable = may be given as ?purpose= when looking a person up; the others are derived (dossier work, audits).',
    },
  }, async (req) => {
    requireStaff(req.principal);
    return { day: vnDay(), items: await purposesInForce(ctx.db) };
  });

  r.get('/privacy/access-log', {
    schema: {
      tags: ['privacy'],
      summary: 'The personal-data access log of the agencies you supervise (supervisor, system administrator): filter by official, citizen, purpose and dates; per-official counts. The query itself is logged.',
      querystring: auditQuery,
    },
  }, async (req) => auditAccessLog(ctx.db, requireStaff(req.principal), req.query, req));

  r.get('/privacy/display-policy', {
    schema: { tags: ['privacy'], summary: 'What citizens are shown about the officials who viewed their data (policy in force today)' },
  }, async (req) => {
    requireSignedIn(req.principal);
    return displayPolicy(ctx.db);
  });

  r.post('/privacy/display-policy', {
    schema: {
      tags: ['privacy'],
      summary: 'A new display policy from a date (system administrator; today or later — the past is not rewritten). Honours Idempotency-Key.',
      body: z.object({ validFrom: z.iso.date(), showOfficialName: z.boolean(), showOfficialTitle: z.boolean(), note: z.string().trim().max(1000).optional() }),
    },
  }, async (req, reply) => {
    const p = requireStaff(req.principal);
    // One policy for the whole city: its system administrators, not an agency's.
    if (!(await hasRoleAtCityLevel(ctx.db, p, ['system_admin']))) throw problems.forbidden('Chỉ quản trị hệ thống cấp thành phố được thay đổi chính sách hiển thị.', 'Only city-level system administrators may change the display policy.');
    const b = req.body;
    if (b.validFrom < vnDay()) throw problems.validation([fieldError('validFrom', 'không được trước ngày hôm nay', 'must not be before today')]);
    const res = await runCommand(ctx.db, req, async (tx) => {
      const row = await tx.insertInto('access_display_policy')
        .values({ valid_from: b.validFrom, show_official_name: b.showOfficialName, show_official_title: b.showOfficialTitle, note: b.note ?? null })
        .onConflict((oc) => oc.column('valid_from').doUpdateSet({ show_official_name: b.showOfficialName, show_official_title: b.showOfficialTitle, note: b.note ?? null }))
        .returningAll().executeTakeFirstOrThrow();
      return { status: 201, body: { validFrom: row.valid_from, showOfficialName: row.show_official_name, showOfficialTitle: row.show_official_title, note: row.note } };
    });
    reply.status(res.status);
    return res.body;
  });
}

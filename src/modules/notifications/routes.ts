import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { fieldError, problems } from '../../platform/http/problem.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { hasRoleAtCityLevel, requireCitizen, requireSignedIn } from '../identity/authz.ts';
import { getUser } from '../identity/service.ts';
import { getPreferences, setPreferences } from './preferences.ts';
import { retryDead } from './deliver.ts';
import { transports } from './transports.ts';
import { listTemplates, PLACEHOLDERS, unknownPlaceholders, updateTemplate } from './templates.ts';

/** The dev mailbox and the outbox hold every applicant's contact data: city-level system administrators only. */
async function requireCityAdmin(db: Executor, p: Principal | null) {
  requireSignedIn(p);
  if (!(await hasRoleAtCityLevel(db, p, ['system_admin']))) {
    throw problems.forbidden('Chỉ quản trị hệ thống cấp thành phố xem được thư đã gửi.', 'Only city-level system administrators may see sent messages.');
  }
}

export function notificationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  const prefsView = async (userId: string) => {
    const u = await getUser(db, userId);
    return { ...(await getPreferences(db, userId)), email_address: u?.email ?? null, phone: u?.phone ?? null };
  };
  r.get('/my/notification-preferences', { schema: { tags: ['notifications'], summary: 'How I am told about my dossiers (email, SMS; in-app always)' } },
    async (req) => prefsView(requireCitizen(req.principal).userId));
  r.put('/my/notification-preferences', {
    schema: { tags: ['notifications'], summary: 'Choose my notification channels', body: z.object({ email: z.boolean(), sms: z.boolean() }) },
  }, async (req, reply) => {
    const p = requireCitizen(req.principal);
    const res = await runCommand(db, req, async (tx) => {
      await setPreferences(tx, p.userId, req.body);
      return { status: 200, body: { ok: true } };
    });
    reply.status(res.status);
    return prefsView(p.userId);
  });

  r.get('/dev/mailbox', {
    schema: { tags: ['notifications'], summary: 'Development mailbox: emails and SMS the development transports stored', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  }, async (req) => {
    await requireCityAdmin(db, req.principal);
    const items = await db.selectFrom('dev_mailbox').selectAll().orderBy('id', 'desc').limit(req.query.limit).execute();
    return {
      emailTransport: transports().dev ? 'dev' : 'smtp',
      items: items.map((m) => ({ id: m.id, channel: m.channel, to: m.recipient, subject: m.subject, body: m.body, createdAt: m.created_at })),
    };
  });

  r.get('/notifications/outbox', {
    schema: { tags: ['notifications'], summary: 'Outgoing notifications by state (dead ones failed every attempt)', querystring: z.object({ state: z.enum(['pending', 'sending', 'sent', 'dead']).default('dead'), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  }, async (req) => {
    await requireCityAdmin(db, req.principal);
    const rows = await db.selectFrom('notification_outbox').selectAll().where('state', '=', req.query.state).orderBy('id', 'desc').limit(req.query.limit).execute();
    return {
      items: rows.map((o) => ({ id: o.id, event: o.event, channel: o.channel, dossierId: o.dossier_id, actionSeq: o.action_seq, to: o.address,
        state: o.state, attempts: o.attempts, lastError: o.last_error, nextAttemptAt: o.next_attempt_at, sentAt: o.sent_at, createdAt: o.created_at })),
    };
  });
  r.post('/notifications/outbox/retry', {
    schema: { tags: ['notifications'], summary: 'Send dead notifications again (attempts start afresh); answers how many were dead', body: z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }) },
  }, async (req, reply) => {
    await requireCityAdmin(db, req.principal);
    const res = await runCommand(db, req, async (tx) => ({ status: 200, body: { retried: await retryDead(tx, req.body.ids) } }));
    reply.status(res.status);
    return res.body;
  });

  r.get('/notifications/templates', { schema: { tags: ['notifications'], summary: 'Message templates per event and channel (Vietnamese and English, with {placeholders})' } }, async (req) => {
    await requireCityAdmin(db, req.principal);
    const rows = await listTemplates(db);
    return { placeholders: PLACEHOLDERS, items: rows.map((t) => ({ event: t.event, channel: t.channel, subjectVi: t.subject_vi, subjectEn: t.subject_en, bodyVi: t.body_vi, bodyEn: t.body_en, updatedAt: t.updated_at })) };
  });
  const text = z.string().max(4000);
  r.put('/notifications/templates/:event/:channel', {
    schema: { tags: ['notifications'], summary: 'Change a message template (city-level system administrators)',
      params: z.object({ event: z.string().max(60), channel: z.enum(['email', 'sms', 'inapp']) }),
      body: z.object({ subjectVi: text, subjectEn: text, bodyVi: text.min(1), bodyEn: text.min(1) }) },
  }, async (req, reply) => {
    await requireCityAdmin(db, req.principal);
    const unknown = unknownPlaceholders(req.body);
    if (unknown.length) throw problems.validation([fieldError('bodyVi', `không có tham số ${unknown.map((k) => `{${k}}`).join(', ')}`, `unknown placeholder ${unknown.map((k) => `{${k}}`).join(', ')}`)]);
    const res = await runCommand(db, req, async (tx) => {
      if (!(await updateTemplate(tx, req.params.event, req.params.channel, req.body))) throw problems.notFound('mẫu thông báo', 'Template');
      return { status: 200, body: { ok: true } };
    });
    reply.status(res.status);
    return res.body;
  });
}

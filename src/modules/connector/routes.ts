import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { getOrgUnit } from '../agencies/service.ts';
import { agenciesWithRole, hasRoleAtCityLevel, requireStaff } from '../identity/authz.ts';
import { startSocialInsuranceSimulator } from '../../simulators/social-insurance/server.ts';
import { endpointOf, handleDecision, retryMessage, setEndpoint, type DecisionBody } from './deliver.ts';
import { CONNECTORS, nudgeConnector, type ConnectorName } from './service.ts';
import { socialInsuranceKey, verifyRequest } from './signing.ts';
import './tables.ts';

/**
 * Where the social-insurance system is: SOCIAL_INSURANCE_URL, else the bundled simulator started on
 * its own port (SOCIAL_INSURANCE_SIM_PORT, default any free port; decision delay
 * SOCIAL_INSURANCE_SIM_DELAY_MS, default 2000) — a separate HTTP server, as the real one would be.
 */
async function socialInsuranceFor(app: FastifyInstance, ctx: AppContext) {
  const key = socialInsuranceKey(ctx.config.dataDir);
  const callbackUrl = () => {
    if (process.env.SOCIAL_INSURANCE_CALLBACK_URL) return process.env.SOCIAL_INSURANCE_CALLBACK_URL;
    const a = app.server.address() as AddressInfo;
    const host = ['0.0.0.0', '::'].includes(a.address) ? '127.0.0.1' : a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}/api/v1/connectors/social-insurance/callbacks`;
  };
  const external = process.env.SOCIAL_INSURANCE_URL;
  if (external) {
    setEndpoint('social-insurance', { url: external.replace(/\/$/, ''), key, callbackUrl });
    return;
  }
  const sim = await startSocialInsuranceSimulator({
    key, port: Number(process.env.SOCIAL_INSURANCE_SIM_PORT ?? 0), host: ctx.config.host,
    publicUrl: process.env.SOCIAL_INSURANCE_SIM_PUBLIC_URL, delayMs: Number(process.env.SOCIAL_INSURANCE_SIM_DELAY_MS ?? 2000),
  });
  app.addHook('onClose', async () => sim.close());
  ctx.log(`social insurance: bundled simulator at ${sim.url}`);
  setEndpoint('social-insurance', { url: sim.url, key, callbackUrl });
  socialInsuranceSimulator = sim;
}

/** The bundled simulator of this process, if one was started (tests switch it off and on). */
export let socialInsuranceSimulator: Awaited<ReturnType<typeof startSocialInsuranceSimulator>> | null = null;

/** Who sees which messages: city-level system administrators all; supervisors their agencies'. */
async function scopeOf(db: Executor, p: Principal): Promise<{ all: true } | { all: false; agencyIds: string[] }> {
  if (await hasRoleAtCityLevel(db, p, ['system_admin'])) return { all: true };
  const agencies = await agenciesWithRole(db, p, ['supervisor']);
  if (agencies.length === 0) {
    throw problems.forbidden('Chỉ quản trị hệ thống cấp thành phố và cán bộ giám sát xem được danh sách kết nối.', 'Only city system administrators and supervisors may see the connector messages.');
  }
  return { all: false, agencyIds: agencies.map((a) => a.id) };
}

const STATES = ['pending', 'sending', 'sent', 'dead'] as const;

export async function connectorRoutes(app: FastifyInstance, ctx: AppContext) {
  await socialInsuranceFor(app, ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();

  // The external system's signed decision. Raw body: the signature covers the exact bytes.
  await app.register(async (child) => {
    child.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    child.withTypeProvider<ZodTypeProvider>().post('/connectors/:connector/callbacks', {
      schema: {
        tags: ['connectors'], params: z.object({ connector: z.enum(CONNECTORS as [ConnectorName]) }),
        summary: "An external agency's decision (signed: X-Key-Id, X-Timestamp, X-Signature = HMAC-SHA256 over method, path, timestamp, body digest); the same event again gets the same answer",
      },
    }, async (req, reply) => {
      const ep = endpointOf(req.params.connector);
      const raw = typeof req.body === 'string' ? req.body : '';
      const v = ep ? verifyRequest(ep.key, req.method, req.url, raw, req.headers) : { ok: false as const, reason: 'unknown_key' as const };
      if (!v.ok) throw new Problem(401, 'invalid_signature', `Chữ ký của lời gọi lại không hợp lệ (${v.reason}).`, `Invalid callback signature (${v.reason}).`);
      let d: DecisionBody;
      try {
        d = JSON.parse(raw);
      } catch {
        throw new Problem(400, 'validation', 'Nội dung không phải JSON.', 'The body is not JSON.');
      }
      const parsed = z.object({
        eventId: z.string().min(1).max(200), reference: z.string().min(1).max(200), idempotencyKey: z.string().min(1).max(200),
        decision: z.enum(['approved', 'refused']), reasons: z.array(z.string()).optional(), result: z.record(z.string(), z.unknown()).optional(),
      }).safeParse(d);
      if (!parsed.success) throw new Problem(400, 'validation', 'Lời gọi lại thiếu trường bắt buộc.', 'The callback lacks required fields.');
      const res = await handleDecision(ctx.db, req.params.connector, d);
      if (res.status === 404) throw problems.notFound('yêu cầu tương ứng', 'Matching request');
      reply.status(res.status);
      return res.body;
    });
  });

  const listQuery = z.object({
    state: z.enum(STATES).optional(), connector: z.enum(CONNECTORS as [ConnectorName]).optional(), operation: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0),
  });
  r.get('/connectors/messages', {
    schema: { tags: ['connectors'], summary: 'Requests to external agencies (dead letters first filter: state=dead); city system administrators see all, supervisors their agencies', querystring: listQuery },
  }, async (req) => {
    const p = requireStaff(req.principal);
    const scope = await scopeOf(ctx.db, p);
    if (!scope.all && scope.agencyIds.length === 0) return { items: [], total: 0, counts: {} };
    let q = ctx.db.selectFrom('connector_message');
    if (!scope.all) q = q.where('agency_id', 'in', scope.agencyIds);
    if (req.query.connector) q = q.where('connector', '=', req.query.connector);
    if (req.query.operation) q = q.where('operation', '=', req.query.operation);
    const counts = Object.fromEntries((await q.select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute()).map((c) => [c.state, Number(c.n)]));
    if (req.query.state) q = q.where('state', '=', req.query.state);
    const rows = await q.select(['id', 'connector', 'operation', 'key', 'label', 'agency_id', 'state', 'attempts', 'next_attempt_at', 'last_error', 'last_status',
      'external_ref', 'decision', 'created_at', 'updated_at']).orderBy('created_at', 'desc').orderBy('id').limit(req.query.limit).offset(req.query.offset).execute();
    const items = await Promise.all(rows.map(async (m) => ({
      id: m.id, connector: m.connector, operation: m.operation, key: m.key, label: m.label, state: m.state, attempts: m.attempts,
      nextAttemptAt: m.state === 'pending' ? m.next_attempt_at : null, lastError: m.last_error, lastStatus: m.last_status,
      externalRef: m.external_ref, decision: m.decision, createdAt: m.created_at, updatedAt: m.updated_at,
      agency: m.agency_id ? { id: m.agency_id, name: (await getOrgUnit(ctx.db, m.agency_id))?.name ?? null } : null,
    })));
    const total = req.query.state ? (counts[req.query.state] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
    return { items, total, counts };
  });

  const params = z.object({ id: z.uuid() });
  async function visible(p: Principal, id: string) {
    const scope = await scopeOf(ctx.db, p);
    const m = await ctx.db.selectFrom('connector_message').selectAll().where('id', '=', id).executeTakeFirst();
    if (!m || (!scope.all && (!m.agency_id || !scope.agencyIds.includes(m.agency_id)))) throw problems.notFound('yêu cầu kết nối', 'Connector message');
    return m;
  }

  r.get('/connectors/messages/:id', { schema: { tags: ['connectors'], summary: 'A request to an external agency: payload, attempts with errors, answers and events', params } }, async (req) => {
    const p = requireStaff(req.principal);
    const m = await visible(p, req.params.id);
    const attempts = await ctx.db.selectFrom('connector_attempt').select(['at', 'http_status', 'error', 'response', 'duration_ms']).where('message_id', '=', m.id).orderBy('id').execute();
    const events = await ctx.db.selectFrom('connector_event').select(['kind', 'event_id', 'created_at', 'body']).where('message_id', '=', m.id).orderBy('id').execute();
    return {
      id: m.id, connector: m.connector, operation: m.operation, key: m.key, label: m.label, state: m.state, attempts: m.attempts,
      nextAttemptAt: m.state === 'pending' ? m.next_attempt_at : null, lastError: m.last_error, lastStatus: m.last_status,
      externalRef: m.external_ref, acceptedAt: m.accepted_at, decision: m.decision, decidedAt: m.decided_at, decisionBody: m.decision_body,
      payload: m.payload, subject: { kind: m.subject_kind, id: m.subject_id }, createdAt: m.created_at,
      agency: m.agency_id ? { id: m.agency_id, name: (await getOrgUnit(ctx.db, m.agency_id))?.name ?? null } : null,
      attemptLog: attempts.map((a) => ({ at: a.at, httpStatus: a.http_status, error: a.error, response: a.response, durationMs: a.duration_ms })),
      events: events.map((e) => ({ kind: e.kind, eventId: e.event_id, at: e.created_at, body: e.body })),
    };
  });

  r.post('/connectors/messages/:id/retry', {
    schema: { tags: ['connectors'], summary: 'Send a dead request again (attempts start over); a message that is not dead is left as it is (idempotent)', params },
  }, async (req) => {
    const p = requireStaff(req.principal);
    await visible(p, req.params.id);
    const res = await runCommand(ctx.db, req, async (tx) => {
      const retried = await retryMessage(tx, req.params.id);
      const m = await tx.selectFrom('connector_message').select(['state', 'attempts']).where('id', '=', req.params.id).executeTakeFirstOrThrow();
      return { status: 200, body: { id: req.params.id, retried, state: m.state } };
    });
    nudgeConnector(ctx);
    return res.body;
  });
}

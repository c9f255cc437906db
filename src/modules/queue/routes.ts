import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { runCommand } from '../../platform/http/idempotency.ts';
import { requireStaff } from '../identity/authz.ts';
import {
  agencyOr404, board, callNext, counterForOfficer, deskOverview, groupsOf, issueTicket, publicTicket, queueAgencies, ticketAction, type TicketAction,
} from './service.ts';

export function queueRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const agencyParam = z.object({ agencyCode: z.string().min(1).max(40) });
  const idParam = z.object({ id: z.uuid() });

  // ---- Public: the kiosk and the TV board are unattended devices, nobody signs in there.

  r.get('/public/queue/agencies', {
    schema: { tags: ['queue'], summary: 'Agencies whose one-stop desk has a ticket queue (kiosk and board available)' },
  }, async () => ({ items: await queueAgencies(ctx.db) }));

  r.get('/public/queue/agencies/:agencyCode', {
    schema: { tags: ['queue'], summary: 'The kiosk: an agency\'s counter groups with how many tickets wait in each today', params: agencyParam },
  }, async (req) => {
    const a = await agencyOr404(ctx.db, req.params.agencyCode);
    return { agency: { code: a.code, name: a.name, nameEn: a.nameEn }, groups: (await groupsOf(ctx.db, a.id)).map(({ id: _id, ...g }) => g) };
  });

  r.post('/public/queue/agencies/:agencyCode/tickets', {
    schema: {
      tags: ['queue'],
      summary: 'Take a number at the kiosk (no sign-in): numbered per group per local day, e.g. A001. Honours Idempotency-Key (a double tap prints one ticket).',
      params: agencyParam,
      body: z.object({ group: z.string().min(1).max(60).describe('the counter group code') }),
    },
  }, async (req, reply) => {
    const a = await agencyOr404(ctx.db, req.params.agencyCode);
    const res = await runCommand(ctx.db, req, async (tx) => ({ status: 201, body: await issueTicket(tx, a, req.body.group) }));
    reply.status(res.status).header('location', `/api/v1/public/queue/tickets/${(res.body as any).id}`);
    return res.body;
  });

  r.get('/public/queue/tickets/:id', {
    schema: { tags: ['queue'], summary: 'A ticket: its status, the counter calling it and how many wait before it', params: idParam },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return publicTicket(ctx.db, req.params.id);
  });

  r.get('/public/queue/agencies/:agencyCode/board', {
    schema: {
      tags: ['queue'],
      summary: 'The display board: the ticket each counter is calling, the latest calls (a recall increases callCount) and waiting counts. Poll every 2–3 s.',
      params: agencyParam,
    },
  }, async (req, reply) => {
    const a = await agencyOr404(ctx.db, req.params.agencyCode);
    reply.header('cache-control', 'no-store');
    return board(ctx.db, a);
  });

  // ---- Desk officers at their counters.

  r.get('/queue/desk', {
    schema: { tags: ['queue'], summary: 'The agencies whose one-stop desk I work at, with their counter groups and counters (to pick my counter)' },
  }, async (req) => deskOverview(ctx.db, requireStaff(req.principal)));

  r.get('/queue/counters/:id', {
    schema: { tags: ['queue'], summary: 'A counter: the ticket it is calling, the queues of the groups it serves, today\'s tallies (desk officers of the agency)', params: idParam },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return counterForOfficer(ctx.db, req.principal, req.params.id);
  });

  r.post('/queue/counters/:id/call-next', {
    schema: {
      tags: ['queue'],
      summary: 'Call the next waiting ticket of the groups this counter serves (first issued first); a ticket still called here is closed as served. Exactly one counter gets a ticket. Honours Idempotency-Key.',
      params: idParam,
    },
  }, async (req, reply) => {
    const res = await runCommand(ctx.db, req, async (tx) => ({ status: 200, body: await callNext(tx, req.principal, req.params.id) }));
    return res.body;
  });

  const actions: [string, TicketAction, string][] = [
    ['recall', 'recall', 'Call the ticket again (the board announces it again)'],
    ['serve', 'serve', 'Mark the ticket served'],
    ['no-show', 'no_show', 'Mark the ticket absent (no-show)'],
  ];
  for (const [path, action, summary] of actions) {
    r.post(`/queue/tickets/:id/${path}`, {
      schema: { tags: ['queue'], summary: `${summary}: only while it is being called; 409 otherwise. Honours Idempotency-Key.`, params: idParam },
    }, async (req, reply) => {
      const res = await runCommand(ctx.db, req, async (tx) => ({ status: 200, body: await ticketAction(tx, req.principal, req.params.id, action) }));
      return res.body;
    });
  }
}

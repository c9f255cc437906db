import { sql, type Selectable } from 'kysely';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import { inTx } from '../../platform/db/database.ts';
import { signRequest, type SigningKey } from './signing.ts';
import { dispatchEvent, type ConnectorEvent, type ConnectorName } from './service.ts';
import type { ConnectorMessageTable } from './tables.ts';
import './tables.ts';

type MessageRow = Selectable<ConnectorMessageTable>;

/** Where a connector's external system is and how we sign for it (set by routes.ts at start). */
export interface Endpoint { url: string; key: SigningKey; callbackUrl: () => string }

/**
 * Delivery settings. Defaults: 8 attempts, waits 30 s, 2 min, 8 min, 32 min, 2 h, then 2 h again
 * (CONNECTOR_MAX_ATTEMPTS, CONNECTOR_BACKOFF_SECONDS="30,120,480,1920,7200"); a claim is held 2 min;
 * a sent message with no decision after 10 min is polled (CONNECTOR_POLL_AFTER_SECONDS).
 * Tests change `now` and the schedule instead of waiting.
 */
export const settings = {
  maxAttempts: Number(process.env.CONNECTOR_MAX_ATTEMPTS ?? 8),
  backoffSeconds: (process.env.CONNECTOR_BACKOFF_SECONDS ?? '30,120,480,1920,7200').split(',').map(Number),
  leaseSeconds: 120,
  pollAfterSeconds: Number(process.env.CONNECTOR_POLL_AFTER_SECONDS ?? 600),
  timeoutMs: 15_000,
  now: () => new Date(),
  /** Test hook: runs after the external system answered 2xx, before we record it (a throw = a crash there). */
  afterSend: null as null | ((messageId: string) => void),
};

const endpoints = new Map<ConnectorName, Endpoint>();
export function setEndpoint(connector: ConnectorName, e: Endpoint) { endpoints.set(connector, e); }
export function endpointOf(connector: ConnectorName): Endpoint | undefined { return endpoints.get(connector); }

/** Seconds to wait after failed attempt number `attempts` (1-based). */
export function backoffSeconds(attempts: number): number {
  const s = settings.backoffSeconds;
  return s[Math.min(Math.max(attempts, 1), s.length) - 1] ?? 60;
}

const eventOf = (m: MessageRow, e: Omit<ConnectorEvent, 'connector' | 'operation' | 'key' | 'subject'>): ConnectorEvent => ({
  connector: m.connector as ConnectorName, operation: m.operation, key: m.key, subject: { kind: m.subject_kind, id: m.subject_id }, ...e,
});

/** Claims due messages (FOR UPDATE SKIP LOCKED, leased): two senders never get the same row. */
async function claim(db: Db, limit: number): Promise<MessageRow[]> {
  const now = settings.now();
  const until = new Date(now.getTime() + settings.leaseSeconds * 1000);
  const r = await sql<MessageRow>`update connector_message set state = 'sending', attempts = attempts + 1, locked_until = ${until}, updated_at = ${now}
    where id in (
      select id from connector_message
      where (state = 'pending' and next_attempt_at <= ${now}) or (state = 'sending' and locked_until < ${now})
      order by next_attempt_at limit ${limit} for update skip locked)
    returning *`.execute(db);
  return r.rows;
}

/**
 * Records that the external system accepted the message (reference `ref`) and calls the 'accepted'
 * handlers — at most once per message, whoever records it first (delivery, or a decision callback
 * that arrived before delivery could record the answer).
 */
export async function recordAccepted(tx: Tx, m: MessageRow, ref: string): Promise<void> {
  const now = settings.now();
  await tx.updateTable('connector_message').set({ state: 'sent', external_ref: ref, accepted_at: m.accepted_at ?? now, locked_until: null, last_error: null, updated_at: now })
    .where('id', '=', m.id).execute();
  const ev = eventOf(m, { kind: 'accepted', externalRef: ref });
  const ins = await tx.insertInto('connector_event').values({ connector: m.connector, event_id: `accepted:${m.id}`, message_id: m.id, kind: 'accepted', body: JSON.stringify(ev) })
    .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (ins) await dispatchEvent(tx, ev);
}

class DeliveryError extends Error {
  constructor(message: string, public status: number | null, public response: unknown, public durationMs: number | null = null) { super(message); }
}

async function sendOne(db: Db, m: MessageRow): Promise<void> {
  const ep = endpoints.get(m.connector as ConnectorName);
  if (!ep) throw new DeliveryError(`connector ${m.connector} is not configured`, null, null);
  const url = new URL('/api/applications', ep.url + '/');
  const body = JSON.stringify({ operation: m.operation, payload: m.payload, callbackUrl: ep.callbackUrl() });
  const started = Date.now();
  let status: number | null = null;
  let answer: any = null;
  try {
    const res = await fetch(url, {
      method: 'POST', body, signal: AbortSignal.timeout(settings.timeoutMs),
      headers: { 'content-type': 'application/json', 'idempotency-key': m.key, ...signRequest(ep.key, 'POST', url.pathname, body) },
    });
    status = res.status;
    const text = await res.text();
    try { answer = JSON.parse(text); } catch { answer = text.slice(0, 2000); }
  } catch (e) {
    throw new DeliveryError(`no answer: ${e instanceof Error ? e.message : String(e)}`, null, null, Date.now() - started);
  }
  const duration = Date.now() - started;
  if (status < 200 || status >= 300 || typeof answer?.reference !== 'string') {
    const msg = typeof answer?.error === 'string' ? answer.error : `HTTP ${status}`;
    throw new DeliveryError(Array.isArray(answer?.errors) ? `${msg} ${answer.errors.join(' ')}` : msg, status, answer, duration);
  }
  settings.afterSend?.(m.id);
  await inTx(db, async (tx) => {
    const locked = await tx.selectFrom('connector_message').selectAll().where('id', '=', m.id).forUpdate().executeTakeFirstOrThrow();
    await tx.insertInto('connector_attempt').values({ message_id: m.id, at: settings.now(), http_status: status, error: null, response: JSON.stringify(answer), duration_ms: duration }).execute();
    await tx.updateTable('connector_message').set({ last_status: status }).where('id', '=', m.id).execute();
    await recordAccepted(tx, locked, answer.reference);
  });
}

/** A failed attempt: back to pending with backoff, or dead (last attempt, or a 4xx other than 408/429). */
async function fail(db: Db, m: MessageRow, e: unknown): Promise<'pending' | 'dead'> {
  const status = e instanceof DeliveryError ? e.status : null;
  const response = e instanceof DeliveryError ? e.response : null;
  const msg = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
  const permanent = status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429;
  const dead = permanent || m.attempts >= settings.maxAttempts;
  const now = settings.now();
  await inTx(db, async (tx) => {
    const cur = await tx.selectFrom('connector_message').selectAll().where('id', '=', m.id).forUpdate().executeTakeFirstOrThrow();
    await tx.insertInto('connector_attempt').values({ message_id: m.id, at: now, http_status: status, error: msg, response: response === null ? null : JSON.stringify(response),
      duration_ms: e instanceof DeliveryError ? e.durationMs : null }).execute();
    if (cur.state !== 'sending') return; // recorded meanwhile (e.g. a callback said it was accepted)
    await tx.updateTable('connector_message').set({
      state: dead ? 'dead' : 'pending', last_error: msg, last_status: status, locked_until: null, updated_at: now,
      next_attempt_at: new Date(now.getTime() + backoffSeconds(m.attempts) * 1000),
    }).where('id', '=', m.id).execute();
    if (dead) {
      const ev = eventOf(cur, { kind: 'dead', externalRef: cur.external_ref, error: msg });
      await tx.insertInto('connector_event').values({ connector: cur.connector, event_id: `dead:${cur.id}:${m.attempts}:${now.getTime()}`, message_id: cur.id, kind: 'dead', body: JSON.stringify(ev) }).execute();
      await dispatchEvent(tx, ev);
    }
  });
  return dead ? 'dead' : 'pending';
}

/** Delivers every due message; safe to run concurrently (claims). */
export async function deliverDue(db: Db, batch = 20): Promise<{ sent: number; failed: number; dead: number }> {
  let sent = 0;
  let failed = 0;
  let dead = 0;
  for (let round = 0; round < 50; round++) {
    const rows = await claim(db, batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      try {
        await sendOne(db, row);
        sent++;
      } catch (e) {
        failed++;
        if ((await fail(db, row, e)) === 'dead') dead++;
      }
    }
  }
  return { sent, failed, dead };
}

export interface DecisionBody {
  eventId: string;
  reference: string;
  idempotencyKey: string;
  decision: 'approved' | 'refused';
  reasons?: string[];
  result?: Record<string, unknown>;
  decidedAt?: string;
}

/**
 * A decision from the external system (signed callback or status poll). The same event id again
 * gets the stored answer and calls nothing; a second, different decision for a message is ignored.
 * If the decision arrives before delivery recorded the acceptance, the acceptance is recorded first.
 */
export async function handleDecision(db: Executor, connector: ConnectorName, d: DecisionBody): Promise<{ status: number; body: Record<string, unknown> }> {
  return inTx(db, async (tx) => {
    const m = await tx.selectFrom('connector_message').selectAll().where('connector', '=', connector).where('key', '=', d.idempotencyKey)
      .forUpdate().executeTakeFirst();
    if (!m || (m.external_ref && m.external_ref !== d.reference)) {
      return { status: 404, body: { type: 'about:blank', status: 404, code: 'not_found', title: 'Không tìm thấy yêu cầu tương ứng.', title_en: 'No matching request.' } };
    }
    const seen = await tx.selectFrom('connector_event').select(['answer', 'answer_status']).where('connector', '=', connector).where('event_id', '=', d.eventId).executeTakeFirst();
    if (seen) return { status: seen.answer_status ?? 200, body: seen.answer as Record<string, unknown> };
    if (m.decision) return { status: 200, body: { received: true, messageId: m.id, decision: m.decision, duplicate: true } };
    if (!m.accepted_at) await recordAccepted(tx, m, d.reference);
    const now = settings.now();
    const answer = { received: true, messageId: m.id, decision: d.decision };
    await tx.updateTable('connector_message').set({
      decision: d.decision, decided_at: now, decision_body: JSON.stringify(d), updated_at: now,
    }).where('id', '=', m.id).execute();
    const ev = eventOf(m, { kind: 'decision', externalRef: d.reference, decision: d.decision, reasons: d.reasons ?? [], result: d.result });
    await tx.insertInto('connector_event').values({ connector, event_id: d.eventId, message_id: m.id, kind: 'decision', body: JSON.stringify(ev), answer_status: 200, answer: JSON.stringify(answer) }).execute();
    await dispatchEvent(tx, ev);
    return { status: 200, body: answer };
  });
}

/** Fallback for lost callbacks: asks the external system about sent messages still undecided after a while. */
export async function pollUndecided(db: Db, limit = 50): Promise<{ polled: number; decided: number }> {
  const before = new Date(settings.now().getTime() - settings.pollAfterSeconds * 1000);
  const rows = await db.selectFrom('connector_message').selectAll().where('state', '=', 'sent').where('decision', 'is', null)
    .where('accepted_at', '<=', before).orderBy('accepted_at').limit(limit).execute();
  let decided = 0;
  for (const m of rows) {
    const ep = endpoints.get(m.connector as ConnectorName);
    if (!ep || !m.external_ref) continue;
    const url = new URL(`/api/applications/${encodeURIComponent(m.external_ref)}`, ep.url + '/');
    try {
      const res = await fetch(url, { headers: signRequest(ep.key, 'GET', url.pathname, ''), signal: AbortSignal.timeout(settings.timeoutMs) });
      if (!res.ok) { await res.arrayBuffer(); continue; }
      const s = await res.json() as { event?: DecisionBody | null };
      if (s.event?.eventId) {
        await handleDecision(db, m.connector as ConnectorName, s.event);
        decided++;
      }
    } catch { /* try again next time */ }
  }
  return { polled: rows.length, decided };
}

/** An official puts a dead message back in the queue (attempts start again). Idempotent: other states are left alone. */
export async function retryMessage(tx: Tx, id: string): Promise<boolean> {
  const r = await tx.updateTable('connector_message').set({ state: 'pending', attempts: 0, next_attempt_at: settings.now(), last_error: null, locked_until: null, updated_at: settings.now() })
    .where('id', '=', id).where('state', '=', 'dead').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

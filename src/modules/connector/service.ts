import type { Tx } from '../../platform/db/database.ts';
import type { AppContext } from '../../platform/context.ts';
import './tables.ts';

/**
 * The connector to agencies outside Motcua (issue 5). Callers enqueue a request inside their own
 * transaction; a job delivers it over signed HTTP with retries and backoff (Idempotency-Key = key),
 * and what the external system says back (accepted, decision, or dead after the last attempt) is
 * handed to the handlers registered for the request's subject kind, once per event, inside the
 * transaction that records the event.
 */
export type ConnectorName = 'social-insurance';
export const CONNECTORS: ConnectorName[] = ['social-insurance'];

export interface OutboundRequest {
  connector: ConnectorName;
  /** 'child-health-insurance-card' | 'funeral-allowance' (see the payload types below). */
  operation: string;
  /** Idempotency key, unique per connector (e.g. the interconnect part id). */
  key: string;
  payload: Record<string, unknown>;
  /** e.g. { kind: 'interconnect_part', id } — chooses the handlers. */
  subject: { kind: string; id: string };
  /** Short Vietnamese summary shown in the dead-letter list. */
  label: string;
  /** Agency on whose behalf (its supervisors may see/retry the message). */
  agencyId?: string | null;
}

/** Payload of 'child-health-insurance-card' (national interconnected group 1). Dates 'YYYY-MM-DD'. */
export interface ChildHealthInsuranceCardPayload {
  child: { idNumber: string; fullName: string; birthDate: string; gender?: 'male' | 'female' };
  /** Permanent residence after registration (ward code of 5 digits, address text). */
  residence?: { wardCode?: string; address?: string };
  /** Who applied (parent or guardian). */
  applicant?: { idNumber?: string; fullName?: string; phone?: string };
  /** Preferred initial healthcare facility code (else the simulator picks one for the ward). */
  facilityCode?: string;
  /** Motcua's dossier code, for the agency's records. */
  dossierCode?: string;
}

/** Payload of 'funeral-allowance' (national interconnected group 2). Dates 'YYYY-MM-DD'. */
export interface FuneralAllowancePayload {
  deceased: { idNumber: string; fullName: string; deathDate: string; birthDate?: string };
  /** Who organised the funeral and receives the allowance. */
  claimant: { idNumber?: string; fullName: string; relationship?: string; phone?: string };
  dossierCode?: string;
  /** How the allowance is paid (kept by the agency; the simulator does not check it). */
  payment?: { method?: string; bankAccount?: string };
}

export interface ConnectorEvent {
  connector: ConnectorName;
  operation: string;
  key: string;
  subject: { kind: string; id: string };
  kind: 'accepted' | 'decision' | 'dead';
  externalRef: string | null;
  decision?: 'approved' | 'refused';
  /** Refusal reasons (Vietnamese). */
  reasons?: string[];
  /** e.g. { cardNumber, validFrom, validTo, facility } or { amount, paidOn }. */
  result?: Record<string, unknown>;
  /** For 'dead': the last error. */
  error?: string;
}

type Handler = (tx: Tx, e: ConnectorEvent) => Promise<void>;
const handlers = new Map<string, Handler[]>();

/** Handlers run in the SAME transaction that records the event; called once per event. */
export function onConnectorEvent(subjectKind: string, handler: Handler): void {
  const list = handlers.get(subjectKind) ?? [];
  list.push(handler);
  handlers.set(subjectKind, list);
}

/** Calls the handlers of the event's subject kind (inside the recording transaction). */
export async function dispatchEvent(tx: Tx, e: ConnectorEvent): Promise<void> {
  for (const h of handlers.get(e.subject.kind) ?? []) await h(tx, e);
}

/** Inside the caller's transaction; the same key again returns the existing message (created=false). */
export async function enqueueRequest(tx: Tx, r: OutboundRequest): Promise<{ id: string; created: boolean }> {
  const inserted = await tx.insertInto('connector_message').values({
    connector: r.connector, operation: r.operation, key: r.key, payload: JSON.stringify(r.payload),
    subject_kind: r.subject.kind, subject_id: r.subject.id, label: r.label, agency_id: r.agencyId ?? null,
  }).onConflict((oc) => oc.columns(['connector', 'key']).doNothing()).returning('id').executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await tx.selectFrom('connector_message').select('id')
    .where('connector', '=', r.connector).where('key', '=', r.key).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export const DELIVER_JOB = 'connector.deliver';

/** Nudges delivery after the caller's commit (job `connector.deliver`; it also runs every minute). */
export function nudgeConnector(ctx: AppContext): void {
  ctx.jobs.send(DELIVER_JOB, {}, { singletonKey: 'nudge' }).catch(() => { /* stopping */ });
}

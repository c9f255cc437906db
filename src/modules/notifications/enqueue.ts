import type { Executor } from '../../platform/db/database.ts';
import { getUser } from '../identity/service.ts';
import { getPreferences } from './preferences.ts';
import type { Channel } from './tables.ts';
import './tables.ts';

/** Dossier actions that tell the applicant, and the event (template) each one sends. */
export const EVENT_FOR_ACTION: Record<string, string> = {
  receive: 'received',
  request_supplement: 'supplement_requested',
  extend: 'extended',
  request_payment: 'payment_requested',
  sign: 'result_ready',
  return: 'result_returned',
  refuse: 'refused',
};

/** The dossier fields a notification needs (a `dossier` row has them all). */
export interface NotifiedDossier {
  id: string;
  code: string;
  version: number;
  procedure_name: string;
  applicant_user_id: string | null;
  applicant_name: string;
  applicant_phone: string | null;
  applicant_email: string | null;
  due_at: Date | null;
  fee_amount: number | null;
}

/** Placeholder values captured when the action happened (rendered at delivery, see templates.ts). */
export interface MessageParams {
  code: string;
  name: string;
  procedure: string;
  dueAt: string | null;
  amount: number | null;
  items: string[];
  reason: string | null;
  /** Where {link} points (a path on the public site); the dossier's tracking page by default. */
  linkPath?: string;
  /** A result returned by post: the UPU S10 number and the carrier's tracking page. */
  trackingNo?: string | null;
  trackingUrl?: string | null;
}

interface Recipient { channel: Channel; userId: string | null; address: string | null }

/** Registered citizens get their chosen channels (in-app always); walk-ins the phone/email on the dossier. */
async function recipients(db: Executor, d: NotifiedDossier): Promise<Recipient[]> {
  if (!d.applicant_user_id) {
    const out: Recipient[] = [];
    if (d.applicant_email) out.push({ channel: 'email', userId: null, address: d.applicant_email });
    if (d.applicant_phone) out.push({ channel: 'sms', userId: null, address: d.applicant_phone });
    return out;
  }
  const u = await getUser(db, d.applicant_user_id);
  const prefs = await getPreferences(db, d.applicant_user_id);
  const out: Recipient[] = [{ channel: 'inapp', userId: d.applicant_user_id, address: null }];
  const email = u?.email || d.applicant_email;
  const phone = u?.phone || d.applicant_phone;
  if (prefs.email && email) out.push({ channel: 'email', userId: d.applicant_user_id, address: email });
  if (prefs.sms && phone) out.push({ channel: 'sms', userId: d.applicant_user_id, address: phone });
  return out;
}

/**
 * Writes the applicant's notifications for a dossier action into the outbox, inside the action's
 * transaction: a rolled-back action leaves nothing behind, a committed one can't lose its message.
 * The key (dossier : action seq : channel) makes a repeated call a no-op.
 */
export async function enqueueForAction(tx: Executor, d: NotifiedDossier, action: string, data: unknown, note: string | null = null): Promise<number> {
  const post = action === 'return' && (data as { method?: string } | null)?.method === 'post';
  // Returned by post: its own message, with the tracking number and link.
  const event = post ? 'result_posted' : EVENT_FOR_ACTION[action];
  if (!event) return 0;
  const to = await recipients(tx, d);
  if (to.length === 0) return 0;
  const x = (data ?? {}) as { items?: { name: string; reason: string }[]; amount?: number; newDueAt?: Date | string; trackingNo?: string; trackingUrl?: string };
  const params: MessageParams = {
    code: d.code, name: d.applicant_name, procedure: d.procedure_name,
    dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
    amount: x.amount ?? d.fee_amount ?? null,
    items: (x.items ?? []).map((i) => `${i.name}: ${i.reason}`),
    reason: note,
    ...(post ? { trackingNo: x.trackingNo ?? null, trackingUrl: x.trackingUrl ?? null } : {}),
  };
  return insertMessages(tx, d, to, event, params, `${d.id}:${d.version}`);
}

async function insertMessages(tx: Executor, d: NotifiedDossier, to: Recipient[], event: string, params: MessageParams, key: string): Promise<number> {
  const r = await tx.insertInto('notification_outbox').values(to.map((t) => ({
    dedupe_key: `${key}:${t.channel}`, event, channel: t.channel, dossier_id: d.id, action_seq: d.version,
    user_id: t.userId, address: t.address, params: JSON.stringify(params),
  }))).onConflict((oc) => oc.column('dedupe_key').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/**
 * A message about something other than one dossier action (e.g. an interconnected application,
 * filed under one of its dossiers), to the dossier's applicant by their channels, in the caller's
 * transaction. `key` makes a repeated call a no-op.
 */
export async function enqueueMessage(tx: Executor, d: NotifiedDossier, event: string, params: MessageParams, key: string): Promise<number> {
  const to = await recipients(tx, d);
  return to.length ? insertMessages(tx, d, to, event, params, key) : 0;
}

import { sql, type Selectable } from 'kysely';
import { inTx, type Db, type Executor } from '../../platform/db/database.ts';
import { faultPoint } from '../../platform/faults.ts';
import { notify } from '../notices/service.ts';
import type { MessageParams } from './enqueue.ts';
import { render } from './templates.ts';
import { transports } from './transports.ts';
import type { NotificationOutboxTable } from './tables.ts';
import './tables.ts';

type OutboxRow = Selectable<NotificationOutboxTable>;

/** After this many failed attempts a message is dead: shown to administrators, who may retry it. */
export const MAX_ATTEMPTS = 5;
/** How long a claimed message is reserved for its sender (a crashed sender's claim expires); NOTIFICATION_LEASE_SECONDS. */
const LEASE = `${Number(process.env.NOTIFICATION_LEASE_SECONDS ?? 120)} seconds`;
/** Waits before attempt 2, 3, 4, 5: 30 s, 2 min, 8 min, 32 min (capped at an hour). */
export const backoffSeconds = (attempts: number) => Math.min(3600, 30 * 4 ** Math.max(0, attempts - 1));

/**
 * Claims due messages with FOR UPDATE SKIP LOCKED and moves them to `sending` in one statement:
 * two senders running at once never get the same row.
 */
async function claim(db: Db, limit: number): Promise<OutboxRow[]> {
  const r = await sql<OutboxRow>`update notification_outbox set state = 'sending', attempts = attempts + 1, locked_until = now() + ${LEASE}::interval
    where id in (
      select id from notification_outbox
      where (state = 'pending' and next_attempt_at <= now()) or (state = 'sending' and locked_until < now())
      order by next_attempt_at limit ${limit} for update skip locked)
    returning *`.execute(db);
  return r.rows;
}

async function sendOne(db: Db, row: OutboxRow, publicUrl: string) {
  const params = row.params as MessageParams;
  const m = await render(db, row.event, row.channel, params, publicUrl);
  // The transport's record (dev mailbox, in-app notice) and the `sent` mark commit together.
  await inTx(db, async (tx) => {
    const t = transports();
    if (row.channel === 'email') {
      const text = `${m.bodyVi}\n\n— English —\n\n${m.bodyEn}`;
      await t.email.send(tx, { to: row.address!, subject: m.subjectVi, text, messageId: `<${row.dedupe_key.replaceAll(':', '.')}@motcua>` }, row.id);
    } else if (row.channel === 'sms') {
      await t.sms.send(tx, { to: row.address!, text: m.bodyVi }, row.id);
    } else {
      await notify(tx, [{ userId: row.user_id!, kind: `dossier_${row.event}`, dedupeKey: `outbox:${row.dedupe_key}`, dossierId: row.dossier_id,
        titleVi: m.subjectVi, titleEn: m.subjectEn, bodyVi: m.bodyVi, bodyEn: m.bodyEn }]);
    }
    await tx.updateTable('notification_outbox').set({ state: 'sent', sent_at: new Date(), locked_until: null, last_error: null })
      .where('id', '=', row.id).execute();
    faultPoint('notifications.before-commit');
  });
}

async function fail(db: Db, row: OutboxRow, e: unknown) {
  const msg = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
  const dead = row.attempts >= MAX_ATTEMPTS;
  await db.updateTable('notification_outbox').set({
    state: dead ? 'dead' : 'pending', last_error: msg, locked_until: null,
    next_attempt_at: new Date(Date.now() + backoffSeconds(row.attempts) * 1000),
  }).where('id', '=', row.id).where('state', '=', 'sending').execute();
}

/** Delivers every message that is due; returns how many were sent. Safe to run concurrently. */
export async function deliverDue(db: Db, publicUrl: string, batch = 20): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let round = 0; round < 50; round++) {
    const rows = await claim(db, batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      try {
        await sendOne(db, row, publicUrl);
        sent++;
      } catch (e) {
        failed++;
        await fail(db, row, e);
      }
    }
  }
  return { sent, failed };
}

/** An administrator puts dead messages back in the queue (attempts start again); returns how many. */
export async function retryDead(db: Executor, ids: number[]): Promise<number> {
  const r = await db.updateTable('notification_outbox').set({ state: 'pending', attempts: 0, next_attempt_at: new Date(), last_error: null })
    .where('id', 'in', ids).where('state', '=', 'dead').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

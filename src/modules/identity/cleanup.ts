import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import './tables.ts';

/** Ended sessions are kept this long (the account's session list and investigations), then removed. */
export const ENDED_SESSION_RETENTION_DAYS = 90;

/**
 * Removes sessions that ended (expired or revoked) more than the retention ago — their e-ID
 * id_token hints go with them (cascade) — and e-ID sign-in attempts a day past their expiry.
 * Sign-in events are the permanent record and are not touched.
 */
export async function removeEndedSessions(db: Executor, now = new Date()): Promise<{ sessions: number; attempts: number }> {
  const before = new Date(now.getTime() - ENDED_SESSION_RETENTION_DAYS * 86_400_000);
  const s = await db.deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  const a = await sql`delete from eid_login_tx where expires_at < ${new Date(now.getTime() - 86_400_000)}`.execute(db);
  return { sessions: Number(s.numDeletedRows), attempts: Number(a.numAffectedRows ?? 0) };
}

export async function defineIdentityJobs(ctx: AppContext) {
  await ctx.jobs.define('identity.remove-ended-sessions', async () => {
    const r = await removeEndedSessions(ctx.db);
    if (r.sessions || r.attempts) ctx.log('identity: removed ended sessions', r);
  }, '30 3 * * *');
}

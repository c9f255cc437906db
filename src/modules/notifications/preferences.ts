import type { Executor } from '../../platform/db/database.ts';
import './tables.ts';

/** A citizen's channels. In-app notices are always on (they are the record in the account). */
export interface Preferences { email: boolean; sms: boolean; inapp: true }

export async function getPreferences(db: Executor, userId: string): Promise<Preferences> {
  const r = await db.selectFrom('notification_preference').select(['email', 'sms']).where('user_id', '=', userId).executeTakeFirst();
  return { email: r?.email ?? true, sms: r?.sms ?? true, inapp: true };
}

export async function setPreferences(db: Executor, userId: string, p: { email: boolean; sms: boolean }): Promise<Preferences> {
  await db.insertInto('notification_preference').values({ user_id: userId, email: p.email, sms: p.sms })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ email: p.email, sms: p.sms, updated_at: new Date() })).execute();
  return { email: p.email, sms: p.sms, inapp: true };
}

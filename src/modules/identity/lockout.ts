import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { SecurityPolicy } from './policy.ts';
import './security-tables.ts';

/**
 * Lockout after repeated failures, keyed by the login name as typed (folded to lower case), not
 * by account: an unknown name is throttled exactly like a real one, so neither the answer nor
 * the lockout tells an attacker which accounts exist. Each new lock lasts twice the previous
 * one (base, 2×base, 4×base… up to the maximum); a successful sign-in forgets the history.
 */
export function loginKey(name: string): string {
  return name.trim().toLowerCase().slice(0, 100);
}

/** When the name is locked, until when. */
export async function lockedUntil(db: Executor, name: string): Promise<Date | null> {
  const r = await db.selectFrom('login_throttle').select('locked_until').where('login_name', '=', loginKey(name)).executeTakeFirst();
  return r?.locked_until && r.locked_until > new Date() ? r.locked_until : null;
}

/** Counts one failure; returns the lock end when this failure locked the name. */
export async function recordFailure(db: Executor, name: string, p: SecurityPolicy): Promise<Date | null> {
  const key = loginKey(name);
  // One statement: concurrent failures each count (no lost updates). A day without failures
  // forgets the history (old typos do not add up; lock lengths start again from the base).
  const r = await sql<{ failures: number; lock_count: number; locked_until: Date | null }>`
    insert into login_throttle (login_name, failures, lock_count, updated_at) values (${key}, 1, 0, now())
    on conflict (login_name) do update set
      failures = case when login_throttle.updated_at < now() - interval '1 day' then 1 else login_throttle.failures + 1 end,
      lock_count = case when login_throttle.updated_at < now() - interval '1 day' then 0 else login_throttle.lock_count end,
      updated_at = now()
    returning failures, lock_count, locked_until`.execute(db);
  // Names sprayed by an attacker must not pile up: now and then, drop rows quiet for a week.
  if (Math.random() < 0.01) {
    await sql`delete from login_throttle where updated_at < now() - interval '7 days' and (locked_until is null or locked_until < now())`.execute(db);
  }
  const row = r.rows[0]!;
  if (row.failures < p.lockoutThreshold) return null;
  const minutes = Math.min(p.lockoutBaseMinutes * 2 ** row.lock_count, p.lockoutMaxMinutes);
  const until = new Date(Date.now() + minutes * 60_000);
  await db.updateTable('login_throttle').set({ failures: 0, lock_count: row.lock_count + 1, locked_until: until, updated_at: new Date() })
    .where('login_name', '=', key).execute();
  return until;
}

export async function recordSuccess(db: Executor, name: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('login_name', '=', loginKey(name)).execute();
}

/** An administrator unlocks an account: every name it signs in with (username, ID number). */
export async function unlock(db: Executor, names: (string | null | undefined)[]): Promise<boolean> {
  const keys = names.filter((n): n is string => !!n).map(loginKey);
  if (keys.length === 0) return false;
  const r = await db.deleteFrom('login_throttle').where('login_name', 'in', keys).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function lockState(db: Executor, names: (string | null | undefined)[]): Promise<{ lockedUntil: Date | null; failures: number }> {
  const keys = names.filter((n): n is string => !!n).map(loginKey);
  if (keys.length === 0) return { lockedUntil: null, failures: 0 };
  const rows = await db.selectFrom('login_throttle').select(['locked_until', 'failures']).where('login_name', 'in', keys).execute();
  const now = new Date();
  const locked = rows.map((r) => r.locked_until).filter((d): d is Date => !!d && d > now).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { lockedUntil: locked, failures: rows.reduce((n, r) => n + r.failures, 0) };
}

/** Failed attempts from this address within the policy window (read from the sign-in audit). */
export async function ipThrottled(db: Executor, ip: string | undefined, p: SecurityPolicy): Promise<boolean> {
  if (!ip) return false;
  const since = new Date(Date.now() - p.ipWindowMinutes * 60_000);
  const r = await db.selectFrom('sign_in_event').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip).where('outcome', '=', 'failure').where('at', '>', since).executeTakeFirstOrThrow();
  return Number(r.n) >= p.ipFailureLimit;
}

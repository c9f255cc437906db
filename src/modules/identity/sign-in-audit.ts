import type { Executor } from '../../platform/db/database.ts';
import './security-tables.ts';

/**
 * The sign-in audit (table sign_in_event, append-only by trigger): every attempt, its outcome and
 * why, with time, account, address and browser. Never passwords, codes or tokens.
 */
export type SignInMethod = 'password' | 'totp' | 'recovery_code' | 'eid' | 'logout' | 'session' | 'enrolment' | 'password_change';
export type SignInOutcome = 'success' | 'failure' | 'locked' | 'throttled' | 'second_factor';

export interface SignInRecord {
  method: SignInMethod;
  outcome: SignInOutcome;
  userId?: string | null;
  /** The name typed at the login form (or the ID number from the e-ID); never a password. */
  loginName?: string | null;
  /** Why it failed (invalid_credentials, unknown_user, disabled, wrong_code, replayed_code, …) or what ended (revoked). */
  reason?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  sessionId?: string | null;
}

/** Appends one row. Helper for every sign-in path, e-ID included: `recordSignIn(db, { method: 'eid', outcome: 'success', … })`. */
export async function recordSignIn(db: Executor, r: SignInRecord): Promise<void> {
  await db.insertInto('sign_in_event').values({
    method: r.method, outcome: r.outcome, user_id: r.userId ?? null, login_name: r.loginName?.slice(0, 100) ?? null,
    reason: r.reason ?? null, ip: r.ip ?? null, user_agent: r.userAgent?.slice(0, 300) ?? null, session_id: r.sessionId ?? null,
  }).execute();
}

export interface SignInEvent {
  id: number;
  at: string;
  userId: string | null;
  userName: string | null;
  username: string | null;
  loginName: string | null;
  method: string;
  outcome: string;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface SignInFilter {
  /** Only these accounts (an admin's scope); undefined = all. */
  userIds?: string[];
  userId?: string;
  outcome?: string;
  from?: string;
  to?: string;
  /** Matches the typed login name or the account's username / name. */
  q?: string;
  before?: number;
  limit?: number;
}

/** Newest first; keyset pagination on id (`before`). */
export async function listSignIns(db: Executor, f: SignInFilter): Promise<SignInEvent[]> {
  let q = db.selectFrom('sign_in_event as e').leftJoin('app_user as u', 'u.id', 'e.user_id')
    .select(['e.id', 'e.at', 'e.user_id', 'u.full_name', 'u.username', 'e.login_name', 'e.method', 'e.outcome', 'e.reason', 'e.ip', 'e.user_agent'])
    .orderBy('e.id', 'desc').limit(Math.min(f.limit ?? 50, 200));
  if (f.userIds) q = f.userIds.length ? q.where('e.user_id', 'in', f.userIds) : q.where((eb) => eb.val(false));
  if (f.userId) q = q.where('e.user_id', '=', f.userId);
  if (f.outcome) q = q.where('e.outcome', '=', f.outcome);
  if (f.from) q = q.where('e.at', '>=', new Date(`${f.from}T00:00:00+07:00`));
  if (f.to) q = q.where('e.at', '<', new Date(new Date(`${f.to}T00:00:00+07:00`).getTime() + 86_400_000));
  if (f.before) q = q.where('e.id', '<', f.before);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['e.login_name']), 'like', like), eb(eb.fn('lower', ['u.username']), 'like', like), eb(eb.fn('lower', ['u.full_name']), 'like', like)]));
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id), at: r.at.toISOString(), userId: r.user_id, userName: r.full_name, username: r.username, loginName: r.login_name,
    method: r.method, outcome: r.outcome, reason: r.reason, ip: r.ip, userAgent: r.user_agent,
  }));
}

/** Account administration and self-service security changes: who did what to whom (account_event, append-only). */
export async function recordAccountEvent(db: Executor, actorId: string | null, userId: string | null, action: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.insertInto('account_event').values({ actor_id: actorId, user_id: userId, action, detail: JSON.stringify(detail) }).execute();
}

export interface AccountEvent { id: number; at: string; actorId: string | null; actorName: string | null; userId: string | null; action: string; detail: unknown }

export async function listAccountEvents(db: Executor, userId: string, limit = 50): Promise<AccountEvent[]> {
  const rows = await db.selectFrom('account_event as e').leftJoin('app_user as a', 'a.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.actor_id', 'a.full_name', 'e.user_id', 'e.action', 'e.detail'])
    .where('e.user_id', '=', userId).orderBy('e.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), at: r.at.toISOString(), actorId: r.actor_id, actorName: r.full_name, userId: r.user_id, action: r.action, detail: r.detail }));
}

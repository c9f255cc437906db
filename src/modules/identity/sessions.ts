import crypto from 'node:crypto';
import type { Db, Executor } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { getPolicy } from './policy.ts';
import './tables.ts';
import './security-tables.ts';
import { grantsFor } from './grants.ts';

/**
 * Principals are looked up on every request; a short cache spares the database. Revocation,
 * disabling and role changes clear the cache of THIS process at once (forgetUser); another
 * server process sees them within CACHE_MS at most.
 */
const CACHE_MS = 5_000;
/** last_seen_at is written at most this often per session (idle timeout resolution). */
const TOUCH_MS = 60_000;
const cache = new Map<string, { at: number; p: Principal | null }>();

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A new session; its absolute lifetime comes from the security policy (session_absolute_hours). */
export async function createSession(db: Executor, userId: string, meta: { ip?: string; userAgent?: string; method?: string }): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const policy = await getPolicy(db);
  const expiresAt = new Date(Date.now() + policy.sessionAbsoluteHours * 3600_000);
  const r = await db.insertInto('user_session').values({
    token_hash: tokenHash(token), user_id: userId, expires_at: expiresAt, revoked_at: null,
    ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null, auth_method: meta.method ?? 'password', revoked_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  return { token, expiresAt, sessionId: r.id };
}

/** Ends the session of this token; returns its id and user when it was active. */
export async function revokeSession(db: Executor, token: string): Promise<{ sessionId: string; userId: string } | undefined> {
  const h = tokenHash(token);
  cache.delete(h);
  const r = await db.updateTable('user_session').set({ revoked_at: new Date() }).where('token_hash', '=', h).where('revoked_at', 'is', null)
    .returning(['id', 'user_id']).executeTakeFirst();
  return r ? { sessionId: r.id, userId: r.user_id } : undefined;
}

/** Forgets cached principals of a user (sessions revoked, account disabled, roles changed): effective at once in this process. */
export function forgetUser(userId: string): void {
  for (const [h, e] of cache) if (e.p?.userId === userId) cache.delete(h);
}

export interface SessionInfo { id: string; createdAt: string; lastSeenAt: string; expiresAt: string; ip: string | null; userAgent: string | null; method: string | null; current: boolean }

/** A user's sessions still in force (not revoked, not expired, not idle too long). */
export async function listSessions(db: Executor, userId: string, currentSessionId?: string): Promise<SessionInfo[]> {
  const policy = await getPolicy(db);
  const idleSince = new Date(Date.now() - policy.sessionIdleMinutes * 60_000);
  const rows = await db.selectFrom('user_session').select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent', 'auth_method'])
    .where('user_id', '=', userId).where('revoked_at', 'is', null).where('expires_at', '>', new Date()).where('last_seen_at', '>', idleSince)
    .orderBy('last_seen_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, createdAt: r.created_at.toISOString(), lastSeenAt: r.last_seen_at.toISOString(), expiresAt: r.expires_at.toISOString(),
    ip: r.ip, userAgent: r.user_agent, method: r.auth_method, current: r.id === currentSessionId,
  }));
}

/**
 * Revokes sessions of `userId`: one (`only`), or all except `keep`, or all. Returns how many ended.
 * Takes effect at once in this process (the principal cache is cleared).
 */
export async function revokeSessions(db: Executor, userId: string, opts: { only?: string; keep?: string; by?: string } = {}): Promise<number> {
  let q = db.updateTable('user_session').set({ revoked_at: new Date(), revoked_by: opts.by ?? null })
    .where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (opts.only) q = q.where('id', '=', opts.only);
  if (opts.keep) q = q.where('id', '!=', opts.keep);
  const r = await q.executeTakeFirst();
  forgetUser(userId);
  return Number(r.numUpdatedRows);
}

export async function resolvePrincipal(db: Db, token: string): Promise<Principal | null> {
  if (token.length > 100) return null;
  const h = tokenHash(token);
  const hit = cache.get(h);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.p;
  const row = await db.selectFrom('user_session as s').innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 'u.id', 'u.kind', 'u.full_name', 'u.id_number', 'u.phone', 'u.email', 'u.disabled', 'u.eid_level', 's.expires_at', 's.revoked_at', 's.last_seen_at'])
    .where('s.token_hash', '=', h).executeTakeFirst();
  let p: Principal | null = null;
  const policy = await getPolicy(db);
  const now = Date.now();
  const idle = row ? now - row.last_seen_at.getTime() > policy.sessionIdleMinutes * 60_000 : false;
  if (row && !row.disabled && !row.revoked_at && row.expires_at.getTime() > now && !idle) {
    if (now - row.last_seen_at.getTime() > TOUCH_MS) {
      await db.updateTable('user_session').set({ last_seen_at: new Date() }).where('id', '=', row.session_id).execute();
    }
    // Own grants plus those of personal delegations in force (identity/grants.ts).
    const grants = row.kind === 'staff' ? await grantsFor(db, row.id) : [];
    p = {
      kind: row.kind, userId: row.id, sessionId: row.session_id, name: row.full_name,
      roles: grants,
      idNumber: row.id_number ?? undefined, eidLevel: (row.eid_level ?? undefined) as 1 | 2 | undefined, phone: row.phone ?? undefined, email: row.email ?? undefined,
    };
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(h, { at: Date.now(), p });
  return p;
}

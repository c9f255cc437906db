import crypto from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Principal, Role } from '../../platform/http/principal.ts';
import './tables.ts';

const SESSION_HOURS = 12;
/** Principals are looked up on every request; a short cache spares the database (revocation applies within this time). */
const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; p: Principal | null }>();

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, userId: string, meta: { ip?: string; userAgent?: string }): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db.insertInto('user_session').values({
    token_hash: tokenHash(token), user_id: userId, expires_at: expiresAt, revoked_at: null,
    ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null,
  }).execute();
  return { token, expiresAt };
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  const h = tokenHash(token);
  cache.delete(h);
  await db.updateTable('user_session').set({ revoked_at: new Date() }).where('token_hash', '=', h).execute();
}

export async function resolvePrincipal(db: Db, token: string): Promise<Principal | null> {
  if (token.length > 100) return null;
  const h = tokenHash(token);
  const hit = cache.get(h);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.p;
  const row = await db.selectFrom('user_session as s').innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 'u.id', 'u.kind', 'u.full_name', 'u.id_number', 'u.phone', 'u.email', 'u.disabled', 'u.eid_level', 's.expires_at', 's.revoked_at'])
    .where('s.token_hash', '=', h).executeTakeFirst();
  let p: Principal | null = null;
  if (row && !row.disabled && !row.revoked_at && row.expires_at > new Date()) {
    const grants = row.kind === 'staff' ? await db.selectFrom('role_grant').select(['role', 'unit_id']).where('user_id', '=', row.id).execute() : [];
    p = {
      kind: row.kind, userId: row.id, sessionId: row.session_id, name: row.full_name,
      roles: grants.map((g) => ({ role: g.role as Role, unitId: g.unit_id })),
      idNumber: row.id_number ?? undefined, eidLevel: (row.eid_level ?? undefined) as 1 | 2 | undefined, phone: row.phone ?? undefined, email: row.email ?? undefined,
    };
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(h, { at: Date.now(), p });
  return p;
}

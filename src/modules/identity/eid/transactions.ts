import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { eidFailures } from './failures.ts';
import './tables.ts';

/** How long a citizen may take at the provider's login page. */
export const LOGIN_TX_MINUTES = 10;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('base64url');
const random = () => crypto.randomBytes(32).toString('base64url');

export interface LoginTx {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  issuer: string;
}

/**
 * Opens a sign-in attempt: fresh state, nonce and PKCE verifier, stored server-side with where to
 * go afterwards, bound to the browser by `browserSecret` (a cookie). Old attempts are swept here.
 */
export async function openLoginTx(db: Db, o: { issuer: string; returnTo: string; browserSecret: string }): Promise<LoginTx> {
  const tx: LoginTx = { state: random(), nonce: random(), codeVerifier: random(), returnTo: o.returnTo, issuer: o.issuer };
  await db.deleteFrom('eid_login_tx').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).execute();
  await db.insertInto('eid_login_tx').values({
    state_hash: sha256(tx.state), nonce: tx.nonce, code_verifier: tx.codeVerifier, return_to: tx.returnTo,
    browser_hash: sha256(o.browserSecret), issuer: o.issuer, expires_at: new Date(Date.now() + LOGIN_TX_MINUTES * 60_000),
  }).execute();
  return tx;
}

/**
 * Takes the attempt named by `state` exactly once (one atomic UPDATE): a second callback with the
 * same state finds it consumed. Throws the EidFailure to show when it is unknown, used, expired
 * or was started in another browser.
 */
export async function consumeLoginTx(db: Db, state: string | undefined, browserSecret: string | undefined): Promise<LoginTx> {
  if (!state || state.length > 200) throw eidFailures.unknownState();
  const h = sha256(state);
  const row = await db.updateTable('eid_login_tx').set({ consumed_at: sql<Date>`now()` })
    .where('state_hash', '=', h).where('consumed_at', 'is', null)
    .returning(['nonce', 'code_verifier', 'return_to', 'browser_hash', 'issuer', sql<boolean>`expires_at > now()`.as('live')])
    .executeTakeFirst();
  if (!row) {
    const seen = await db.selectFrom('eid_login_tx').select('state_hash').where('state_hash', '=', h).executeTakeFirst();
    throw seen ? eidFailures.replayed() : eidFailures.unknownState();
  }
  if (!row.live) throw eidFailures.expired();
  if (!browserSecret || sha256(browserSecret) !== row.browser_hash) throw eidFailures.otherBrowser();
  return { state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to, issuer: row.issuer };
}

/** Where to go after sign-in: only a path on this site ("/…", not "//host" or "/\\host"). */
export function safeReturnTo(v: unknown, fallback = '/ho-so-cua-toi'): string {
  if (typeof v !== 'string' || v.length > 1000) return fallback;
  if (!v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\') || /[\u0000-\u001f\\]/.test(v)) return fallback;
  // Resolving against a dummy origin catches anything that would leave it.
  const u = new URL(v, 'http://x.invalid');
  if (u.origin !== 'http://x.invalid') return fallback;
  if (u.pathname.startsWith('/api/')) return fallback;
  return u.pathname + u.search + u.hash;
}

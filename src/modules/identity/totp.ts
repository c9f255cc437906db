import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Executor } from '../../platform/db/database.ts';
import './security-tables.ts';

/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s — what every authenticator app reads).
 * Secrets are encrypted at rest with AES-256-GCM under a key kept outside the database:
 * TOTP_ENCRYPTION_KEY (32 bytes, base64 or hex) or else DATA_DIR/secrets/totp.key, created on
 * first use with mode 0600. Losing the key means every user re-enrols (admins reset 2FA).
 */
const ISSUER = 'Motcua';
const PERIOD = 30;
/** One step either side: phones with clocks up to ~30 s off still work. */
const WINDOW = 1;
const RECOVERY_CODES = 10;

const keys = new Map<string, Buffer>();

export function totpKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.TOTP_ENCRYPTION_KEY?.trim();
  if (fromEnv) {
    const k = /^[0-9a-f]{64}$/i.test(fromEnv) ? Buffer.from(fromEnv, 'hex') : Buffer.from(fromEnv, 'base64');
    if (k.length !== 32) throw new Error('TOTP_ENCRYPTION_KEY must be 32 bytes (64 hex digits or base64)');
    return k;
  }
  const file = path.join(dataDir, 'secrets', 'totp.key');
  const hit = keys.get(file);
  if (hit) return hit;
  let key: Buffer;
  try {
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (e: any) {
    if (e.code !== 'ENOENT') throw e;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    key = crypto.randomBytes(32);
    try {
      // wx: two processes starting together must not each write their own key.
      fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (w: any) {
      if (w.code !== 'EEXIST') throw w;
      key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    }
  }
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  keys.set(file, key);
  return key;
}

/** AES-256-GCM, bound to the user (associated data): a secret copied to another row does not decrypt. */
function seal(key: Buffer, userId: string, plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(userId));
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join(':');
}

function open(key: Buffer, userId: string, sealed: string): string {
  const [v, iv, tag, ct] = sealed.split(':');
  if (v !== 'v1' || !iv || !tag || !ct) throw new Error('unknown TOTP secret format');
  const d = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  d.setAAD(Buffer.from(userId));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
}

function totpFor(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

export interface TotpStatus { enrolled: boolean; confirmedAt: string | null; recoveryCodesLeft: number }

export async function totpStatus(db: Executor, userId: string): Promise<TotpStatus> {
  const t = await db.selectFrom('user_totp').select(['confirmed_at']).where('user_id', '=', userId).executeTakeFirst();
  const left = await db.selectFrom('user_recovery_code').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return { enrolled: !!t?.confirmed_at, confirmedAt: t?.confirmed_at?.toISOString() ?? null, recoveryCodesLeft: Number(left.n) };
}

export async function hasTotp(db: Executor, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('user_totp').select('user_id').where('user_id', '=', userId).where('confirmed_at', 'is not', null).executeTakeFirst());
}

export interface Enrolment { secret: string; otpauthUri: string; qrDataUrl: string }

/**
 * A new secret, stored unconfirmed (replacing an earlier unfinished enrolment). It becomes the
 * account's second factor only when `confirmEnrolment` sees a first correct code.
 */
export async function startEnrolment(db: Executor, key: Buffer, userId: string, label: string): Promise<Enrolment | 'already_enrolled'> {
  if (await hasTotp(db, userId)) return 'already_enrolled';
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db.insertInto('user_totp').values({ user_id: userId, secret_enc: seal(key, userId, secret), confirmed_at: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret_enc: (eb) => eb.ref('excluded.secret_enc'), last_step: 0, created_at: new Date() })
      .where('user_totp.confirmed_at', 'is', null))
    .execute();
  const uri = totpFor(secret, label).toString();
  return { secret, otpauthUri: uri, qrDataUrl: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) };
}

export type CodeCheck = 'ok' | 'wrong' | 'replayed' | 'not_enrolled';

/**
 * Checks a 6-digit code. The accepted time step is recorded atomically: the same code (or an
 * older one) is refused afterwards, even within its 30-second window, even from two requests at once.
 * `pending` checks the unconfirmed secret of an enrolment instead (and confirms it).
 */
export async function checkCode(db: Executor, key: Buffer, userId: string, code: string, pending = false): Promise<CodeCheck> {
  const row = await db.selectFrom('user_totp').select(['secret_enc', 'confirmed_at', 'last_step']).where('user_id', '=', userId).executeTakeFirst();
  if (!row || (pending ? !!row.confirmed_at : !row.confirmed_at)) return 'not_enrolled';
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return 'wrong';
  const secret = OTPAuth.Secret.fromBase32(open(key, userId, row.secret_enc));
  const now = Date.now();
  const delta = OTPAuth.TOTP.validate({ token, secret, algorithm: 'SHA1', digits: 6, period: PERIOD, timestamp: now, window: WINDOW });
  if (delta === null) return 'wrong';
  const step = OTPAuth.TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
  const r = await db.updateTable('user_totp')
    .set({ last_step: step, ...(pending ? { confirmed_at: new Date() } : {}) })
    .where('user_id', '=', userId).where('last_step', '<', step).returning('user_id').executeTakeFirst();
  return r ? 'ok' : 'replayed';
}

function recoveryHash(key: Buffer, userId: string, code: string): string {
  const norm = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return crypto.createHmac('sha256', key).update(`${userId}:${norm}`).digest('base64url');
}

/** Ten new one-time recovery codes (shown once; only their keyed hashes are stored). Earlier codes stop working. */
export async function newRecoveryCodes(db: Executor, key: Buffer, userId: string): Promise<string[]> {
  // Crockford-style alphabet: no 0/O or 1/I/L confusion when read from paper.
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const s = Array.from({ length: 10 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
  await db.deleteFrom('user_recovery_code').where('user_id', '=', userId).execute();
  await db.insertInto('user_recovery_code').values(codes.map((c) => ({ user_id: userId, code_hash: recoveryHash(key, userId, c), used_at: null }))).execute();
  return codes;
}

/** Spends a recovery code: true once, false for an unknown or already used code. */
export async function useRecoveryCode(db: Executor, key: Buffer, userId: string, code: string): Promise<boolean> {
  const r = await db.updateTable('user_recovery_code').set({ used_at: new Date() })
    .where('user_id', '=', userId).where('code_hash', '=', recoveryHash(key, userId, code)).where('used_at', 'is', null)
    .returning('user_id').executeTakeFirst();
  return !!r;
}

/** Removes the second factor and its recovery codes (user with password + code, or an administrator). */
export async function removeTotp(db: Executor, userId: string): Promise<boolean> {
  await db.deleteFrom('user_recovery_code').where('user_id', '=', userId).execute();
  const r = await sql<{ user_id: string }>`delete from user_totp where user_id = ${userId} returning user_id, confirmed_at`.execute(db);
  return r.rows.length > 0;
}

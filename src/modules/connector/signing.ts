import crypto from 'node:crypto';
import path from 'node:path';
import { sharedSecret } from '../../platform/secrets.ts';

/**
 * Signed HTTP between Motcua and an external agency, both ways (requests we send, callbacks and
 * answers we receive). HMAC-SHA256 with the connector's shared secret over
 *
 *   METHOD \n path-with-query \n timestamp \n sha256-hex(body)
 *
 * sent in three headers: X-Key-Id (which secret), X-Timestamp (unix seconds) and X-Signature
 * (hex). The receiver accepts a timestamp within ±5 minutes and compares in constant time.
 */
export const SIGNATURE_WINDOW_SECONDS = 300;
export const HEADER_KEY_ID = 'x-key-id';
export const HEADER_TIMESTAMP = 'x-timestamp';
export const HEADER_SIGNATURE = 'x-signature';

export interface SigningKey { keyId: string; secret: string }

const sha256 = (body: string | Buffer) => crypto.createHash('sha256').update(body).digest('hex');

export function stringToSign(method: string, pathWithQuery: string, timestamp: string, body: string | Buffer): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${sha256(body)}`;
}

/** The three headers for a request or callback. `now` in milliseconds (injectable for tests). */
export function signRequest(key: SigningKey, method: string, pathWithQuery: string, body: string | Buffer, now = Date.now()): Record<string, string> {
  const ts = String(Math.floor(now / 1000));
  const sig = crypto.createHmac('sha256', key.secret).update(stringToSign(method, pathWithQuery, ts, body), 'utf8').digest('hex');
  return { [HEADER_KEY_ID]: key.keyId, [HEADER_TIMESTAMP]: ts, [HEADER_SIGNATURE]: sig };
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'unknown_key' | 'expired' | 'bad_signature' };

/** Checks a received request's signature headers (header names in lower case, as Node gives them). */
export function verifyRequest(key: SigningKey, method: string, pathWithQuery: string, body: string | Buffer,
  headers: Record<string, string | string[] | undefined>, now = Date.now()): VerifyResult {
  const one = (h: string) => { const v = headers[h]; return Array.isArray(v) ? v[0] : v; };
  const keyId = one(HEADER_KEY_ID);
  const ts = one(HEADER_TIMESTAMP);
  const sig = one(HEADER_SIGNATURE);
  if (!keyId || !ts || !sig) return { ok: false, reason: 'missing' };
  if (keyId !== key.keyId) return { ok: false, reason: 'unknown_key' };
  if (!/^\d{1,12}$/.test(ts) || Math.abs(now / 1000 - Number(ts)) > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'expired' };
  if (!/^[0-9a-f]{64}$/i.test(sig)) return { ok: false, reason: 'bad_signature' };
  const expected = Buffer.from(crypto.createHmac('sha256', key.secret).update(stringToSign(method, pathWithQuery, ts, body), 'utf8').digest('hex'), 'hex');
  const given = Buffer.from(sig.toLowerCase(), 'hex');
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

/**
 * The social-insurance connector's key: SOCIAL_INSURANCE_SECRET (and SOCIAL_INSURANCE_KEY_ID,
 * default 'motcua-hanoi'), else a secret generated once under DATA_DIR/connectors/social-insurance/secret.
 */
export function socialInsuranceKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): SigningKey {
  return {
    keyId: env.SOCIAL_INSURANCE_KEY_ID || 'motcua-hanoi',
    secret: sharedSecret(path.join(dataDir, 'connectors', 'social-insurance', 'secret'), env.SOCIAL_INSURANCE_SECRET),
  };
}

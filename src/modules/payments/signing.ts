import crypto from 'node:crypto';
import path from 'node:path';
import { sharedSecret } from '../../platform/secrets.ts';

/**
 * Canonical form of a gateway message: keys sorted, `key=value` joined by `&`, empty values left
 * out (the VNPay-style rule both ends apply before HMAC-SHA256).
 */
export function canonical(fields: Record<string, unknown>): string {
  return Object.keys(fields).filter((k) => k !== 'signature' && fields[k] !== undefined && fields[k] !== null && fields[k] !== '')
    .sort().map((k) => `${k}=${String(fields[k])}`).join('&');
}

export function sign(secret: string, fields: Record<string, unknown>): string {
  return crypto.createHmac('sha256', secret).update(canonical(fields), 'utf8').digest('hex');
}

/** Constant-time comparison of the hex signature given with the one expected. */
export function verify(secret: string, fields: Record<string, unknown>, signature: unknown): boolean {
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const a = Buffer.from(sign(secret, fields), 'hex');
  const b = Buffer.from(signature.toLowerCase(), 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * The secret shared with the gateway: PAYMENT_GATEWAY_SECRET, else a demo secret generated once
 * under DATA_DIR/payment-gateway/secret (never committed; the bundled simulator reads the same).
 */
export function gatewaySecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return sharedSecret(path.join(dataDir, 'payment-gateway', 'secret'), env.PAYMENT_GATEWAY_SECRET);
}

import type { FastifyRequest } from 'fastify';

/**
 * Issue 6: secrets and personal data never reach the logs. Request lines keep the path but not
 * query values (searches by ID number or phone, tracking digits); objects logged with a password,
 * token, secret or cookie have it replaced; any 12-digit ID number, phone number, bearer token or
 * session cookie left in a message, error or stack is masked.
 */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie',
  'password', 'newPassword', 'currentPassword', 'token', 'secret', 'challenge', 'code', 'recoveryCode', 'totpSecret',
  '*.password', '*.newPassword', '*.currentPassword', '*.token', '*.secret', '*.challenge', '*.recoveryCode', '*.recoveryCodes', '*.totpSecret', '*.idToken', '*.id_token',
];

const MASKS: [RegExp, string][] = [
  [/(bearer\s+)[\w.~+/=-]+/gi, '$1[redacted]'],
  [/(motcua_session=)[^;\s"]+/gi, '$1[redacted]'],
  [/(?<!\d)\d{12}(?!\d)/g, '[id-number]'],
  [/(?<![\d.])(?:\+?84|0)\d{9,10}(?![\d.])/g, '[phone]'],
];

export function maskText(s: string): string {
  let out = s;
  for (const [re, by] of MASKS) out = out.replace(re, by);
  return out;
}

function maskDeep(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return maskText(v);
  if (depth > 6 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, depth + 1));
  if (v instanceof Error) {
    const e: Record<string, unknown> = { type: v.constructor.name, message: maskText(v.message), stack: v.stack ? maskText(v.stack) : undefined };
    for (const [k, x] of Object.entries(v)) e[k] = maskDeep(x, depth + 1);
    return e;
  }
  // Only plain data is walked: requests, replies and other objects are left to their serializers.
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = maskDeep(x, depth + 1);
  return out;
}

/** The path with each query value replaced: `/x?idNumber=001…` → `/x?idNumber=…`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = maskText(q < 0 ? url : url.slice(0, q));
  if (q < 0) return path;
  const keys = url.slice(q + 1).split('&').map((kv) => kv.split('=')[0]).filter(Boolean);
  return `${path}?${keys.map((k) => `${k}=…`).join('&')}`;
}

/** Options merged into the pino logger Fastify builds (`logger: false` stays off). */
export function loggerOptions(logger: boolean | object): boolean | object {
  if (logger === false) return false;
  const base = logger === true ? {} : (logger as Record<string, any>);
  return {
    ...base,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip, requestId: req.id }),
      ...(base.serializers ?? {}),
    },
    formatters: {
      ...(base.formatters ?? {}),
      log: (obj: Record<string, unknown>) => maskDeep(obj) as Record<string, unknown>,
    },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskText(a) : a)));
      },
    },
  };
}

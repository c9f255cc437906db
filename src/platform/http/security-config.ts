/**
 * Security settings read from the environment (issue 6): rate limits, which proxies may tell us the
 * client address, and how long a client may take to send a request.
 */
export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

export interface RateLimits {
  /** false: no rate limits at all (benchmarks; never in production). */
  enabled: boolean;
  /** Every sign-in attempt (password, second factor, password change, enrolment) per client IP. */
  login: RateLimit;
  /** Public tracking look-ups (code + last 4 digits) per client IP. */
  tracking: RateLimit;
  /** Dossier submissions (online or at the desk) per signed-in account. */
  submissions: RateLimit;
  /** File uploads per signed-in account. */
  uploads: RateLimit;
}

export interface SecurityConfig {
  rateLimits: RateLimits;
  /**
   * Which peers may set X-Forwarded-For/-Proto/-Host (Fastify trustProxy): 'loopback' (a reverse
   * proxy on this machine, the default), a comma-separated list of addresses/CIDRs, 'true' (any:
   * only behind a proxy that overwrites the header) or 'false'.
   */
  trustProxy: boolean | string;
  /** Whole request (headers and body) must arrive within this time (slow clients get 408). Default 300 s: a 20 MB upload at ~0.6 Mbit/s. */
  requestTimeoutMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  enabled: true,
  login: { max: 30, windowMs: 60_000 },
  tracking: { max: 60, windowMs: 60_000 },
  submissions: { max: 60, windowMs: 3_600_000 },
  uploads: { max: 300, windowMs: 3_600_000 },
};

/** "30/1m", "60/30s", "100/1h" → {max, windowMs}; anything else → the default (with a warning). */
export function parseRateLimit(text: string | undefined, fallback: RateLimit): RateLimit {
  if (!text) return fallback;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*(s|m|h)\s*$/.exec(text);
  if (!m) {
    console.warn(`ignoring malformed rate limit "${text}" (expected e.g. 30/1m); using ${fallback.max}/${fallback.windowMs / 1000}s`);
    return fallback;
  }
  const unit = { s: 1000, m: 60_000, h: 3_600_000 }[m[3] as 's' | 'm' | 'h'];
  return { max: Number(m[1]), windowMs: Number(m[2]) * unit };
}

export function loadSecurityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const d = DEFAULT_RATE_LIMITS;
  const tp = env.TRUST_PROXY ?? 'loopback';
  return {
    rateLimits: {
      enabled: env.RATE_LIMITS !== 'false' && env.RATE_LIMITS !== 'off',
      login: parseRateLimit(env.RATE_LIMIT_LOGIN, d.login),
      tracking: parseRateLimit(env.RATE_LIMIT_TRACKING, d.tracking),
      submissions: parseRateLimit(env.RATE_LIMIT_SUBMISSIONS, d.submissions),
      uploads: parseRateLimit(env.RATE_LIMIT_UPLOADS, d.uploads),
    },
    trustProxy: tp === 'true' ? true : tp === 'false' ? false : tp,
    requestTimeoutMs: Number(env.REQUEST_TIMEOUT_S ?? 300) * 1000,
  };
}

import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { Problem } from './problem.ts';
import type { RateLimit, RateLimits } from './security-config.ts';

/**
 * Issue 6: rate limits with @fastify/rate-limit, in memory per server process (several processes
 * behind a balancer each count on their own: the effective limit is the sum). Only the routes
 * below are limited; the answer is 429 problem+json with Retry-After (seconds).
 */
type Kind = 'login' | 'tracking' | 'submissions' | 'uploads';

/** Which routes are limited, by method and path as registered (with the /api/v1 prefix). */
export const LIMITED: { method: string; url: RegExp; kind: Kind }[] = [
  { method: 'POST', url: /^\/api\/v1\/auth\/login(\/.*)?$/, kind: 'login' },
  { method: 'GET', url: /^\/api\/v1\/public\/tracking\/:code$/, kind: 'tracking' },
  { method: 'POST', url: /^\/api\/v1\/dossiers$/, kind: 'submissions' },
  { method: 'POST', url: /^\/api\/v1\/files$/, kind: 'uploads' },
];

const PER_ACCOUNT: Record<Kind, boolean> = { login: false, tracking: false, submissions: true, uploads: true };

function minutesText(seconds: number): [string, string] {
  if (seconds < 90) return [`${seconds} giây`, `${seconds} second${seconds === 1 ? '' : 's'}`];
  const m = Math.ceil(seconds / 60);
  return [`${m} phút`, `${m} minute${m === 1 ? '' : 's'}`];
}

export function tooManyRequests(kind: Kind, retryAfterSeconds: number): Problem {
  const [vi, en] = minutesText(Math.max(1, retryAfterSeconds));
  const what: Record<Kind, [string, string]> = {
    login: ['Bạn đã thử đăng nhập quá nhiều lần từ địa chỉ này', 'Too many sign-in attempts from this address'],
    tracking: ['Bạn đã tra cứu quá nhiều lần từ địa chỉ này', 'Too many tracking look-ups from this address'],
    submissions: ['Tài khoản đã nộp quá nhiều hồ sơ trong thời gian ngắn', 'This account has submitted too many dossiers in a short time'],
    uploads: ['Tài khoản đã tải lên quá nhiều tệp trong thời gian ngắn', 'This account has uploaded too many files in a short time'],
  };
  return new Problem(429, 'rate_limited', `${what[kind][0]}. Vui lòng thử lại sau ${vi}.`, `${what[kind][1]}. Please try again in ${en}.`, { retryAfter: retryAfterSeconds });
}

export async function registerRateLimits(app: FastifyInstance, limits: RateLimits) {
  if (!limits.enabled) return;
  // Must run before the plugin's own onRoute hook: it reads config.rateLimit.
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const hit = LIMITED.find((l) => methods.includes(l.method as any) && l.url.test(route.url));
    if (!hit) return;
    const l: RateLimit = limits[hit.kind];
    route.config = {
      ...(route.config as object),
      rateLimit: {
        max: l.max,
        timeWindow: l.windowMs,
        // Per account: the principal is resolved by an earlier onRequest hook; anonymous calls count per IP.
        keyGenerator: (req: FastifyRequest) => (PER_ACCOUNT[hit.kind] && req.principal ? `u:${req.principal.userId}` : `ip:${req.ip}`),
        errorResponseBuilder: (_req: FastifyRequest, ctx: { ttl: number }) => tooManyRequests(hit.kind, Math.ceil(ctx.ttl / 1000)),
      },
    } as any;
  });
  await app.register(rateLimit, { global: false, hook: 'onRequest' });
}

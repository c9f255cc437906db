import Fastify, { LogController, type FastifyInstance, type FastifyError } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Problem, problems } from './problem.ts';
import { issueToFieldError } from './validation.ts';
import type { Principal } from './principal.ts';
import type { AppConfig } from '../config.ts';
import { clientErrorHandler, frameworkErrors, registerInputChecks, registerSecurity } from './security.ts';
import { registerRateLimits } from './rate-limit.ts';
import { loggerOptions } from './logging.ts';

export interface HttpOptions {
  config: AppConfig;
  logger: boolean | object;
  /** Resolves the caller from the session cookie or bearer token (identity module). */
  resolvePrincipal: (token: string) => Promise<Principal | null>;
  isReady: () => Promise<{ ok: boolean; detail: Record<string, unknown> }>;
}

export const SESSION_COOKIE = 'motcua_session';

/** Connection-level database failures: the request may be retried once PostgreSQL is back. */
function isDbUnavailable(err: any): boolean {
  const code = err?.code as string | undefined;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '57P03' || code === '53300' ||
    (typeof code === 'string' && code.startsWith('08')) || /Connection terminated|timeout exceeded when trying to connect/i.test(err?.message ?? '');
}

/** PostgreSQL data exceptions caused by a value (NUL/untranslatable characters, bad text for a type, out of range). */
function isBadValueForDb(err: any): boolean {
  return ['22021', '22P05', '22P02', '22003', '22007', '22008', '22001', '2201B'].includes(err?.code) && typeof err?.severity === 'string';
}

export async function buildHttp(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    // One log line per request costs more than the request itself under load; errors are still logged.
    logController: new LogController({ disableRequestLogging: !opts.config.logRequests }),
    bodyLimit: 1024 * 1024,
    // Client addresses (rate limits, sign-in throttle) from X-Forwarded-For only via trusted proxies (TRUST_PROXY).
    trustProxy: opts.config.security.trustProxy,
    requestIdHeader: 'x-request-id',
    connectionTimeout: 60_000,
    requestTimeout: opts.config.security.requestTimeoutMs,
    // How often Node looks for requests over their time (default 30 s): a quarter of the limit, 1–30 s.
    http: { connectionsCheckingInterval: Math.min(30_000, Math.max(1000, Math.floor(opts.config.security.requestTimeoutMs / 4))) },
    clientErrorHandler,
    frameworkErrors,
    ajv: { customOptions: { allErrors: true } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  app.decorateRequest('idempotentReplay', false);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: opts.config.maxUploadBytes, files: 10, fields: 20, fieldSize: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Motcua API',
        description: 'Một cửa điện tử — the one-stop public administrative services platform. Errors are application/problem+json with message_vi and message_en.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (req) => {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : req.cookies[SESSION_COOKIE];
    if (token) req.principal = await opts.resolvePrincipal(token);
  });
  // Security headers and CSRF (after the principal is known), then rate limits on chosen routes.
  registerSecurity(app, opts.config);
  registerInputChecks(app);
  await registerRateLimits(app, opts.config.security.rateLimits);

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.idempotentReplay) reply.header('idempotent-replayed', 'true');
    return payload;
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    let problem: Problem;
    if (err instanceof Problem) problem = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      problem = problems.validation(
        err.validation.map((v) => {
          const issue = { ...(v.params as any), code: v.keyword, message: v.message };
          const where = err.validationContext === 'body' ? '' : `${err.validationContext}.`;
          const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
          return issueToFieldError({ ...issue, path: where + path });
        }),
      );
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      problem = new Problem(413, 'too_large', 'Dữ liệu gửi lên quá lớn.', 'The request body is too large.');
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      problem = new Problem(415, 'unsupported_media_type', 'Kiểu nội dung không được hỗ trợ.', 'Unsupported content type.');
    } else if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
      problem = new Problem(400, 'invalid_json', 'Nội dung JSON không hợp lệ.', 'The JSON body is malformed.');
    } else if (isDbUnavailable(err)) {
      problem = problems.unavailable();
      reply.header('retry-after', '5');
    } else if (isBadValueForDb(err)) {
      // A value PostgreSQL cannot store or compare (hostile input a schema let through): the caller's fault, not a 500.
      req.log.warn({ err }, 'input refused by the database');
      problem = new Problem(400, 'invalid_value', 'Dữ liệu gửi lên có giá trị không hợp lệ.', 'The request contains a value that is not valid here.');
    } else if (err.statusCode && err.statusCode < 500) {
      problem = new Problem(err.statusCode, 'bad_request', `Yêu cầu không hợp lệ: ${err.message}`, err.message);
    } else {
      req.log.error({ err }, 'unhandled error');
      problem = new Problem(500, 'internal', 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.', 'An internal error occurred. Please try again later.');
    }
    reply.status(problem.status).type('application/problem+json').send(problem.toBody(req.url));
  });

  app.setNotFoundHandler((req, reply) => {
    const p = new Problem(404, 'not_found', `Không có đường dẫn ${req.method} ${req.url.split('?')[0]}.`, `No route ${req.method} ${req.url.split('?')[0]}.`);
    reply.status(404).type('application/problem+json').send(p.toBody(req.url));
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const r = await opts.isReady().catch((e) => ({ ok: false, detail: { error: String(e?.message ?? e) } }));
    // An async handler returns the reply it sent: otherwise Fastify may try to send again ("headers already sent").
    return reply.status(r.ok ? 200 : 503).send({ status: r.ok ? 'ready' : 'not_ready', ...r.detail });
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createVneidProvider, type VneidProvider } from './provider.ts';

export const MOUNT_PATH = '/eid';

export interface BundledProvider {
  /** The first-party client Motcua uses (secret made per process: both ends live here). */
  client: { clientId: string; clientSecret: string };
  /** Fixes the issuer once the server's reachable base URL is known; the provider is built at first use. */
  start(baseUrl: string): void;
}

/**
 * Mounts the demo e-ID provider at /eid of Motcua's own HTTP server (`npm start` without
 * OIDC_ISSUER). Fastify does not parse the bodies here: oidc-provider and the login page read the
 * raw request. The provider (and its keys, under `secretsDir`) is created on the first request.
 */
export async function mountBundledProvider(app: FastifyInstance, o: { secretsDir: string }): Promise<BundledProvider> {
  const client = { clientId: 'motcua', clientSecret: crypto.randomBytes(24).toString('base64url') };
  let base: string | undefined;
  let built: Promise<VneidProvider> | undefined;
  const provider = () => {
    built ??= createVneidProvider({
      issuer: `${base}${MOUNT_PATH}`,
      secretsDir: o.secretsDir,
      clients: [{
        ...client, name: 'Cổng dịch vụ công Motcua', firstParty: true,
        redirectUris: [`${base}/api/v1/auth/eid/callback`], postLogoutRedirectUris: [`${base}/`],
      }],
    });
    built.catch(() => { built = undefined; });
    return built;
  };

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    const handler = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
      if (!base) return reply.status(503).send({ message_vi: 'Nhà cung cấp định danh thử nghiệm chưa sẵn sàng.', message_en: 'The demo e-ID provider is not ready.' });
      const p = await provider();
      reply.hijack();
      p.handle(req.raw, reply.raw);
    };
    for (const url of [MOUNT_PATH, `${MOUNT_PATH}/*`]) {
      scope.route({ method: ['GET', 'POST', 'OPTIONS'], url, schema: { hide: true }, handler });
    }
  });

  return {
    client,
    start(baseUrl: string) {
      base = baseUrl.replace(/\/$/, '');
    },
  };
}

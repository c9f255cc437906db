import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built browser app (dist/web) at `/`: hashed assets cached for a year, and
 * index.html for every other GET that is not the API, so client-side routes work on reload.
 */
/**
 * The app loads only its own scripts; PDFs and images of dossiers are shown from the same origin.
 * 'unsafe-eval' because the form validator (ajv) compiles each procedure's JSON Schema into a
 * function at run time (forms are data, so they cannot be precompiled); inline scripts stay banned.
 */
const CSP = [
  "default-src 'self'", "script-src 'self' 'unsafe-eval'", "style-src 'self' 'unsafe-inline'", "img-src 'self' blob: data:",
  "frame-src 'self' blob:", "object-src 'self'", "connect-src 'self'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

export async function serveWebApp(app: FastifyInstance, distDir: string) {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`web app not built (${index} missing): run npm run build`);
    return false;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders(res, file) {
      res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const html = fs.readFileSync(index);
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0];
    // Real files were registered by @fastify/static above; a missing asset is a 404, anything else is a client route.
    if (url.startsWith('/api/') || url.startsWith('/docs') || url.startsWith('/assets/')) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', CSP).header('x-frame-options', 'DENY').send(html);
  });
  return true;
}

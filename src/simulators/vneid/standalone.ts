import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { VneidAccount } from './accounts.ts';
import { createVneidProvider } from './provider.ts';

export interface Standalone {
  issuer: string;
  port: number;
  client: { clientId: string; clientSecret: string; redirectUris: string[]; postLogoutRedirectUris: string[] };
  accounts: VneidAccount[];
  close(): Promise<void>;
}

/**
 * The demo e-ID provider on its own HTTP port — a separate system Motcua reaches only through
 * OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET / OIDC_REDIRECT_URI. Configured by:
 *   EID_PORT (4000), EID_HOST (0.0.0.0), EID_ISSUER (http://localhost:<port>),
 *   EID_CLIENT_ID (motcua), EID_CLIENT_SECRET (generated once, kept with the keys),
 *   EID_REDIRECT_URIS (comma-separated; http://localhost:3000/api/v1/auth/eid/callback),
 *   EID_POST_LOGOUT_REDIRECT_URIS (comma-separated; default each redirect URI's origin + "/"),
 *   DATA_DIR (data): keys under DATA_DIR/vneid-provider-<port>/.
 */
export async function startStandalone(env: NodeJS.ProcessEnv = process.env): Promise<Standalone> {
  const port = Number(env.EID_PORT ?? 4000);
  const host = env.EID_HOST ?? '0.0.0.0';
  const secretsDir = path.resolve(env.DATA_DIR ?? 'data', `vneid-provider-${port}`);
  const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const redirectUris = list(env.EID_REDIRECT_URIS);
  if (!redirectUris.length) redirectUris.push('http://localhost:3000/api/v1/auth/eid/callback');
  const postLogoutRedirectUris = list(env.EID_POST_LOGOUT_REDIRECT_URIS);
  if (!postLogoutRedirectUris.length) postLogoutRedirectUris.push(...new Set(redirectUris.map((u) => `${new URL(u).origin}/`)));
  const clientId = env.EID_CLIENT_ID ?? 'motcua';
  const clientSecret = env.EID_CLIENT_SECRET ?? (await storedSecret(secretsDir));
  const issuer = (env.EID_ISSUER ?? `http://localhost:${port}`).replace(/\/$/, '');
  const p = await createVneidProvider({
    issuer, secretsDir,
    clients: [{ clientId, clientSecret, redirectUris, postLogoutRedirectUris, name: env.EID_CLIENT_NAME ?? 'Cổng dịch vụ công Motcua', firstParty: true }],
  });
  const server = http.createServer((req, res) => p.handle(req, res));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve()));
  return {
    issuer, port, client: { clientId, clientSecret, redirectUris, postLogoutRedirectUris }, accounts: p.accounts,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function storedSecret(dir: string): Promise<string> {
  const file = path.join(dir, 'client-secret');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const s = crypto.randomBytes(24).toString('base64url');
    await fs.writeFile(file, s, { mode: 0o600 });
    return s;
  }
}

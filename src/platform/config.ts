import path from 'node:path';
import { loadSecurityConfig, type SecurityConfig } from './http/security-config.ts';

/** Runtime configuration, read once from the environment (12-factor). */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  logLevel: string;
  logRequests: boolean;
  /** Public base URL printed on slips and QR codes. */
  publicUrl: string;
  /** Secure cookies when served over HTTPS (production). */
  secureCookies: boolean;
  /** Run background jobs in this process. */
  jobs: boolean;
  maxUploadBytes: number;
  /** Seed demo dossiers on an empty database. */
  demoData: boolean;
  /**
   * Citizen sign-in with the national e-ID over OpenID Connect (identity/eid). Without an issuer the
   * bundled demo VNeID provider (src/simulators/vneid) is mounted at /eid and used instead.
   */
  oidcIssuer?: string;
  oidcClientId?: string;
  oidcClientSecret?: string;
  /** Default: <eidBaseUrl>/api/v1/auth/eid/callback. Register it (and <eidBaseUrl>/ for logout) at the provider. */
  oidcRedirectUri?: string;
  /** Base URL for e-ID redirects and the bundled provider: PUBLIC_URL when set, else the address the server listens on. */
  eidBaseUrl?: string;
  /** Citizens may also sign in with a password (a demo convenience). Production sets CITIZEN_PASSWORD_LOGIN=false: e-ID only. */
  citizenPasswordLogin: boolean;
  /** Rate limits, trusted proxies, request timeout (issue 6; platform/http/security-config.ts). */
  security: SecurityConfig;
  /** The inbox's counts stop here ("1,000+"): counting a backlog of 100,000 on every page costs ~1 s. */
  inboxCountCap: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '0.0.0.0';
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    logRequests: env.LOG_REQUESTS === 'true',
    publicUrl,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : publicUrl.startsWith('https:'),
    jobs: env.JOBS !== 'false',
    maxUploadBytes: Number(env.MAX_UPLOAD_MB ?? 20) * 1024 * 1024,
    demoData: env.DEMO_DATA !== 'false',
    oidcIssuer: env.OIDC_ISSUER || undefined,
    oidcClientId: env.OIDC_CLIENT_ID || undefined,
    oidcClientSecret: env.OIDC_CLIENT_SECRET || undefined,
    oidcRedirectUri: env.OIDC_REDIRECT_URI || undefined,
    eidBaseUrl: env.PUBLIC_URL ? publicUrl : undefined,
    citizenPasswordLogin: env.CITIZEN_PASSWORD_LOGIN !== 'false',
    security: loadSecurityConfig(env),
    inboxCountCap: positiveInt(env.INBOX_COUNT_CAP, 1000, 'INBOX_COUNT_CAP'),
  };
}

function positiveInt(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, got "${v}"`);
  return n;
}

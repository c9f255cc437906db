import path from 'node:path';

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
  };
}

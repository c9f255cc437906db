import path from 'node:path';
import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type AppConfig } from './platform/config.ts';
import { createDb, type Db } from './platform/db/database.ts';
import { migrate, pendingMigrations, type MigrationSource } from './platform/db/migrate.ts';
import { resolveDatabaseUrl } from './platform/database-setup.ts';
import { buildHttp } from './platform/http/app.ts';
import { serveWebApp } from './platform/http/web.ts';
import { createJobs } from './platform/jobs.ts';
import { LocalStorage } from './platform/storage.ts';
import type { AppContext } from './platform/context.ts';
import { modules } from './modules/index.ts';
import { resolvePrincipal } from './modules/identity/sessions.ts';
import { EidRelyingParty } from './modules/identity/eid/relying-party.ts';
import { bundledSettings, eidRoutes, externalSettings } from './modules/identity/eid/routes.ts';
import { mountBundledProvider } from './simulators/vneid/mount.ts';

export function migrationSources(): MigrationSource[] {
  return [
    { module: 'platform', dir: new URL('./platform/migrations', import.meta.url).pathname },
    ...modules.filter((m) => m.migrations).map((m) => ({ module: m.name, dir: m.migrations! })),
  ];
}

export async function migrateAll(db: Db, log: (m: string) => void = () => {}) {
  return migrate(db, migrationSources(), log);
}

export interface StartOptions {
  config?: Partial<AppConfig>;
  /** Seed reference and demo data (default true). */
  seed?: boolean;
  logger?: boolean | object;
  listen?: boolean;
}

export interface Running {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

export async function seedAll(ctx: AppContext) {
  for (const m of modules) if (m.seed) await m.seed(ctx);
}

/** Starts the whole system: database (embedded unless DATABASE_URL), migrations, seed, jobs, HTTP. */
export async function startServer(opts: StartOptions = {}): Promise<Running> {
  const config = { ...loadConfig(), ...opts.config };
  const log = (m: string, extra?: Record<string, unknown>) => console.log(extra ? `${m} ${JSON.stringify(extra)}` : m);
  await fs.mkdir(config.dataDir, { recursive: true });
  const { url: dbUrl, embedded } = await resolveDatabaseUrl(config, log);
  const { db } = createDb(dbUrl, 20);
  await migrateAll(db, log);
  const jobs = createJobs(dbUrl, config.jobs, log);
  const ctx: AppContext = { config, db, storage: new LocalStorage(path.join(config.dataDir, 'files')), jobs, log };
  if (opts.seed !== false) await seedAll(ctx);

  const sources = migrationSources();
  const app = await buildHttp({
    config,
    logger: opts.logger ?? { level: config.logLevel },
    resolvePrincipal: (token) => resolvePrincipal(db, token),
    isReady: async () => {
      const pending = await pendingMigrations(db, sources);
      return { ok: pending.length === 0, detail: { database: 'ok', pendingMigrations: pending } };
    },
  });
  // Citizen e-ID sign-in: the provider named by OIDC_ISSUER, else the bundled demo one at /eid.
  const eid = new EidRelyingParty();
  const bundledEid = config.oidcIssuer ? undefined : await mountBundledProvider(app, { secretsDir: path.join(config.dataDir, 'vneid-bundled') });
  await app.register(async (api) => {
    for (const m of modules) if (m.routes) await m.routes(api, ctx);
    eidRoutes(api, ctx, eid);
  }, { prefix: '/api/v1' });
  await serveWebApp(app, new URL('../dist/web', import.meta.url).pathname);

  await jobs.start();
  for (const m of modules) if (m.jobs) await m.jobs(ctx);

  let url = config.publicUrl;
  if (opts.listen !== false) {
    const addr = await app.listen({ port: config.port, host: config.host });
    // Listening on every interface: print what a newcomer types (and what the e-ID redirects use), not the first address found.
    url = ['0.0.0.0', '::'].includes(config.host) ? `http://localhost:${new URL(addr).port}` : addr;
  } else {
    await app.ready();
  }
  // Redirects (and the bundled provider's issuer) must be reachable by the browser: the listening address unless PUBLIC_URL says otherwise.
  // Listening on every interface: the address a newcomer types (http://localhost:3000), not the first one found.
  const eidBase = config.eidBaseUrl ?? (['0.0.0.0', '::'].includes(config.host) ? `http://localhost:${new URL(url).port}` : url);
  if (bundledEid) {
    bundledEid.start(eidBase);
    eid.configure(bundledSettings(eidBase, bundledEid.client));
  } else {
    eid.configure(externalSettings(config, eidBase));
  }
  if (opts.logger !== false) log(`e-ID sign-in: ${eid.settings?.bundled ? `bundled demo VNeID provider at ${eid.settings.issuer}` : `OpenID provider ${eid.settings?.issuer}`}`);
  return {
    app, ctx, url,
    async stop() {
      await app.close();
      await jobs.stop();
      await db.destroy();
      if (embedded) await embedded.stop();
    },
  };
}

import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { startServer, type Running } from '../src/server.ts';
import type { AppConfig } from '../src/platform/config.ts';
import { loadSecurityConfig } from '../src/platform/http/security-config.ts';

/**
 * A real server on a random port over a fresh copy of the seeded template database.
 * Tests talk to it over HTTP (`api`), exactly as clients do.
 */
export interface TestServer extends Running {
  base: string;
  dbUrl: string;
  dataDir: string;
}

/** A fresh copy of the seeded template database (dropped by `drop`). */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `motcua_t${Math.random().toString(36).slice(2, 8)}_${template.split('_')[2]}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // A template may be copied by one session at a time.
  for (let i = 0; ; i++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      break;
    } catch (e: any) {
      if (i > 50 || !/being accessed by other users/.test(e.message)) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Every test request comes from 127.0.0.1: test servers raise the rate limits far above what a
 * test file sends (test/security/rate-limits.int.test.ts tests the limits themselves via `config`).
 */
export const TEST_SECURITY = (() => {
  const s = loadSecurityConfig({});
  const high = { max: 100_000, windowMs: 60_000 };
  return { ...s, rateLimits: { enabled: true, login: high, tracking: high, submissions: high, uploads: high } };
})();

export async function startTestServer(opts: { jobs?: boolean; config?: Partial<AppConfig>; logger?: boolean | object } = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  const u = new URL(db.url);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-srv-'));
  const running = await startServer({
    config: { port: 0, host: '127.0.0.1', databaseUrl: u.toString(), dataDir, jobs: opts.jobs ?? false, publicUrl: 'http://motcua.test', security: TEST_SECURITY, ...opts.config },
    seed: false,
    logger: opts.logger ?? false,
  });
  const stop = running.stop;
  return {
    ...running,
    base: running.url,
    dbUrl: u.toString(),
    dataDir,
    async stop() {
      await stop();
      await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A small HTTP client keeping a bearer token, returning status, headers and parsed body. */
export class Api {
  token?: string;
  constructor(public base: string) {}

  async call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    // Headers given by the caller win (a test may present another token on purpose).
    const h: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}`, ...headers } : { ...headers };
    let payload: any;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.base + url, { method, headers: h, body: payload });
    const ct = res.headers.get('content-type') ?? '';
    const data = ct.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body: data as any };
  }
  get(url: string, headers?: Record<string, string>) { return this.call('GET', url, undefined, headers); }
  post(url: string, body?: unknown, headers?: Record<string, string>) { return this.call('POST', url, body ?? {}, headers); }
  put(url: string, body?: unknown, headers?: Record<string, string>) { return this.call('PUT', url, body ?? {}, headers); }

  async login(username: string, password = 'motcua2026') {
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`);
    this.token = r.body.token;
    return this;
  }
}

export async function as(base: string, username: string): Promise<Api> {
  return new Api(base).login(username);
}

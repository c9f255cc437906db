/**
 * The system under test: a fresh PostgreSQL database (embedded in a temp dir, or a new database
 * on DATABASE_URL) and the Motcua server started as a separate child process, so the load
 * generator (this process) and the server do not share an event loop.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { startEmbeddedPostgres, type EmbeddedHandle, freePort } from '../../src/platform/db/embedded.ts';
import { pgClient, log, sleep } from './util.ts';

export const REPO = path.resolve(new URL('../..', import.meta.url).pathname);

type Cleanup = { name: string; fn: () => Promise<void> | void; sync?: () => void };
const cleanups: Cleanup[] = [];

/** Registers a clean-up step; steps run in reverse order, on success, failure or Ctrl-C. */
export function onCleanup(name: string, fn: () => Promise<void> | void, sync?: () => void) {
  cleanups.push({ name, fn, sync });
}

let cleaning: Promise<void> | null = null;
export function cleanupAll(): Promise<void> {
  if (!cleaning) {
    cleaning = (async () => {
      for (const c of cleanups.slice().reverse()) {
        try {
          await c.fn();
        } catch (e) {
          console.error(`clean-up "${c.name}" failed: ${(e as Error).message}`);
        }
      }
      cleanups.length = 0;
    })();
  }
  return cleaning;
}

// Last resort if the process exits before the asynchronous clean-up finished.
process.on('exit', () => {
  for (const c of cleanups.slice().reverse()) {
    try {
      c.sync?.();
    } catch {
      /* nothing more can be done */
    }
  }
});

/** While `sink` is set, the embedded server's log output goes there (statement capture). */
export const pgLog: { sink: ((chunk: string) => void) | null } = { sink: null };

export interface Database {
  url: string;
  adminUrl: string;
  embedded: boolean;
  /** pid of the PostgreSQL postmaster when it runs on this machine and we can see it. */
  postmasterPid?: number;
  version: string;
  statStatements: boolean;
  /** Settings changed from npm start's for this run (embedded only). */
  settings?: Record<string, string>;
}

async function query(url: string, text: string, params: unknown[] = []) {
  const c = pgClient(url);
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

function withDb(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    const first = (await fsp.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
    const pid = Number(first);
    return pid > 0 && fs.existsSync(`/proc/${pid}`) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A fresh embedded PostgreSQL in `tmp/pg` (restarted once with pg_stat_statements preloaded, for
 * the evidence section), or a new database on `externalUrl`, dropped at the end.
 */
export async function startDatabase(tmp: string, externalUrl?: string, settings: Record<string, string> = {}): Promise<Database> {
  if (externalUrl) {
    const name = `motcua_bench_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
    const adminUrl = externalUrl;
    await query(adminUrl, `create database ${name}`);
    onCleanup('drop benchmark database', async () => {
      await query(adminUrl, `drop database if exists ${name} with (force)`);
      log(`dropped database ${name}`);
    });
    const url = withDb(adminUrl, name);
    log(`created database ${name} on DATABASE_URL`);
    let statStatements = false;
    try {
      const pre = await query(url, `show shared_preload_libraries`);
      if (String(pre.rows[0].shared_preload_libraries).includes('pg_stat_statements')) {
        await query(url, 'create extension if not exists pg_stat_statements');
        statStatements = true;
      }
    } catch {
      statStatements = false;
    }
    const dd = await query(url, 'show data_directory').then((r) => String(r.rows[0].data_directory), () => '');
    const version = String((await query(url, 'show server_version')).rows[0].server_version);
    return { url, adminUrl, embedded: false, postmasterPid: dd ? await readPostmasterPid(dd) : undefined, version, statStatements };
  }

  // Only real trouble: not the autovacuum cancellations of a bulk load, nor the shutdown notices.
  const quiet = (m: string) => {
    pgLog.sink?.(m);
    if (pgLog.sink) return;
    if (/error|fatal|panic/i.test(m) && !/canceling autovacuum|terminating connection due to administrator|logical replication launcher|pg_stat_statements/.test(m)) {
      console.error(`[postgres] ${m.trim()}`);
    }
  };
  let handle: EmbeddedHandle = await startEmbeddedPostgres(tmp, 'motcua', quiet);
  const adminUrl = withDb(handle.url, 'postgres');
  // Preload pg_stat_statements (ALTER SYSTEM persists in the temp cluster only), then restart.
  await query(adminUrl, `alter system set shared_preload_libraries = 'pg_stat_statements'`);
  await query(adminUrl, `alter system set pg_stat_statements.max = 2000`);
  await query(adminUrl, `alter system set pg_stat_statements.track_planning = on`);
  for (const [k, v] of Object.entries(settings)) await query(adminUrl, `alter system set ${k} = '${v}'`);
  await handle.stop();
  handle = await startEmbeddedPostgres(tmp, 'motcua', quiet);
  const h = handle;
  onCleanup('stop embedded PostgreSQL', async () => {
    await h.stop();
    log('embedded PostgreSQL stopped');
  });
  await query(handle.url, 'create extension if not exists pg_stat_statements');
  const version = String((await query(handle.url, 'show server_version')).rows[0].server_version);
  const postmasterPid = await readPostmasterPid(path.join(tmp, 'pg', 'cluster'));
  log(`embedded PostgreSQL ${version} running (${tmp}/pg)`);
  return { url: handle.url, adminUrl, embedded: true, postmasterPid, version, statStatements: true, settings };
}



export interface Server {
  base: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
  startupSeconds: number;
}

/**
 * `node --import tsx src/main.ts` (in `serverDir`) with PORT, DATABASE_URL, DATA_DIR and JOBS=false
 * (`env` overrides, e.g. JOBS=true for a second server that runs the background jobs); waits for /readyz.
 */
export async function startServer(db: Database, dataDir: string, extraNodeArgs: string[] = [], serverDir = REPO, env: Record<string, string> = {}, name = 'server'): Promise<Server> {
  const port = await freePort();
  const logFile = path.join(dataDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const t0 = Date.now();
  const child = spawn(process.execPath, [...extraNodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      JOBS: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      LOG_REQUESTS: 'false',
      // The load generator sends everything from 127.0.0.1: per-IP/per-account limits would measure themselves.
      RATE_LIMITS: 'false',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited: string | null = null;
  let stopping = false;
  child.on('exit', (code, sig) => {
    exited = `exit code ${code}${sig ? ` (${sig})` : ''}`;
    if (!stopping) console.error(`\n!!! the server exited unexpectedly (${exited}); last lines of ${logFile}:\n${tail(logFile, 40)}\n`);
  });
  onCleanup(
    'stop server',
    async () => {
      if (exited) return;
      stopping = true;
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(t);
      log('server stopped');
    },
    () => {
      stopping = true;
      if (!exited) child.kill('SIGKILL');
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`server exited during start-up (${exited}); see ${logFile}:\n${tail(logFile)}`);
    if (Date.now() - t0 > 180_000) throw new Error(`server not ready after 180 s; see ${logFile}:\n${tail(logFile)}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  const startupSeconds = (Date.now() - t0) / 1000;
  log(`server ready at ${base} in ${startupSeconds.toFixed(1)} s (pid ${child.pid})`);
  return { base, pid: child.pid!, child, logFile, startupSeconds };
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function makeTempDir(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'motcua-bench-'));
  onCleanup(
    'remove temp dir',
    async () => {
      await fsp.rm(dir, { recursive: true, force: true });
      log(`removed ${dir}`);
    },
    () => fs.rmSync(dir, { recursive: true, force: true }),
  );
  return dir;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'unknown CPU'}`,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/** The code measured: commit of the server directory, and whether src/ had uncommitted changes. */
export function codeVersion(dir: string): string {
  try {
    const run = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const sha = run(['rev-parse', '--short', 'HEAD']);
    const subject = run(['log', '-1', '--format=%s']);
    const dirty = run(['status', '--porcelain', '--', 'src', 'package.json', 'package-lock.json']) !== '';
    return `commit ${sha} ("${subject.length > 80 ? `${subject.slice(0, 80)}…` : subject}")${dirty ? ' plus uncommitted changes in src/' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/**
 * The dossier process every peer runs, and the tables it writes: the same shape of work as one
 * Motcua lifecycle (bench/lib/lifecycle.ts) without HTTP — submission writes the dossier row and a
 * `submit` action; then five steps, each one transaction that locks the dossier row, checks its
 * version, moves it to the next step and appends an action row (who, when, from, to).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Samples, summarize } from '../lib/util.ts';

export interface Step {
  action: string;
  role: string;
  from: string;
  to: string;
}

/** receive → forward → forward → sign → return, with the roles of Motcua's seeded procedure. */
export const STEPS: readonly Step[] = [
  { action: 'receive', role: 'desk_officer', from: 'submitted', to: 'processing' },
  { action: 'forward', role: 'processing_officer', from: 'processing', to: 'division_review' },
  { action: 'forward', role: 'head_of_division', from: 'division_review', to: 'awaiting_signature' },
  { action: 'sign', role: 'signing_authority', from: 'awaiting_signature', to: 'result_ready' },
  { action: 'return', role: 'desk_officer', from: 'result_ready', to: 'returned' },
];

export const SCHEMA_SQL = `
create table if not exists peer_dossier (
  id text primary key,
  citizen text not null,
  status text not null,
  step int not null,
  version int not null,
  submitted_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create table if not exists peer_action (
  id bigserial primary key,
  dossier_id text not null references peer_dossier(id),
  step int not null,
  action text not null,
  actor text not null,
  from_status text,
  to_status text not null,
  at timestamptz not null default now()
);
create index if not exists peer_action_dossier on peer_action(dossier_id);
`;

export interface PeerResult {
  name: string;
  version: string;
  dossiers: number;
  failed: number;
  seconds: number;
  perSecond: number;
  stepLatency: { n: number; p50: number; p90: number; p99: number };
  /** CPU time (user + system) of the peer's own process per finished dossier: the engine's and driver's share. */
  cpuMsPerDossier: number;
  /** PostgreSQL's CPU per finished dossier over the peer's whole run (set by runPeers when it can see the postmaster). */
  pgCpuMsPerDossier?: number;
  /** Transactions committed and SQL statements run in the peer's database per finished dossier (set by runPeers; statements need pg_stat_statements). */
  commitsPerDossier?: number;
  statementsPerDossier?: number;
  /** Where the machine's CPU went during the peer's run (PostgreSQL, the peer, other processes, idle). */
  cpu?: string;
  durability: string;
  notes: string;
  firstError?: string;
}

/** What a peer child prints as its last stdout line, so the parent can find it among log lines. */
export const RESULT_PREFIX = 'PEER_RESULT ';

export const newDossierId = () => crypto.randomUUID();

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Submission: the dossier row and its first action (same transaction as the caller's). */
export async function insertDossier(c: Queryable, id: string, citizen: string): Promise<void> {
  await c.query(`insert into peer_dossier (id, citizen, status, step, version) values ($1, $2, 'submitted', 0, 1)`, [id, citizen]);
  await c.query(`insert into peer_action (dossier_id, step, action, actor, from_status, to_status) values ($1, 0, 'submit', $2, null, 'submitted')`, [id, citizen]);
}

/**
 * Step `i` (0-based) of dossier `id`, inside the caller's transaction: lock the row, check it is
 * at step i with the expected version (a stale or repeated step fails instead of writing twice),
 * update it, append the action. Returns the new version.
 */
export async function applyStep(c: Queryable, id: string, i: number, expectedVersion: number): Promise<number> {
  const s = STEPS[i];
  const r = await c.query<{ step: number; version: number }>(`select step, version from peer_dossier where id = $1 for update`, [id]);
  const row = r.rows[0];
  if (!row) throw new Error(`dossier ${id} not found`);
  if (row.version !== expectedVersion || row.step !== i) {
    throw new Error(`dossier ${id}: expected step ${i} version ${expectedVersion}, found step ${row.step} version ${row.version}`);
  }
  await c.query(`update peer_dossier set status = $2, step = $3, version = version + 1, updated_at = now() where id = $1`, [id, s.to, i + 1]);
  await c.query(`insert into peer_action (dossier_id, step, action, actor, from_status, to_status) values ($1, $2, $3, $4, $5, $6)`, [id, i + 1, s.action, `${s.role}-1`, s.from, s.to]);
  return expectedVersion + 1;
}

/** Runs `fn` in one transaction on a pooled connection (synchronous_commit as the server has it). */
export async function inTx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const v = await fn(c);
    await c.query('commit');
    return v;
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  c.on('error', () => {});
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh database for one peer on `adminUrl`; `drop` removes it (forcing off stray sessions). */
export async function freshDatabase(adminUrl: string, peer: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `motcua_peer_${peer}_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  return { name, url: withDb(adminUrl, name), drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`) };
}

export async function createSchema(url: string): Promise<void> {
  await adminQuery(url, SCHEMA_SQL);
}

/** Latencies of steps, shared by the workers of one peer. */
export class StepClock {
  readonly samples = new Samples();
  /** Times `fn` and records it; a recovered (replayed) step is not timed by callers. */
  async time<T>(fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const v = await fn();
    this.samples.push(performance.now() - t0);
    return v;
  }
  summary() {
    const s = summarize(this.samples.values());
    return { n: s.n, p50: s.p50, p90: s.p90, p99: s.p99 };
  }
}

/** `workers` concurrent loops, each taking one dossier at a time from submission to its last step until `seconds` elapse. */
export async function closedLoop(workers: number, seconds: number, runOne: (worker: number) => Promise<void>) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const deadline = t0 + seconds * 1000;
  let dossiers = 0;
  let failed = 0;
  let firstError: string | undefined;
  const loop = async (w: number) => {
    while (performance.now() < deadline) {
      try {
        await runOne(w);
        dossiers++;
      } catch (e) {
        failed++;
        firstError ??= (e as Error).stack ?? String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { dossiers, failed, seconds: secs, perSecond: dossiers / secs, cpuMsPerDossier: (cpu.user + cpu.system) / 1000 / Math.max(1, dossiers), firstError };
}

/** What a peer child reports: its closed-loop figures with its name, durability and notes, as the last stdout line. */
export function emitResult(who: { name: string; version: string; durability: string; notes: string }, r: Awaited<ReturnType<typeof closedLoop>>, clock: StepClock): void {
  const result: PeerResult = {
    ...who, dossiers: r.dossiers, failed: r.failed, seconds: r.seconds, perSecond: r.perSecond, cpuMsPerDossier: r.cpuMsPerDossier,
    stepLatency: clock.summary(), firstError: r.firstError,
  };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** A peer child's entry point: exit 0 when main() resolves, 1 with the error otherwise. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

/** Checks every dossier: done ones have exactly 6 actions (submit + 5 steps) in order; returns counts. */
export async function auditDossiers(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ step: number; n: string; steps: string }>(
      `select d.step, count(*)::text as n,
              count(*) filter (where a.n <> d.step + 1 or a.distinct_steps <> d.step + 1 or a.max_step <> d.step)::text as steps
         from peer_dossier d
         join (select dossier_id, count(*) as n, count(distinct step) as distinct_steps, max(step) as max_step from peer_action group by dossier_id) a on a.dossier_id = d.id
        group by d.step order by d.step`,
    );
    return r.rows.map((x) => ({ step: x.step, dossiers: Number(x.n), inconsistent: Number(x.steps) }));
  } finally {
    await c.end();
  }
}

/** Installed version of a package (read from its package.json: some packages do not export it). */
export function packageVersion(name: string): string {
  const file = path.resolve(new URL('../../node_modules', import.meta.url).pathname, name, 'package.json');
  return String(JSON.parse(fs.readFileSync(file, 'utf8')).version);
}

/** Reads --name value pairs from argv (the children's small CLI). */
export function argValue(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (v === undefined) {
    if (fallback === undefined) throw new Error(`missing --${name}`);
    return fallback;
  }
  return v;
}

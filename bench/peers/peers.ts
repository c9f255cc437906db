/**
 * `runPeers`: the same dossier process on existing engines — DBOS SDK and bpmn-engine — each in its
 * own child process (DBOS launches once per process; a child also keeps the peers' event loops
 * apart from the caller's) and its own fresh database on `adminUrl`, dropped afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { CpuMeter, fmtCpu, waitQuiet } from '../lib/cpu.ts';
import pg from 'pg';
import { RESULT_PREFIX, auditDossiers, freshDatabase, type PeerResult } from './process.ts';

export type { PeerResult } from './process.ts';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const REPO = path.resolve(HERE, '../..');

export const PEERS = ['dbos', 'bpmn', 'bpmn-recover', 'plain'] as const;
export type PeerName = (typeof PEERS)[number];

/** Runs `bench/peers/<peer>.ts` with `args`; resolves with its stdout (stderr goes to `log`). */
export function runChild(peer: PeerName, args: string[], log: (s: string) => void, timeoutMs: number, onSpawn?: (c: ChildProcess) => void): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    // bpmn-recover: the bpmn peer recovering its engine from the stored state at every step.
    const [file, extra] = peer === 'bpmn-recover' ? ['bpmn', ['--recover-each-step']] : [peer, []];
    const child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', path.join(HERE, `${file}.ts`), ...args, ...extra], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    onSpawn?.(child);
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    let errBuf = '';
    child.stderr.on('data', (d) => {
      errBuf += d;
      const lines = errBuf.split('\n');
      errBuf = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) log(`[${peer}] ${l}`);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (errBuf.trim()) log(`[${peer}] ${errBuf}`);
      resolve({ code, signal, stdout });
    });
  });
}

/** Committed transactions and statements run in the peer's database so far (pg_stat_database; statements need pg_stat_statements). */
async function dbCounters(url: string, db: string): Promise<{ commits: number; statements: number }> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  await c.connect();
  try {
    // In the peer's own (throw-away) database: works where the library is preloaded, as in the bench cluster.
    await c.query('create extension if not exists pg_stat_statements').catch(() => {});
    const x = await c.query<{ n: string }>(`select xact_commit::text as n from pg_stat_database where datname = $1`, [db]);
    const st = await c
      .query<{ n: string }>(`select coalesce(sum(calls), 0)::text as n from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = $1`, [db])
      .then((r) => Number(r.rows[0].n), () => NaN);
    return { commits: Number(x.rows[0]?.n ?? NaN), statements: st };
  } finally {
    await c.end();
  }
}

function parseResult(stdout: string): PeerResult | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  return line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as PeerResult) : undefined;
}

/**
 * Each peer in turn: fresh database, `workers` concurrent dossiers in a closed loop for `seconds`,
 * a check that every finished dossier has exactly its six action rows, then the database dropped.
 * A peer that fails is returned as a row with `perSecond: NaN` and the reason in `notes`.
 */
export async function runPeers(opts: {
  adminUrl: string;
  workers: number;
  seconds: number;
  log: (s: string) => void;
  peers?: PeerName[];
  /** PostgreSQL's postmaster pid when it runs on this machine: PostgreSQL's CPU per dossier is then reported. */
  postmasterPid?: number;
  /** Wait up to this long for other processes to calm down (< 20 % of a core) before each peer (default 0). */
  quietWaitSeconds?: number;
}): Promise<PeerResult[]> {
  const results: PeerResult[] = [];
  for (const peer of opts.peers ?? PEERS) {
    const db = await freshDatabase(opts.adminUrl, peer.replace('-', '_'));
    let childPid: number | undefined;
    const cpu = new CpuMeter(() => childPid, () => opts.postmasterPid);
    try {
      if (opts.quietWaitSeconds) {
        const q = await waitQuiet(cpu, opts.quietWaitSeconds, 20, (o) => opts.log(`peer ${peer}: other processes use ${o.toFixed(0)} % of a core; waiting up to ${opts.quietWaitSeconds} s`));
        if (q.waited > 3) opts.log(`peer ${peer}: waited ${q.waited.toFixed(0)} s; others now ${q.other.toFixed(0)} %`);
      }
      opts.log(`peer ${peer}: database ${db.name}, ${opts.workers} workers × ${opts.seconds} s`);
      const n0 = await dbCounters(db.url, db.name);
      const c0 = cpu.snapshot();
      const r = await runChild(peer, ['--url', db.url, '--workers', String(opts.workers), '--seconds', String(opts.seconds)], opts.log, (opts.seconds + 180) * 1000, (c) => (childPid = c.pid));
      const res = parseResult(r.stdout);
      if (r.code !== 0 || !res) throw new Error(`peer ${peer} exited with ${r.signal ?? `code ${r.code}`} and no result`);
      // The child has exited: its CPU is in this process's reaped-children time (the "load generator" share).
      const split = CpuMeter.split(c0, cpu.snapshot());
      if (opts.postmasterPid) res.pgCpuMsPerDossier = (split.postgres / 100) * split.seconds * 1000 / Math.max(1, res.dossiers);
      // Stats reach pg_stat_database when backends report (at exit at the latest: the child's connections are closed).
      const n1 = await dbCounters(db.url, db.name);
      res.commitsPerDossier = (n1.commits - n0.commits) / Math.max(1, res.dossiers);
      res.statementsPerDossier = (n1.statements - n0.statements) / Math.max(1, res.dossiers);
      res.cpu = fmtCpu(split).replace(/^server .*?\), /, '').replace('load generator', 'peer process');
      const audit = await auditDossiers(db.url);
      const done = audit.find((a) => a.step === 5);
      const bad = audit.reduce((n, a) => n + a.inconsistent, 0);
      if (bad > 0) res.notes += `; CHECK FAILED: ${bad} dossiers whose action rows do not match their step`;
      else res.notes += `; checked: ${done?.dossiers ?? 0} returned dossiers with exactly 6 action rows each`;
      opts.log(`peer ${peer}: ${res.dossiers} dossiers in ${res.seconds.toFixed(1)} s = ${res.perSecond.toFixed(1)}/s, ${res.failed} failed`);
      results.push(res);
    } catch (e) {
      // One peer failing does not cost the others their run: it is reported as a row with no rate.
      opts.log(`peer ${peer}: FAILED: ${(e as Error).message}`);
      results.push({ name: peer, version: '?', dossiers: 0, failed: 0, seconds: 0, perSecond: NaN, stepLatency: { n: 0, p50: NaN, p90: NaN, p99: NaN }, cpuMsPerDossier: NaN, durability: '–', notes: `run failed: ${(e as Error).message}`, firstError: (e as Error).stack });
    } finally {
      await db.drop().catch((e) => opts.log(`peer ${peer}: could not drop ${db.name}: ${(e as Error).message}`));
    }
  }
  return results;
}

/**
 * The final table on the console and the results section of BENCHMARKS.md. A quick run and a full
 * run each have their own section (between markers), replaced by the latest run of that kind.
 */
import fs from 'node:fs';
import type { CpuSplit } from './cpu.ts';
import type { LoadResult } from './http.ts';
import type { BulkResult } from './bulk.ts';
import type { CopyLoadResult } from './copyload.ts';
import type { CitizensResult } from './citizens-copy.ts';
import { interconnectMarkdown, type InterconnectOptions, type InterconnectResult } from './interconnect.ts';
import type { PeerResult } from '../peers/peers.ts';
import type { LifecycleResult } from './lifecycle.ts';
import type { PgbenchResult } from './pgbench.ts';
import type { StatementRow } from './pgwatch.ts';
import type { ReadMeasure, ReadSet } from './reads.ts';
import { mdTable, ms, num, summarize, table, type LatencySummary } from './util.ts';

export interface WritePhase {
  cpu: CpuSplit;
  statements: { rows: StatementRow[]; totalMs: number; planMs: number; calls: number };
  activity: { samples: number; avg: { state: string; avgBackends: number }[] };
  reloads: { orgUnits: number; calendar: number };
}

export interface SubmitScenario {
  name: string;
  what: string;
  catpShare: number;
  pgbench: { result: PgbenchResult; phase: WritePhase };
  http: { result: LoadResult; phase: WritePhase };
}

/** City run: the writes measured at one growth step (shorter phases than the final suite). */
export interface GrowthWrites { seconds: number; pgbench: PgbenchResult; http: LoadResult; life: LifecycleResult }

/** City run: one point on the way from an empty database to the full load. */
export interface GrowthRow {
  dossiers: number;
  reads: ReadSet;
  writes?: GrowthWrites;
  load?: CopyLoadResult;
  sizes: { db: string; dossier: string; action: string };
}

export interface Report {
  mode: 'quick' | 'full' | 'city';
  started: Date;
  finished: Date;
  command: string;
  code: string;
  machine: { cpu: string; memGiB: number; os: string; node: string };
  db: { version: string; embedded: boolean; settings?: Record<string, string> };
  cfg: {
    dossiers: number; citizens: number; apiCitizens: number; connections: number; duration: number; rate: number; workers: number;
    readRate: number; inboxRate: number; readSeconds: number; satSeconds: number; satConnections: number; catpShare: number;
    growthSeconds?: number;
  };
  serverStartup: number;
  seeded: number;
  empty: ReadSet;
  loaded: ReadSet;
  bulk?: BulkResult;
  city?: { population: CitizensResult; loads: CopyLoadResult[]; growth: GrowthRow[] };
  scenarios: SubmitScenario[];
  open: { result: LoadResult; phase: WritePhase };
  lifecycle: { result: LifecycleResult; phase: WritePhase };
  /** City run: interconnected applications under load, and the peers' five-step process. */
  interconnect?: { result: InterconnectResult; opts: InterconnectOptions; phase: WritePhase };
  peers?: PeerResult[];
  serverErrors: number;
  serverErrorSample?: string;
  quietWaits: number[];
  /** The server process's peak resident memory over the whole run (VmHWM), MB; null where /proc is missing. */
  serverPeakRssMb?: number | null;
}

const lat = (l: LatencySummary) => `${ms(l.p50)} / ${ms(l.p90)} / ${ms(l.p99)} ms`;
const yes = (b: boolean) => (b ? '**yes**' : '**no**');
const errs = (e: Record<string, number>) => {
  const p = Object.entries(e).map(([k, v]) => `${num(v)}× ${k}`);
  return p.length ? p.join(', ') : 'none';
};
const cpuCell = (c: CpuSplit) => `${c.server.toFixed(0)} (${c.serverMain.toFixed(0)}${Number.isFinite(c.serverMainWait) && c.serverMainWait >= 1 ? `, +${c.serverMainWait.toFixed(0)} waiting` : ''}) / ${c.postgres.toFixed(0)} / ${c.loadgen.toFixed(0)} / ${c.other.toFixed(0)}${c.topOthers.length && c.other >= 10 ? ` [${c.topOthers.map((o) => `${o.name} ${o.pct.toFixed(0)}`).join(', ')}]` : ''} / ${c.idle.toFixed(0)}`;
const CPU_HEAD = 'CPU % server (main thread) / postgres / load generator / other / idle';
/** CPU time per request: what a request costs whatever the contention (ms of one core). */
const perReq = (c: CpuSplit, n: number) => (n > 0 ? `${((c.server / 100) * c.seconds * 1000 / n).toFixed(2)} / ${((c.postgres / 100) * c.seconds * 1000 / n).toFixed(2)}` : '–');

const rawText = (m: ReadMeasure) => (m.raw.n ? `the server's SQL for the same requests (${m.rawStatements.toFixed(1)} statements), replayed directly: p99 ${ms(m.raw.p99)} ms (p50 ${ms(m.raw.p50)})` : 'n/a (raw SQL capture needs the embedded database)');

interface Target { id: string; figure: string; measured: string; baseline: string; target: string; met: boolean; short: [string, string, string] }

function targets(r: Report): Target[] {
  const o = r.open.result;
  const l = r.lifecycle.result;
  const lifeRate = l.dossiers / l.seconds;
  const out: Target[] = r.scenarios.map((sc, i) => {
    const c = sc.http.result;
    const pg = sc.pgbench.result;
    return {
      id: i === 0 ? '1' : `1${String.fromCharCode(97 + i)}`,
      figure: `Online submissions/s through HTTP, ${sc.what} (${r.cfg.connections} connections, ${r.cfg.duration} s, Idempotency-Key)`,
      measured: `${num(c.rate)}/s = ${((c.rate / pg.tps) * 100).toFixed(0)} % of pgbench (p50/p90/p99 ${lat(c.latency)}; errors ${errs(c.errors)})`,
      baseline: `pgbench, the same INSERTs in one transaction, same mix, ${r.cfg.connections} clients, ${r.cfg.duration} s: ${num(pg.tps)} tps (p50/p99 ${ms(pg.latency.p50)} / ${ms(pg.latency.p99)} ms)`,
      target: `≥ ½ pgbench = ${num(pg.tps / 2)}/s`, met: c.rate >= pg.tps / 2 && Object.keys(c.errors).length === 0,
      short: [`submissions/s [${sc.name}]`, `${num(c.rate)}/s (${((c.rate / pg.tps) * 100).toFixed(0)} % of pgbench), p99 ${ms(c.latency.p99)} ms`, `pgbench ${num(pg.tps)} tps`],
    };
  });
  out.push(
    {
      id: '2', figure: `Latency at ${num(r.cfg.rate)} submissions/s offered (open loop, ${r.cfg.duration} s)`,
      measured: `achieved ${num(o.rate)}/s; p50/p90/p99 ${lat(o.latency)}; errors ${errs(o.errors)}`,
      baseline: '—',
      target: `p99 ≤ 50 ms while sustaining ${num(r.cfg.rate)}/s`,
      met: o.latency.p99 <= 50 && o.rate >= 0.99 * r.cfg.rate && Object.keys(o.errors).length === 0,
      short: [`p99 at ${num(r.cfg.rate)}/s offered`, `achieved ${num(o.rate)}/s, p50 ${ms(o.latency.p50)} / p99 ${ms(o.latency.p99)} ms`, '—'],
    },
    {
      id: '3', figure: `Full lifecycles (submit → receive → forward ×3 → sign → return; ${r.cfg.workers} workers, ${r.cfg.duration} s)`,
      measured: `${num(lifeRate, 1)} dossiers/s, ${num(l.requests / l.seconds)} requests/s (${num(l.failed)} failed)`,
      baseline: '—', target: '≥ 1,000 dossiers/s', met: lifeRate >= 1000 && l.failed === 0,
      short: ['full lifecycles', `${num(lifeRate, 1)} dossiers/s (${num(l.requests / l.seconds)} req/s)`, '—'],
    },
    {
      id: '4a', figure: `Public tracking, ${num(r.loaded.dossiers)} dossiers, ${num(r.cfg.readRate)}/s offered`,
      measured: `p99 ${ms(r.loaded.tracking.fixed.latency.p99)} ms (p50 ${ms(r.loaded.tracking.fixed.latency.p50)}, p90 ${ms(r.loaded.tracking.fixed.latency.p90)})`,
      baseline: rawText(r.loaded.tracking),
      target: 'p99 ≤ 5 ms', met: r.loaded.tracking.fixed.latency.p99 <= 5 && Object.keys(r.loaded.tracking.fixed.errors).length === 0,
      short: [`tracking p99 (${num(r.loaded.dossiers)} dossiers)`, `${ms(r.loaded.tracking.fixed.latency.p99)} ms at ${num(r.loaded.tracking.fixed.rate)}/s`, `raw SQL p99 ${ms(r.loaded.tracking.raw.p99)} ms`],
    },
  );
  r.loaded.inbox.forEach((x, i) => out.push({
    id: `4${String.fromCharCode(98 + i)}`, figure: `Inbox of ${x.username} (${x.label}; ${num(x.total)} waiting), ${num(r.cfg.inboxRate)}/s offered`,
    measured: `p99 ${ms(x.fixed.latency.p99)} ms (p50 ${ms(x.fixed.latency.p50)}, p90 ${ms(x.fixed.latency.p90)})`,
    baseline: rawText(x),
    target: 'p99 ≤ 20 ms', met: x.fixed.latency.p99 <= 20 && Object.keys(x.fixed.errors).length === 0,
    short: [`inbox p99 ${x.username} (${num(x.total)})`, `${ms(x.fixed.latency.p99)} ms at ${num(x.fixed.rate)}/s`, `raw SQL p99 ${ms(x.raw.p99)} ms`],
  }));
  return out;
}

export function printSummary(r: Report) {
  const t = targets(r);
  console.log(`\n=== Motcua benchmark — ${r.mode} run, ${r.finished.toISOString()} ===`);
  console.log(`${r.machine.cpu}, ${r.machine.memGiB} GiB, Node ${r.machine.node}, PostgreSQL ${r.db.version}\n`);
  console.log(table(['#', 'figure', 'measured', 'baseline', 'target', 'met'], t.map((x) => [x.id, ...x.short, x.target, x.met ? 'yes' : 'NO'])));
  console.log('\nAlmost empty vs loaded (HTTP p99 at the offered rate / raw SQL p99):');
  const rows: (string | number)[][] = [];
  const add = (name: string, e: ReadMeasure, l: ReadMeasure) => rows.push([name, `${ms(e.fixed.latency.p99)} ms / ${ms(e.raw.p99)} ms`, `${ms(l.fixed.latency.p99)} ms / ${ms(l.raw.p99)} ms`, `${num(e.saturation.rate)} → ${num(l.saturation.rate)}/s`]);
  add('tracking', r.empty.tracking, r.loaded.tracking);
  r.empty.inbox.forEach((e, i) => add(`inbox ${e.username}`, e, r.loaded.inbox[i]));
  console.log(table(['read', `empty (${num(r.empty.dossiers)} dossiers)`, `loaded (${num(r.loaded.dossiers)})`, `saturation ${r.cfg.satConnections} conn.`], rows));
  for (const sc of r.scenarios) console.log(`CPU, HTTP submissions [${sc.name}]: ${cpuCell(sc.http.phase.cpu)} (${CPU_HEAD})`);
  if (r.serverPeakRssMb) console.log(`Server peak RSS over the run: ${num(r.serverPeakRssMb)} MB`);
}

function statementsTable(p: WritePhase, per: number, perLabel: string): string {
  if (!p.statements.rows.length) return '_pg_stat_statements not available on this server._';
  const st = p.statements;
  const head = `pg_stat_statements: ${num(st.calls)} statements, execution ${num(st.totalMs / 1000, 1)} s, planning ${num(st.planMs / 1000, 1)} s` +
    (per > 0 ? ` = **${(st.calls / per).toFixed(1)} statements (round trips), ${ms(st.totalMs / per)} ms executing and ${ms(st.planMs / per)} ms planning per ${perLabel}**, against ${ms((p.cpu.postgres / 100) * p.cpu.seconds * 1000 / per)} ms of PostgreSQL CPU per ${perLabel} (the rest: parsing, protocol, commits, context switches)` : '') + '.\n\n';
  return head + mdTable(['calls', 'mean ms', 'total exec s', 'total plan s', 'rows', 'statement'], st.rows.map((s) => [num(s.calls), s.meanMs.toFixed(3), (s.totalMs / 1000).toFixed(2), (s.planMs / 1000).toFixed(2), num(s.rows), `\`${s.query.slice(0, 170)}${s.query.length > 170 ? '…' : ''}\``]));
}

function reloads(p: WritePhase): string {
  if (!Number.isFinite(p.reloads.orgUnits)) return '';
  const s = p.cpu.seconds;
  return ` Cache reloads: org units ${p.reloads.orgUnits}× (TTL 30 s, so ${Math.ceil(s / 30) + 1} at most if reloads were single-flight), calendar ${p.reloads.calendar}× (TTL 60 s: ${Math.ceil(s / 60) + 1} at most).`;
}

function activity(p: WritePhase): string {
  if (!p.activity.samples) return '';
  return `Backends sampled every 100 ms (${p.activity.samples} samples), average count per state: ` +
    p.activity.avg.filter((a) => a.avgBackends >= 0.05).slice(0, 6).map((a) => `${a.state} **${a.avgBackends.toFixed(1)}**`).join(', ') + '.';
}

export function renderSection(r: Report): string {
  const t = targets(r);
  const local = new Date(r.finished.getTime() + 7 * 3600_000).toISOString().replace('T', ' ').slice(0, 16);
  const minutes = ((r.finished.getTime() - r.started.getTime()) / 60000).toFixed(1);
  const L: string[] = [];
  L.push(`## Results — ${r.mode} run, ${local} (UTC+7)`, '');
  L.push(`- **Command:** \`${r.command}\` (${minutes} min, all figures measured in this run); code measured: ${r.code}.`);
  const changed = Object.entries(r.db.settings ?? {}).map(([k, v]) => `${k} ${v}`).join(', ');
  L.push(`- **Machine:** ${r.machine.cpu}, ${r.machine.memGiB} GiB RAM, ${r.machine.os}; Node ${r.machine.node}; PostgreSQL ${r.db.version} ${r.db.embedded ? `(embedded, fresh cluster in a temp dir: shared_buffers 512MB, work_mem 16MB${changed ? `, ${changed}` : ''}, otherwise defaults — fsync and synchronous_commit on)` : '(DATABASE_URL, fresh database)'}.`);
  L.push(`- **Set-up:** the server is one Node process started as \`node --import tsx src/main.ts\` (JOBS=false, pool of 20 connections); the load generator is the benchmark process; both and PostgreSQL share the same ${r.machine.cpu.split(' ')[0]} cores. CPU columns are % of one core (${Number(r.machine.cpu.split(' ')[0]) * 100} % = all cores busy): the server process (in brackets its main thread, i.e. the JavaScript event loop, which cannot exceed 100 %, and "+N waiting" = % of the time that thread was ready to run but had no free core, from /proc/…/schedstat), PostgreSQL, the load generator (this process and pgbench), other processes on the machine (named when ≥ 10 %), idle.`);
  const busy = [...r.scenarios.flatMap((x) => [x.http.phase.cpu, x.pgbench.phase.cpu]), r.open.phase.cpu, r.lifecycle.phase.cpu,
    ...[r.empty, r.loaded].flatMap((set) => [set.tracking.cpu, ...set.inbox.map((x) => x.cpu)])].map((c) => c.other);
  L.push(`- **Other load on the machine:** before each measurement the run waited until other processes used < 15 % of a core (${r.quietWaits.length ? `waited ${r.quietWaits.length}× for ${num(r.quietWaits.reduce((a, b) => a + b, 0))} s in all` : 'it never had to wait'}, within a budget of a few minutes); during the measurements other processes used ${num(Math.min(...busy))}–${num(Math.max(...busy))} % of a core (column "other").`);
  const c = r.city;
  const bulkLine = c
    ? `${num(c.loads.reduce((a, l) => a + l.dossiers, 0))} dossiers with ${num(c.loads.reduce((a, l) => a + l.actions, 0))} actions loaded with COPY in ${c.loads.length} steps, over ${num(c.population.accounts)} citizens with an account — residents aged 14+ of a synthetic Hà Nội population of ${num(c.population.people)} people in ${num(c.population.households)} households, in the population registry`
    : `${num(r.bulk!.dossiers)} bulk dossiers with ${num(r.bulk!.actions)} actions over ${num(r.cfg.citizens)} citizens`;
  L.push(`- **Data:** ${bulkLine} (plus ${r.seeded} created through the API before the load and the ones the write phases add); ${num(r.cfg.apiCitizens)} citizens with a session and one uploaded PDF submit through the API, a random one per request. A submission is a judicial-record certificate (3.000333) at Công an thành phố — one agency, so one dossier_code_counter row per day — or a birth registration (1.001193) at a random one of the 126 ward People's Committees; "spread" sends ${(r.cfg.catpShare * 100).toFixed(1)} % to the police, "one agency" sends all of them there.`);
  L.push('');
  L.push('### Targets', '');
  L.push(mdTable(['#', 'figure', 'measured', 'baseline', 'target', 'met'], t.map((x) => [x.id, x.figure, x.measured, x.baseline, x.target, yes(x.met)])));
  L.push('');
  L.push('### Reads: almost empty database vs loaded', '');
  L.push(`HTTP at a fixed offered rate (open loop, ${r.cfg.readSeconds} s; latency counted from the scheduled send time), then saturation with ${r.cfg.satConnections} connections (closed loop, ${r.cfg.satSeconds} s). "Raw SQL" = the statements the server sent for such requests, captured with their parameters from PostgreSQL's log (log_min_duration_statement = 0 for the capture only) and replayed from the benchmark process over node-postgres: same text, same parameters, one connection's statements in order and different connections in parallel, as the server ran them; cache refreshes and the session lookup are left out. It is what the database side of the request costs without HTTP and application code.`, '');
  const rr: (string | number)[][] = [];
  const add = (name: string, db: string, m: ReadMeasure, rate: number) => rr.push([name, db, `${num(m.fixed.rate)}/s of ${num(rate)}`, lat(m.fixed.latency), `${num(m.saturation.rate)}/s, p99 ${ms(m.saturation.latency.p99)} ms`, lat(m.raw), cpuCell(m.cpu), perReq(m.cpu, m.fixed.ok), errs({ ...m.fixed.errors, ...m.saturation.errors })]);
  add('public tracking', `empty (${num(r.empty.dossiers)})`, r.empty.tracking, r.cfg.readRate);
  add('public tracking', `loaded (${num(r.loaded.dossiers)})`, r.loaded.tracking, r.cfg.readRate);
  r.empty.inbox.forEach((e, i) => {
    const l = r.loaded.inbox[i];
    add(`inbox ${e.username} (${num(e.total)} waiting)`, `empty (${num(r.empty.dossiers)})`, e, r.cfg.inboxRate);
    add(`inbox ${l.username} (${num(l.total)} waiting)`, `loaded (${num(r.loaded.dossiers)})`, l, r.cfg.inboxRate);
  });
  L.push(mdTable(['read', 'database', 'achieved', 'HTTP p50 / p90 / p99', 'saturation', 'raw SQL p50 / p90 / p99', `${CPU_HEAD} (at the fixed rate)`, 'CPU ms per request: server / postgres', 'errors'], rr));
  L.push('');
  L.push('### Writes', '');
  const w: (string | number)[][] = [];
  const answered = (x: LoadResult) => x.ok + Object.entries(x.errors).filter(([k]) => /^\d+$/.test(k)).reduce((a, [, v]) => a + v, 0);
  for (const sc of r.scenarios) {
    const pg = sc.pgbench.result;
    w.push([`pgbench [${sc.name}] (${r.cfg.connections} clients, -M prepared)`, `${num(pg.tps)} tx/s`, `${ms(pg.latency.p50)} / ${ms(pg.latency.p90)} / ${ms(pg.latency.p99)} ms`, pg.failed ? `${pg.failed} failed` : 'none', cpuCell(sc.pgbench.phase.cpu), perReq(sc.pgbench.phase.cpu, pg.transactions)]);
    w.push([`HTTP submissions [${sc.name}], closed loop (${r.cfg.connections} connections)`, `${num(sc.http.result.rate)}/s`, lat(sc.http.result.latency), errs(sc.http.result.errors), cpuCell(sc.http.phase.cpu), perReq(sc.http.phase.cpu, answered(sc.http.result))]);
  }
  const lr = r.lifecycle.result;
  w.push(
    [`HTTP submissions [spread], open loop (${num(r.cfg.rate)}/s offered)`, `${num(r.open.result.rate)}/s`, lat(r.open.result.latency), errs(r.open.result.errors), cpuCell(r.open.phase.cpu), perReq(r.open.phase.cpu, answered(r.open.result))],
    [`Lifecycles (${r.cfg.workers} workers)`, `${num(lr.dossiers / lr.seconds, 1)} dossiers/s = ${num(lr.requests / lr.seconds)} req/s`, '(per action below)', lr.failed ? `${lr.failed} dossiers failed: ${[...lr.stats.errors].map(([k, v]) => `${v}× ${k}`).join(', ')}` : 'none', cpuCell(r.lifecycle.phase.cpu), perReq(r.lifecycle.phase.cpu, lr.requests)],
  );
  L.push(mdTable(['phase', 'throughput', 'p50 / p90 / p99', 'errors', CPU_HEAD, 'CPU ms per request (tx): server / postgres'], w));
  L.push('');
  if (r.open.result.sendLag) L.push(`Open-loop generator lag (how late requests left the benchmark process): p99 ${ms(r.open.result.sendLag.p99)} ms, max ${ms(r.open.result.sendLag.max)} ms; it is included in the latencies above.`, '');
  L.push('Lifecycle requests by action:', '');
  L.push(mdTable(['action', 'requests', 'p50 / p90 / p99'], [...r.lifecycle.result.stats.byAction].map(([a, s]) => [a, num(s.length), lat(summarize(s.values()))])));
  L.push('');
  L.push('### Where the time goes', '');
  for (const sc of r.scenarios) {
    L.push(`**HTTP submissions [${sc.name}] (closed loop).** ${activity(sc.http.phase)}${reloads(sc.http.phase)}`, '');
    L.push(statementsTable(sc.http.phase, sc.http.result.ok, 'successful submission'), '');
    L.push(`**pgbench [${sc.name}].** ${activity(sc.pgbench.phase)} Per statement (average latency ms, failures):`, '');
    if (sc.pgbench.result.perStatement) L.push('```', sc.pgbench.result.perStatement, '```', '');
  }
  L.push(`**HTTP submissions [spread], open loop at ${num(r.cfg.rate)}/s.** ${activity(r.open.phase)}${reloads(r.open.phase)}`, '');
  L.push(`**Lifecycles.** ${activity(r.lifecycle.phase)}${reloads(r.lifecycle.phase)}`, '');
  L.push(statementsTable(r.lifecycle.phase, r.lifecycle.result.requests, 'request'), '');
  L.push('<details><summary>EXPLAIN (ANALYZE, BUFFERS) on the loaded database</summary>', '');
  L.push('```', r.loaded.tracking.explain, '', ...r.loaded.inbox.map((x) => `-- ${x.username}\n${x.explain}\n`), '```', '</details>', '');
  if (c) L.push(renderCity(r, c), '');
  if (r.interconnect) L.push(interconnectMarkdown(r.interconnect.result, r.interconnect.opts), '', `CPU during the phase: ${cpuCell(r.interconnect.phase.cpu)} (${CPU_HEAD}; the jobs server is under "other").`, '');
  if (r.peers) L.push(renderPeers(r, r.peers), '');
  if (r.bulk) L.push('### Bulk load', '');
  if (r.bulk) L.push(`${num(r.bulk.dossiers)} dossiers and ${num(r.bulk.actions)} actions in ${num(r.bulk.seconds)} s (plan ${num(r.bulk.planSeconds)} s, INSERT … SELECT ${num(r.bulk.insertSeconds)} s on 2 connections, secondary indexes ${num(r.bulk.indexSeconds)} s, VACUUM ANALYZE + CHECKPOINT ${num(r.bulk.vacuumSeconds)} s). Sizes: ${r.bulk.sizes.map((s) => `${s.table} ${s.size}`).join(', ')}. By status: ${Object.entries(r.bulk.byStatus).map(([s, n]) => `${s}: ${num(n)}`).join(', ')}.`);
  if (r.serverPeakRssMb) L.push('', `**Memory.** Peak resident memory of the server process over the whole run (VmHWM): ${num(r.serverPeakRssMb)} MB.`);
  if (r.serverErrors) L.push('', `The server logged ${r.serverErrors} errors (level ≥ 50) during the run${r.serverErrorSample ? `; the first: \`${r.serverErrorSample.replace(/`/g, "'")}\`` : ''}.`);
  return L.join('\n');
}

const HEADER = `# Benchmarks

Figures for Motcua's hot paths, produced by \`npm run bench\` (bench/run.ts). Every number in the
results sections is measured by the run that wrote it — nothing is hard-coded and nothing is
asserted; targets that are missed are reported as missed. Each run replaces the section of its kind
(full or quick); the analysis at the end is written by hand from those runs.

## How to reproduce

\`\`\`sh
npm install                       # pgbench must be on the PATH too (postgresql-client)
npm run bench -- --quick          # ~3 min: 20,000 bulk dossiers, 8 s write phases
npm run bench                     # ~8–12 min on 2 cores: 1,000,000 bulk dossiers, 30 s write phases
npm run bench -- --dossiers 200000 --duration 20 --connections 64
npm run bench -- --city           # Hanoi scale: 1 M citizens, 10 M dossiers by COPY in growth steps, interconnected
                                  # applications and the DBOS / bpmn-engine peers (~1 h 45 min, ~60 GB of disk)
npm run bench:peers               # the peers alone (DBOS SDK, bpmn-engine, plain SQL) on a fresh embedded PostgreSQL
npm run bench -- --help           # every option (rates, client counts, --server-dir to measure another checkout)
DATABASE_URL=postgres://user:pass@host:5432/postgres npm run bench   # a fresh database there, dropped afterwards
\`\`\`

What a run does: starts a fresh embedded PostgreSQL in a temp directory (or creates a database on
DATABASE_URL); starts the server as a child process (\`node --import tsx src/main.ts\`, JOBS=false);
creates citizens (app_user rows) with sessions (user_session, sha256 of the token) and one PDF
uploaded per API citizen through POST /api/v1/files; seeds a few dossiers at every stage through the
API; measures public tracking and two inboxes on that almost empty database; bulk-loads the dossiers
with INSERT … SELECT (two years, Hanoi's agencies, the seeded procedures, all ten statuses, full
action trails, consistent dossier_code_counter); measures the reads again; then runs pgbench with a
script doing a submission's INSERTs, the same submissions through HTTP (closed loop), a fixed
offered rate (open loop), and full lifecycles. Before each measurement it waits (boundedly) for other
processes on the machine to calm down and it reports how busy they were. It removes everything it
created, also on failure or Ctrl-C.
`;

export function writeReport(file: string, r: Report) {
  const begin = `<!-- BEGIN results:${r.mode} -->`;
  const end = `<!-- END results:${r.mode} -->`;
  const section = `${begin}\n${renderSection(r)}\n${end}`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `${HEADER}\n<!-- BEGIN results:full -->\n_No full run yet._\n<!-- END results:full -->\n\n<!-- BEGIN results:quick -->\n_No quick run yet._\n<!-- END results:quick -->\n\n<!-- BEGIN results:city -->\n_No city run yet._\n<!-- END results:city -->\n`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) text = text.slice(0, i) + section + text.slice(j + end.length);
  else text = `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, text);
}

const mb = (bytes: string | number) => `${num(Number(bytes) / 2 ** 30, 1)} GB`;

/** City run: the load, and every figure at each growth step from the empty database to the full load. */
function renderCity(r: Report, c: NonNullable<Report['city']>): string {
  const L: string[] = [];
  L.push('### From an empty database to the full load', '');
  L.push(`At each step the run loads more dossiers with COPY (each spread over the same two years, so backlogs grow with the data), then measures the reads as above (tracking at ${num(r.cfg.readRate)}/s and inboxes at ${num(r.cfg.inboxRate)}/s offered, saturation with ${r.cfg.satConnections} connections) and the writes: pgbench's submission script and HTTP submissions (spread, ${r.cfg.connections} connections) and full lifecycles (${r.cfg.workers} workers), ${num(r.cfg.growthSeconds ?? 0)} s each at the intermediate steps and ${num(r.cfg.duration)} s (the suite above) at the last.`, '');
  const inboxHead = c.growth[0]?.reads.inbox.map((x) => `inbox ${x.username}: waiting, p99 (raw SQL p99)`) ?? [];
  L.push(mdTable(['dossiers', 'actions', 'database size (dossier / action)', 'tracking p50 / p99 (raw SQL p99)', 'tracking saturation', ...inboxHead, 'pgbench tps', 'HTTP submissions/s, p99', 'lifecycles/s', 'load of this step'],
    c.growth.map((g) => {
      const actions = g.load ? c.loads.slice(0, c.loads.indexOf(g.load) + 1).reduce((a, l) => a + l.actions, 0) : 0;
      const w = g.writes;
      return [num(g.dossiers), g.load ? `${num(actions)} loaded` : '–', `${mb(g.sizes.db)} (${mb(g.sizes.dossier)} / ${mb(g.sizes.action)})`,
        `${ms(g.reads.tracking.fixed.latency.p50)} / ${ms(g.reads.tracking.fixed.latency.p99)} ms (${ms(g.reads.tracking.raw.p99)})`,
        `${num(g.reads.tracking.saturation.rate)}/s`,
        ...g.reads.inbox.map((x) => `${num(x.total)}: ${ms(x.fixed.latency.p99)} ms (${ms(x.raw.p99)})`),
        w ? num(w.pgbench.tps) : '–', w ? `${num(w.http.rate)}/s, ${ms(w.http.latency.p99)} ms${Object.keys(w.http.errors).length ? ` (errors ${errs(w.http.errors)})` : ''}` : '–',
        w ? `${num(w.life.dossiers / w.life.seconds, 1)}${w.life.failed ? ` (${w.life.failed} failed)` : ''}` : '–',
        g.load ? `${num(g.load.dossiers)} in ${num(g.load.seconds)} s` : '–'];
    })));
  L.push('');
  L.push('### Loading with COPY', '');
  const p = c.population;
  L.push(`Citizens: ${num(p.people)} people in ${num(p.households)} households generated by the population module and loaded into the registry in ${num(p.registrySeconds)} s; ${num(p.accounts)} accounts (app_user, level-2 e-ID) streamed with COPY in ${num(p.accountsSeconds)} s.`, '');
  L.push(mdTable(['step', 'dossiers', 'actions', 'wall time', 'generating rows + hash chain (this process)', 'COPY (2 connections, overlapping the generation)', 'secondary indexes rebuilt', 'VACUUM ANALYZE + CHECKPOINT', 'dossiers/s over the whole step'],
    c.loads.map((l, i) => [i + 1, num(l.dossiers), num(l.actions), `${num(l.seconds)} s`, `${num(l.generateSeconds)} s`, `${num(l.copySeconds)} s`, `${num(l.indexSeconds)} s`, `${num(l.vacuumSeconds)} s`, num(l.dossiers / l.seconds)])));
  const by: Record<number, number> = {};
  for (const l of c.loads) for (const [s, n] of Object.entries(l.byStatus)) by[Number(s)] = (by[Number(s)] ?? 0) + n;
  L.push('', `By status: ${Object.entries(by).map(([s, n]) => `${s}: ${num(n)}`).join(', ')}.`);
  return L.join('\n');
}

/** The peers beside Motcua's own lifecycle figure of the same run. */
function renderPeers(r: Report, peers: PeerResult[]): string {
  const l = r.lifecycle.result;
  const steps = l.dossiers > 0 ? l.requests / l.dossiers - 1 : NaN;
  const L: string[] = ['### Peers: the same dossier process on other durable engines', ''];
  L.push(`Each peer runs in its own process against its own fresh database on the same PostgreSQL (same settings, fsync and synchronous_commit on), ${r.cfg.workers} concurrent dossiers in a closed loop for ${r.cfg.duration} s: a submission, then five steps (receive → forward → forward → sign → return), each one transaction that locks the dossier row, checks its version, updates it and appends an action row. Motcua's line is the lifecycle phase above, through HTTP with sessions, authorisation, idempotency keys, deadlines and the hash-chained action log — its process has ${Number.isFinite(steps) ? steps.toFixed(0) : '6'} steps after the submission (receive, forward ×3, sign, return).`, '');
  const rows: (string | number)[][] = [[`**Motcua** (HTTP API, this repository)`, '—', `${num(l.dossiers / l.seconds, 1)}`, num(l.dossiers), `${num(l.requests / l.seconds)} requests/s`, '(per action above)', '—', 'every action committed (synchronous_commit on) before its answer; Idempotency-Key on every POST', l.failed ? `${l.failed} failed` : 'none failed']];
  for (const p of peers) rows.push([p.name, p.version, num(p.perSecond, 1), num(p.dossiers), `${num(p.perSecond * 6)} transactions/s`, `${ms(p.stepLatency.p50)} / ${ms(p.stepLatency.p90)} / ${ms(p.stepLatency.p99)} ms`,
    `${num(p.cpuMsPerDossier, 1)}${p.pgCpuMsPerDossier !== undefined ? ` / ${num(p.pgCpuMsPerDossier, 1)}` : ''}`, p.durability, `${p.failed ? `${p.failed} failed; ` : ''}${p.notes}${p.firstError ? `; first error: ${p.firstError.slice(0, 160)}` : ''}`]);
  L.push(mdTable(['engine', 'version', 'dossiers/s', 'dossiers', 'rate', 'step p50 / p90 / p99', 'CPU ms per dossier: engine process / PostgreSQL', 'durability', 'notes'], rows));
  return L.join('\n');
}

/**
 * `npm run bench` — measures Motcua against the targets in BENCHMARKS.md and writes the figures there.
 *
 *   npm run bench                      full run: 1,000,000 bulk dossiers (~8–12 min on 2 cores)
 *   npm run bench -- --quick           quick run: 20,000 dossiers, short phases (~3 min)
 *   npm run bench -- --dossiers 200000 --duration 20
 *   DATABASE_URL=postgres://… npm run bench   use that server (a fresh database is created and dropped)
 *
 * Every figure is measured in this run; nothing is asserted. "How to reproduce" is in BENCHMARKS.md;
 * the pieces are in bench/lib (env: database and server; data/bulk: people and dossiers; http,
 * lifecycle, reads, pgbench: the load; cpu, pgwatch, capture: the evidence; report: the output).
 */
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupAll, codeVersion, machine, makeTempDir, REPO, startDatabase, startServer, tail, type Database, type Server } from './lib/env.ts';
import { CpuMeter, fmtCpu, waitQuiet } from './lib/cpu.ts';
import { PgWatch } from './lib/pgwatch.ts';
import { Capturer } from './lib/capture.ts';
import { Http, closedLoop, openLoop, fmtErrors } from './lib/http.ts';
import { createCitizens, createSessions, loadTarget, login, submissionBody, uploadFiles, type Citizen, type SubmitTarget } from './lib/data.ts';
import { bulkLoad, type BulkResult } from './lib/bulk.ts';
import { idemKey, lifecycleLoad, newStats, runDossier, type LifecycleTarget } from './lib/lifecycle.ts';
import { measureReads, type InboxUser, type ReadSet } from './lib/reads.ts';
import { preparePgbench, runPgbench, type PgbenchTarget } from './lib/pgbench.ts';
import { writeReport, printSummary, type Report, type SubmitScenario, type WritePhase } from './lib/report.ts';
import { pgClient, fmtLat, log, mark, timeline } from './lib/util.ts';

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    dossiers: { type: 'string' },
    citizens: { type: 'string' },
    'api-citizens': { type: 'string' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    rate: { type: 'string' },
    workers: { type: 'string' },
    'read-rate': { type: 'string' },
    'inbox-rate': { type: 'string' },
    'read-seconds': { type: 'string' },
    'catp-share': { type: 'string' },
    'server-dir': { type: 'string' },
    'quiet-wait': { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    out: { type: 'string' },
    'profile-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

if (opt.help) {
  console.log(`npm run bench [-- options]
  --quick               20,000 dossiers and short phases (default: 1,000,000 dossiers)
  --dossiers N          bulk dossiers to load (1e6 accepted)
  --citizens N          synthetic citizens owning the bulk dossiers (default dossiers/10, at least 5,000)
  --api-citizens N      citizens with a session and an upload who submit through the API (default 5,000; quick 1,000)
  --connections C       concurrent HTTP clients for the submission run, and pgbench clients (default 32)
  --duration S          seconds of each write phase: pgbench, HTTP closed loop, HTTP 1,000/s, lifecycles (default 30; quick 8)
  --rate R              offered submissions per second for the latency run (default 1000)
  --workers W           concurrent lifecycle workers (default 32)
  --read-rate R         offered public-tracking requests per second (default 200)
  --inbox-rate R        offered inbox requests per second (default 20)
  --read-seconds S      seconds of each read measurement (default 12; quick 5)
  --catp-share F        share of the main submission mix going to the city police, the rest to the 126 wards
                        (default 1/127: every one of the 127 agencies alike); a second run sends them all to the police
  --quiet-wait S        before each measurement wait up to S seconds (default 90; quick 20; 0 = never) until other
                        processes on the machine use < 15 % of a core, at most 5 minutes in all (quick: 2)
  --server-dir DIR      run the server from another checkout of Motcua (to measure a change); default this repository
  --no-write            do not update BENCHMARKS.md
  --out FILE            write the results into FILE instead of BENCHMARKS.md
  --profile-dir DIR     run the server with --cpu-prof, profiles written to DIR when it stops
Environment: DATABASE_URL (use this PostgreSQL; a fresh database is created and dropped).`);
  process.exit(0);
}

const quick = opt.quick!;
const int = (v: string | undefined, d: number) => (v === undefined ? d : Math.round(Number(v)));
const cfg = {
  quick,
  dossiers: int(opt.dossiers, quick ? 20_000 : 1_000_000),
  apiCitizens: int(opt['api-citizens'], quick ? 1_000 : 5_000),
  connections: int(opt.connections, 32),
  duration: int(opt.duration, quick ? 8 : 30),
  rate: int(opt.rate, 1000),
  workers: int(opt.workers, 32),
  readRate: int(opt['read-rate'], 200),
  inboxRate: int(opt['inbox-rate'], 20),
  readSeconds: int(opt['read-seconds'], quick ? 5 : 12),
  satSeconds: quick ? 4 : 8,
  satConnections: 8,
  rawIterations: quick ? 500 : 2000,
  catpShare: Number(opt['catp-share'] ?? 1 / 127),
  seedDossiers: quick ? 60 : 120,
  quietWait: int(opt['quiet-wait'], quick ? 20 : 90),
  citizens: 0,
};
cfg.citizens = int(opt.citizens, Math.max(5_000, Math.round(cfg.dossiers / 10), cfg.apiCitizens));
for (const [k, v] of Object.entries(cfg)) if (typeof v === 'number' && !(v >= 0)) throw new Error(`bad value for ${k}`);

const CATP = '000.00.11.H26';
const BADINH = '000.04.01.H26';
const argv = process.argv.slice(2);
const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${sig}: cleaning up…`);
    cleanupAll().finally(() => process.exit(130));
  });
}

async function main(): Promise<Report> {
  const started = new Date();
  const m = machine();
  const code = codeVersion(opt['server-dir'] ? path.resolve(opt['server-dir']) : REPO);
  log(`Motcua benchmark (${quick ? 'quick' : 'full'}): ${cfg.dossiers.toLocaleString('en-US')} bulk dossiers; ${m.cpu}, ${m.memGiB} GiB, Node ${m.node}; code: ${code}`);
  if (opt['profile-dir']) fs.mkdirSync(path.resolve(opt['profile-dir']), { recursive: true });
  const tmp = await makeTempDir();
  const db: Database = await startDatabase(tmp, process.env.DATABASE_URL || undefined);
  const server: Server = await startServer(db, tmp, opt['profile-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opt['profile-dir'])}`] : [], opt['server-dir'] ? path.resolve(opt['server-dir']) : REPO);
  const cpu = new CpuMeter(() => server.pid, () => db.postmasterPid);
  // Shared machines: let someone else's burst pass before measuring (bounded, and reported).
  let quietBudget = quick ? 120 : 300;
  const settle = async () => {
    if (cfg.quietWait <= 0 || quietBudget <= 0) return;
    const r = await waitQuiet(cpu, Math.min(cfg.quietWait, quietBudget), 15, (o) => log(`  (waiting for the machine to calm down: other processes use ${o.toFixed(0)} % of a core)`));
    if (r.waited > 2.5) {
      quietBudget -= r.waited;
      waits.push(r.waited);
      log(`  (waited ${r.waited.toFixed(0)} s; other processes now at ${r.other.toFixed(0)} %)`);
    }
  };
  const waits: number[] = [];
  const watch = new PgWatch(db.url, db.statStatements);
  const capturer = db.embedded ? new Capturer(db.adminUrl, db.url) : null;
  await watch.connect();
  const httpc = new Http(server.base, 512);
  const admin = pgClient(db.url, 'motcua-bench-loader');
  await admin.connect();
  try {
    // ---- people -------------------------------------------------------------------------
    let t0 = Date.now();
    await createCitizens(admin, cfg.citizens);
    const citizens: Citizen[] = await createSessions(admin, cfg.apiCitizens);
    log(`created ${cfg.citizens.toLocaleString('en-US')} citizens and ${citizens.length.toLocaleString('en-US')} sessions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await uploadFiles(httpc, citizens);
    const off = async (u: string) => (await login(httpc, u)).token;
    const catpOfficials = { desk_officer: await off('catp.tiepnhan'), processing_officer: await off('catp.canbo'), head_of_division: await off('catp.truongphong'), signing_authority: await off('catp.lanhdao') };
    const badinhOfficials = { desk_officer: await off('badinh.tiepnhan'), processing_officer: await off('badinh.chuyenvien'), head_of_division: await off('badinh.truongphong'), signing_authority: await off('badinh.chutich') };
    const wards = (await httpc.json({ method: 'GET', path: '/api/v1/agencies?sector=people_committee&level=commune' })).body.items as any[];
    const badinh = wards.find((w) => w.code === BADINH);
    if (!badinh) throw new Error(`agency ${BADINH} (UBND phường Ba Đình) not found`);
    const judicial: SubmitTarget = await loadTarget(httpc, 'catp', '3.000333', [CATP]);
    const birth: SubmitTarget = await loadTarget(httpc, 'ward', '1.001193', wards.map((w) => w.code));
    log(`targets: ${judicial.proc.name.slice(0, 60)}… at ${CATP}; ${birth.proc.name} at ${wards.length} wards`);
    const lifeTargets: LifecycleTarget[] = [
      { name: 'catp', submit: judicial, agencyCode: CATP, officials: catpOfficials },
      { name: 'badinh', submit: birth, agencyCode: BADINH, officials: badinhOfficials },
    ];
    const inboxUsers: InboxUser[] = [];
    for (const [username, label] of [['catp.tiepnhan', 'desk officer, Công an thành phố'], ['catp.canbo', 'processing officer, 4 divisions of Công an thành phố']]) {
      const l = await login(httpc, username);
      inboxUsers.push({ username, label, token: l.token, id: l.id });
    }

    // ---- an almost empty database: a few dossiers left at every stage ------------------------
    t0 = Date.now();
    const seedStats = newStats();
    const samples: Record<string, any> = {};
    let seeded = 0;
    await Promise.all(Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; i < cfg.seedDossiers; i += 8) {
        const t = lifeTargets[i % 2];
        const r = await runDossier(httpc, t, citizens[i % citizens.length], seedStats, i % 8);
        if (!r.ok) throw new Error(`seeding dossiers failed: ${r.error}`);
        samples[t.name] ??= r.submitted;
        seeded++;
      }
    }));
    log(`seeded ${seeded} dossiers at every stage through the API in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const readCfg = { rate: cfg.readRate, inboxRate: cfg.inboxRate, seconds: cfg.readSeconds, satSeconds: cfg.satSeconds, satConnections: cfg.satConnections, rawIterations: cfg.rawIterations };
    const empty: ReadSet = await measureReads('empty', httpc, db.url, watch, cpu, inboxUsers, readCfg, capturer, settle);

    // ---- bulk load ----------------------------------------------------------------------------
    log(`bulk load: ${cfg.dossiers.toLocaleString('en-US')} dossiers over ${cfg.citizens.toLocaleString('en-US')} citizens`);
    mark('bulk load');
    const bulk: BulkResult = await bulkLoad(db.url, cfg.dossiers, cfg.citizens);
    log(`bulk load done in ${bulk.seconds.toFixed(0)} s (plan ${bulk.planSeconds.toFixed(0)} s, insert ${bulk.insertSeconds.toFixed(0)} s, indexes ${bulk.indexSeconds.toFixed(0)} s, vacuum ${bulk.vacuumSeconds.toFixed(0)} s): ${bulk.sizes.map((s) => `${s.table} ${s.size}`).join(', ')}`);
    const loaded: ReadSet = await measureReads('loaded', httpc, db.url, watch, cpu, inboxUsers, readCfg, capturer, settle);

    // ---- writes: pgbench baseline, then the same through HTTP ---------------------------------
    const pgTargets: PgbenchTarget[] = [];
    const unitInfo = async (code: string, procCode: string, response: any, form: unknown) => {
      const r = await admin.query(`select a.id as agency_id, coalesce(dk.id, a.id) as desk_id from org_unit a left join org_unit dk on dk.parent_id = a.id and dk.slug = 'desk' where a.code = $1`, [code]);
      const v = await admin.query(`select v.id, v.procedure_id, v.version, v.name from procedure_version v join procedure p on p.id = v.procedure_id where p.code = $1 order by v.effective_from desc, v.version desc limit 1`, [procCode]);
      return {
        agencyCode: code, agencyId: r.rows[0].agency_id, deskId: r.rows[0].desk_id, procedureId: v.rows[0].procedure_id, versionId: v.rows[0].id,
        procedureCode: procCode, procedureName: v.rows[0].name, procedureVersion: v.rows[0].version, fee: Number(response.feeAmount ?? 0), form, response,
      };
    };
    const formOf = (t: SubmitTarget) => JSON.parse(submissionBody(t, citizens[0], 'x')).form;
    pgTargets.push(await unitInfo(CATP, '3.000333', samples.catp, formOf(judicial)));
    for (const w of wards) pgTargets.push(await unitInfo(w.code, '1.001193', samples.badinh, formOf(birth)));
    await preparePgbench(admin, pgTargets, citizens.length);

    const phase = async <T>(name: string, fn: () => Promise<T>): Promise<[T, WritePhase]> => {
      await watch.checkpoint();
      await settle();
      mark(name);
      await watch.resetStatements();
      watch.startSampling();
      const c0 = cpu.snapshot();
      const r = await fn();
      const c = CpuMeter.split(c0, cpu.snapshot());
      const activity = watch.stopSampling();
      mark(`${name} end`);
      const statements = await watch.topStatements(12);
      const reloads = await watch.cacheReloads();
      log(`  CPU: ${fmtCpu(c)}`);
      log(`  backends (avg): ${activity.avg.slice(0, 4).map((x) => `${x.state} ${x.avgBackends.toFixed(1)}`).join('; ')}`);
      return [r, { cpu: c, statements, activity, reloads }];
    };

    // Submission bodies are prepared up front so the load generator spends its time sending.
    const bodies = citizens.map((c) => ({ catp: submissionBody(judicial, c, CATP), ward: submissionBody(birth, c, '__AGENCY__') }));
    const wardCodes = wards.map((w) => w.code);
    const submitReqFor = (catpShare: number) => () => {
      const i = Math.floor(Math.random() * citizens.length);
      const body = Math.random() < catpShare ? bodies[i].catp : bodies[i].ward.replace('__AGENCY__', wardCodes[Math.floor(Math.random() * wardCodes.length)]);
      return { method: 'POST', path: '/api/v1/dossiers', headers: { authorization: `Bearer ${citizens[i].token}`, 'idempotency-key': idemKey() }, body };
    };
    const submitReq = submitReqFor(cfg.catpShare);

    const scenarios: SubmitScenario[] = [];
    for (const [name, share] of [['spread', cfg.catpShare], ['one agency', 1]] as const) {
      const what = share >= 1 ? 'all to Công an thành phố (one counter row)' : `${(share * 100).toFixed(1)} % to Công an thành phố, the rest over the 126 wards`;
      log(`pgbench [${name}: ${what}]: the submission's INSERTs, ${cfg.connections} clients, ${cfg.duration} s`);
      const [pgb, pgbPhase] = await phase(`pgbench ${name}`, () => runPgbench(db.url, tmp, cfg.connections, cfg.duration, pgTargets.length, citizens.length, share, (l) => log(`  ${l}`)));
      log(`  pgbench: ${pgb.tps.toFixed(0)} tps, ${fmtLat(pgb.latency)}, ${pgb.failed} failed`);
      log(`HTTP submissions [${name}], closed loop: ${cfg.connections} connections, ${cfg.duration} s`);
      const [closed, closedPhase] = await phase(`http ${name}`, () => closedLoop(server.base, cfg.connections, cfg.duration, submitReqFor(share)));
      log(`  ${closed.rate.toFixed(0)} submissions/s (${((closed.rate / pgb.tps) * 100).toFixed(0)} % of pgbench), ${fmtLat(closed.latency)}, errors: ${fmtErrors(closed.errors)}`);
      scenarios.push({ name, what, catpShare: share, pgbench: { result: pgb, phase: pgbPhase }, http: { result: closed, phase: closedPhase } });
    }

    log(`HTTP submissions [spread], open loop: ${cfg.rate}/s offered for ${cfg.duration} s`);
    const [open, openPhase] = await phase('open loop', () => openLoop(httpc, cfg.rate, cfg.duration, submitReq));
    if (open.errors.unanswered) httpc.reset();
    log(`  achieved ${open.rate.toFixed(0)}/s, ${fmtLat(open.latency)}, errors: ${fmtErrors(open.errors)}; generator lag p99 ${open.sendLag!.p99.toFixed(1)} ms`);

    log(`lifecycles: ${cfg.workers} workers, ${cfg.duration} s (3.000333 at Công an thành phố and 1.001193 at UBND phường Ba Đình)`);
    const [life, lifePhase] = await phase('lifecycle', () => lifecycleLoad(httpc, lifeTargets, citizens, cfg.workers, cfg.duration, (d) => log(`  … ${d} dossiers done`)));
    log(`  ${(life.dossiers / life.seconds).toFixed(1)} dossiers/s, ${(life.requests / life.seconds).toFixed(0)} requests/s, ${life.failed} failed${life.firstError ? ` (first: ${life.firstError.slice(0, 200)})` : ''}`);

    const serverErrors = tail(server.logFile, 1e9).split('\n').filter((l) => /"level":(50|60)/.test(l)).length;
    // Linux: the kernel keeps the process's high-water mark of resident memory (VmHWM, kB).
    const hwm = (() => { try { return /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]; } catch { return undefined; } })();
    return {
      mode: quick ? 'quick' : 'full', started, finished: new Date(), command, code, machine: m, db: { version: db.version, embedded: db.embedded }, cfg, serverStartup: server.startupSeconds,
      seeded, empty, loaded, bulk, scenarios, open: { result: open, phase: openPhase },
      lifecycle: { result: life, phase: lifePhase }, serverErrors, quietWaits: waits, serverPeakRssMb: hwm ? Math.round(Number(hwm) / 1024) : null,
    };
  } finally {
    if (opt['profile-dir']) fs.writeFileSync(path.join(path.resolve(opt['profile-dir']), `timeline-${Date.now()}.json`), JSON.stringify(timeline, null, 1));
    httpc.close();
    await admin.end().catch(() => {});
    await watch.end();
  }
}

let code = 0;
try {
  const report = await main();
  printSummary(report);
  if (!opt['no-write']) {
    const file = opt.out ? path.resolve(opt.out) : path.join(REPO, 'BENCHMARKS.md');
    writeReport(file, report);
    log(`results written to ${path.relative(process.cwd(), file) || file}`);
  }
} catch (e) {
  console.error(`\nbenchmark failed: ${(e as Error).stack ?? e}`);
  code = 1;
} finally {
  await cleanupAll();
}
process.exit(code);

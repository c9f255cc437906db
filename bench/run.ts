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
import { CpuMeter, fmtCpu, waitQuiet, waitServerIdle } from './lib/cpu.ts';
import { PgWatch } from './lib/pgwatch.ts';
import { Capturer } from './lib/capture.ts';
import { Http, closedLoop, openLoop, fmtErrors } from './lib/http.ts';
import { createCitizens, createSessions, fetchPrefill, loadTarget, login, submissionBody, uploadFiles, type Citizen, type SubmitTarget } from './lib/data.ts';
import { bulkLoad, type BulkResult } from './lib/bulk.ts';
import { copyLoad, prepareCopyLoader, type CitizenRef, type CopyLoadResult } from './lib/copyload.ts';
import { loadCitizensCopy, type CitizensResult } from './lib/citizens-copy.ts';
import { formatInterconnect, interconnectLoad, startInterconnectWorker } from './lib/interconnect.ts';
import { runPeers, type PeerResult } from './peers/peers.ts';
import { idemKey, lifecycleLoad, newStats, runDossier, type LifecycleTarget } from './lib/lifecycle.ts';
import { measureReads, type InboxUser, type ReadSet } from './lib/reads.ts';
import { preparePgbench, runPgbench, type PgbenchTarget } from './lib/pgbench.ts';
import { writeReport, printSummary, type GrowthRow, type GrowthWrites, type Report, type SubmitScenario, type WritePhase } from './lib/report.ts';
import { pgClient, fmtLat, log, mark, timeline } from './lib/util.ts';

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    city: { type: 'boolean', default: false },
    steps: { type: 'string' },
    'growth-duration': { type: 'string' },
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
  --city                Hanoi scale (~1–1½ h on 2 cores, ~60 GB of disk): 1,000,000 citizens (population registry + accounts)
                        and 10,000,000 dossiers loaded with COPY in growth steps, each step measured
  --steps A,B,…         city run: dossier counts at which to measure on the way (default 100000,1000000,3000000; the last
                        step is always --dossiers)
  --growth-duration S   city run: seconds of each write phase at the intermediate steps (default 15)
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
const city = opt.city!;
const int = (v: string | undefined, d: number) => (v === undefined ? d : Math.round(Number(v)));
const cfg = {
  quick,
  dossiers: int(opt.dossiers, city ? 10_000_000 : quick ? 20_000 : 1_000_000),
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
  growthSeconds: int(opt['growth-duration'], 15),
  steps: [] as number[],
};
cfg.citizens = int(opt.citizens, city ? 1_000_000 : Math.max(5_000, Math.round(cfg.dossiers / 10), cfg.apiCitizens));
cfg.steps = city ? [...(opt.steps ?? '100000,1000000,3000000').split(',').map(Number).filter((n) => n > 0 && n < cfg.dossiers), cfg.dossiers] : [cfg.dossiers];
if (cfg.steps.some((n, i) => !Number.isInteger(n) || (i > 0 && n <= cfg.steps[i - 1]))) throw new Error('--steps: increasing whole numbers');
for (const [k, v] of Object.entries(cfg)) if (typeof v === 'number' && !(v >= 0)) throw new Error(`bad value for ${k}`);

const mode = city ? 'city' : quick ? 'quick' : 'full';
/**
 * City run, embedded cluster: a bigger WAL budget, so that loading ~50 GB is not one checkpoint after
 * another (shared_buffers stays at npm start's 512MB).
 */
const CITY_SETTINGS = { max_wal_size: '8GB', checkpoint_timeout: '15min' };
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
  log(`Motcua benchmark (${mode}): ${cfg.dossiers.toLocaleString('en-US')} bulk dossiers; ${m.cpu}, ${m.memGiB} GiB, Node ${m.node}; code: ${code}`);
  if (opt['profile-dir']) fs.mkdirSync(path.resolve(opt['profile-dir']), { recursive: true });
  const tmp = await makeTempDir();
  const db: Database = await startDatabase(tmp, process.env.DATABASE_URL || undefined, city ? CITY_SETTINGS : {});
  const server: Server = await startServer(db, tmp, opt['profile-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opt['profile-dir'])}`] : [], opt['server-dir'] ? path.resolve(opt['server-dir']) : REPO);
  const cpu = new CpuMeter(() => server.pid, () => db.postmasterPid);
  // Shared machines: let someone else's burst pass before measuring (bounded, and reported).
  let quietBudget = quick ? 120 : city ? 900 : 300;
  // A long load leaves the benchmark's sessions unused past the security policy's idle timeout
  // (every request then answers 401): they are touched before each measurement.
  let touchSessions = async () => {};
  const settle = async () => {
    await touchSessions();
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
  touchSessions = async () => {
    await admin.query(`update user_session set last_seen_at = now() where revoked_at is null and expires_at > now()`);
  };
  try {
    // ---- people -------------------------------------------------------------------------
    let t0 = Date.now();
    let population: CitizensResult | undefined;
    if (city) {
      log(`citizens: a synthetic population of Hà Nội until ${cfg.citizens.toLocaleString('en-US')} residents aged 14+ have an account (COPY)`);
      population = await loadCitizensCopy(db.url, admin, cfg.citizens);
    } else await createCitizens(admin, cfg.citizens);
    const citizens: Citizen[] = await createSessions(admin, cfg.apiCitizens);
    log(`created ${cfg.citizens.toLocaleString('en-US')} citizens and ${citizens.length.toLocaleString('en-US')} sessions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await uploadFiles(httpc, citizens);
    if (city) {
      // Registry residents send the registry's values in identity fields, as the apply page fills them in.
      const found = await fetchPrefill(httpc, citizens, ['3.000333', '1.001193']);
      log(`population records fetched for the API citizens: ${found} (citizen × procedure) found`);
    }
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

    // ---- reads on an almost empty database, the load (in growth steps for a city run), reads loaded ----
    const readCfg = { rate: cfg.readRate, inboxRate: cfg.inboxRate, seconds: cfg.readSeconds, satSeconds: cfg.satSeconds, satConnections: cfg.satConnections, rawIterations: cfg.rawIterations };
    const growth: GrowthRow[] = [];
    /** City run: the writes of each growth step, shorter than the final suite. */
    const growthWrites = async (label: string): Promise<GrowthWrites> => {
      const secs = cfg.growthSeconds;
      log(`${label}: pgbench, HTTP submissions and lifecycles, ${secs} s each`);
      const [pgbench] = await phase(`${label} pgbench`, () => runPgbench(db.url, tmp, cfg.connections, secs, pgTargets.length, citizens.length, cfg.catpShare, () => {}));
      const [http] = await phase(`${label} http`, () => closedLoop(server.base, cfg.connections, secs, submitReq));
      const [life] = await phase(`${label} lifecycles`, () => lifecycleLoad(httpc, lifeTargets, citizens, cfg.workers, secs));
      log(`  pgbench ${pgbench.tps.toFixed(0)} tps; HTTP ${http.rate.toFixed(0)}/s, ${fmtLat(http.latency)}; lifecycles ${(life.dossiers / life.seconds).toFixed(1)}/s`);
      return { seconds: secs, pgbench, http, life };
    };
    const sizes = async () => (await admin.query(`select pg_database_size(current_database()) as db,
      pg_total_relation_size('dossier') as dossier, pg_total_relation_size('dossier_action') as action`)).rows[0] as { db: string; dossier: string; action: string };
    const empty: ReadSet = await measureReads('empty', httpc, db.url, watch, cpu, inboxUsers, readCfg, capturer, settle);
    if (city) growth.push({ dossiers: empty.dossiers, reads: empty, writes: await growthWrites('empty'), sizes: await sizes() });

    let bulk: BulkResult | undefined;
    const copyLoads: CopyLoadResult[] = [];
    let loaded: ReadSet;
    if (city) {
      const st = await prepareCopyLoader(admin);
      const refs: CitizenRef[] = (await admin.query(`select id, full_name, id_number, phone, email from bench_citizen`)).rows
        .map((r) => ({ id: r.id, name: r.full_name, idNumber: r.id_number, phone: r.phone, email: r.email }));
      let have = 0;
      for (const target of cfg.steps) {
        log(`copy load: ${(target - have).toLocaleString('en-US')} dossiers (to ${target.toLocaleString('en-US')})`);
        mark(`copy load ${target}`);
        let lastLog = Date.now();
        const r = await copyLoad(db.url, st, target - have, refs, 20_000, (d, a) => {
          if (Date.now() - lastLog < 15_000) return;
          lastLog = Date.now();
          log(`  copy load: ${(have + d).toLocaleString('en-US')} dossiers, ${a.toLocaleString('en-US')} actions in this step`);
        });
        have = target;
        copyLoads.push(r);
        log(`copy load done in ${r.seconds.toFixed(0)} s (generate ${r.generateSeconds.toFixed(0)} s, COPY ${r.copySeconds.toFixed(0)} s, indexes ${r.indexSeconds.toFixed(0)} s, vacuum ${r.vacuumSeconds.toFixed(0)} s)`);
        const last = target === cfg.dossiers;
        const reads = await measureReads(`${target.toLocaleString('en-US')} loaded`, httpc, db.url, watch, cpu, inboxUsers, readCfg, capturer, settle);
        growth.push({ dossiers: reads.dossiers, reads, load: r, writes: last ? undefined : await growthWrites(`${target.toLocaleString('en-US')} loaded`), sizes: await sizes() });
      }
      loaded = growth.at(-1)!.reads;
    } else {
      log(`bulk load: ${cfg.dossiers.toLocaleString('en-US')} dossiers over ${cfg.citizens.toLocaleString('en-US')} citizens`);
      mark('bulk load');
      bulk = await bulkLoad(db.url, cfg.dossiers, cfg.citizens);
      log(`bulk load done in ${bulk.seconds.toFixed(0)} s (plan ${bulk.planSeconds.toFixed(0)} s, insert ${bulk.insertSeconds.toFixed(0)} s, indexes ${bulk.indexSeconds.toFixed(0)} s, vacuum ${bulk.vacuumSeconds.toFixed(0)} s): ${bulk.sizes.map((s) => `${s.table} ${s.size}`).join(', ')}`);
      loaded = await measureReads('loaded', httpc, db.url, watch, cpu, inboxUsers, readCfg, capturer, settle);
    }

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
    // The 2026-11-22 city run measured its 10 M lifecycles while the server was still draining this
    // overload (1.7 dossiers/s instead of ~10): wait for it to finish first.
    const drain = await waitServerIdle(cpu, 300);
    if (drain.waited > 2.5) log(`  (the server drained the overload's queued requests for ${drain.waited.toFixed(0)} s; now at ${drain.server.toFixed(0)} % of a core)`);
    await settle();

    log(`lifecycles: ${cfg.workers} workers, ${cfg.duration} s (3.000333 at Công an thành phố and 1.001193 at UBND phường Ba Đình)`);
    const [life, lifePhase] = await phase('lifecycle', () => lifecycleLoad(httpc, lifeTargets, citizens, cfg.workers, cfg.duration, (d) => log(`  … ${d} dossiers done`)));
    log(`  ${(life.dossiers / life.seconds).toFixed(1)} dossiers/s, ${(life.requests / life.seconds).toFixed(0)} requests/s, ${life.failed} failed${life.firstError ? ` (first: ${life.firstError.slice(0, 200)})` : ''}`);

    if (city) growth.at(-1)!.writes = { seconds: cfg.duration, pgbench: scenarios[0].pgbench.result, http: scenarios[0].http.result, life };

    // ---- city run: interconnected applications, then the peers on the same PostgreSQL --------------
    let interconnect: Report['interconnect'];
    let peers: PeerResult[] | undefined;
    if (city) {
      log(`interconnected applications (LT-KS-TT-BHYT): a second server with JOBS=true does the fan-out`);
      const icWorker = await startInterconnectWorker(db, tmp, opt['server-dir'] ? path.resolve(opt['server-dir']) : undefined);
      const icOpts = { workers: 8, seconds: cfg.duration, officials: 16, driveShare: 0.25, cpuPids: { server: server.pid, 'jobs server': icWorker.pid } };
      try {
        const [ic, icPhase] = await phase('interconnect', () => interconnectLoad(httpc, db.url, citizens, icOpts));
        for (const l of formatInterconnect(ic)) log(`  ${l}`);
        interconnect = { result: ic, opts: icOpts, phase: icPhase };
      } finally {
        await icWorker.stop();
      }
      await settle();
      log(`peers: the five-step process on DBOS and bpmn-engine, ${cfg.workers} workers × ${cfg.duration} s each, own databases on the same PostgreSQL`);
      peers = await runPeers({ adminUrl: db.adminUrl, workers: cfg.workers, seconds: cfg.duration, log: (l) => log(`  ${l}`), postmasterPid: db.postmasterPid, quietWaitSeconds: 60 });
    }

    const errorLines = tail(server.logFile, 1e9).split('\n').filter((l) => /"level":(50|60)/.test(l));
    const serverErrors = errorLines.length;
    const serverErrorSample = errorLines[0]?.slice(0, 400);
    // Linux: the kernel keeps the process's high-water mark of resident memory (VmHWM, kB).
    const hwm = (() => { try { return /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]; } catch { return undefined; } })();
    return {
      mode, started, finished: new Date(), command, code, machine: m, db: { version: db.version, embedded: db.embedded, settings: db.settings }, cfg, serverStartup: server.startupSeconds,
      seeded, empty, loaded, bulk, city: city ? { population: population!, loads: copyLoads, growth } : undefined, scenarios, open: { result: open, phase: openPhase },
      lifecycle: { result: life, phase: lifePhase }, interconnect, peers, serverErrors, serverErrorSample, quietWaits: waits, serverPeakRssMb: hwm ? Math.round(Number(hwm) / 1024) : null,
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

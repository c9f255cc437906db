/**
 * Interconnected dossiers under load (issue 6): group LT-KS-TT-BHYT — birth registration at the
 * ward → permanent residence at the ward police → health-insurance card at Social Security (the
 * bundled simulator, over HTTP). Citizens submit applications; the fan-out (a pg-boss job, so a
 * server with JOBS=true must run: `startInterconnectWorker`) files the child dossiers; officials
 * of both agencies work them as in bench/lib/lifecycle.ts; the simulator decides the card.
 *
 * Timings come from the clients (submission, acknowledgement) and from the application's own
 * event log (`interconnect_event.at`, read-only), so they do not depend on how often we poll.
 * The tables are polled read-only only to learn which child dossiers the officials can pick up.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Citizen } from './data.ts';
import { login } from './data.ts';
import type { Http } from './http.ts';
import { idemKey, type Officials } from './lifecycle.ts';
import { startServer, type Database, type Server } from './env.ts';
import { pgClient, sleep, summarize, Samples, fmtLat, log, mdTable, ms, type LatencySummary } from './util.ts';

export const GROUP = 'LT-KS-TT-BHYT';
const WARD = '000.04.01.H26'; // UBND phường Ba Đình (the only ward whose police have demo officials)
const WARD_OFFICIALS = { desk_officer: 'badinh.tiepnhan', processing_officer: 'badinh.chuyenvien', head_of_division: 'badinh.truongphong', signing_authority: 'badinh.chutich' };
const POLICE_OFFICIALS = { desk_officer: 'ca.badinh.tiepnhan', processing_officer: 'ca.badinh.canbo', head_of_division: 'ca.badinh.canbo', signing_authority: 'ca.badinh.truongca' };

/**
 * A second Motcua process on the same database and DATA_DIR (uploaded files, connector secret)
 * with JOBS=true: the fan-out, connector delivery and the simulator's callbacks run there while
 * the bench's server (JOBS=false) serves the load. Start it just before `interconnectLoad` and
 * stop it after, so its other jobs (notifications, overdue marking) stay out of other phases.
 * SOCIAL_INSURANCE_SIM_DELAY_MS (default 2000 here too) is the simulated agency's decision time.
 */
export async function startInterconnectWorker(db: Database, dataDir: string, serverDir?: string, simDelayMs = 2000): Promise<Server & { stop: () => Promise<void> }> {
  const s = await startServer(db, dataDir, [], serverDir, { JOBS: 'true', SOCIAL_INSURANCE_SIM_DELAY_MS: String(simDelayMs) }, 'jobs-server');
  const stop = async () => {
    if (s.child.exitCode !== null || s.child.signalCode) return;
    const done = new Promise<void>((r) => s.child.once('exit', () => r()));
    // env.ts reports any exit it did not ask for as a crash; this one is asked for.
    const err = console.error;
    console.error = (...a: unknown[]) => { if (!String(a[0]).includes('the server exited unexpectedly')) err(...a); };
    s.child.kill('SIGTERM');
    const t = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(t);
    console.error = err;
  };
  return { ...s, stop };
}

interface Person { idNumber: string; fullName: string; dateOfBirth: string; sex: 'Nam' | 'Nữ' }
interface Family { citizen: Citizen; self: Person; spouse: Person }

/**
 * The population registry must know at least one parent: approving the birth registration asks it
 * for the child's ID number (and refuses when neither parent is known). Synthetic citizens are not
 * in it, so each gets a household: themselves as head and a spouse (ID numbers of province 036,
 * which the Hà Nội synthetic population never uses). Names and birth dates equal the accounts', so
 * the applicant's identity fields are verified against the registry as for a real citizen.
 */
async function createFamilies(db: pg.Client, citizens: Citizen[], communeCode: string): Promise<Family[]> {
  const rows = (await db.query(`select id, id_number, full_name, to_char(date_of_birth, 'YYYY-MM-DD') as dob, sex from app_user where id = any($1::uuid[]) and date_of_birth is not null`, [citizens.map((c) => c.id)])).rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const fams: Family[] = [];
  for (const c of citizens) {
    const r = byId.get(c.id);
    if (!r || !c.fileId) continue;
    const male = r.sex === 'Nam';
    const year = 1975 + (c.n % 25);
    // Spouse: 036, century/sex digit, year, a serial from 300000 up (the demo data sits below).
    const spouseId = `036${male ? 1 : 0}${String(year % 100).padStart(2, '0')}${String(300000 + c.n).padStart(6, '0')}`;
    const spouseName = male ? `Phạm Thị ${['Hằng', 'Lan', 'Mai', 'Hoa', 'Thảo'][c.n % 5]}` : `Trần Văn ${['Hùng', 'Nam', 'Long', 'Sơn', 'Tuấn'][c.n % 5]}`;
    fams.push({
      citizen: c,
      self: { idNumber: r.id_number, fullName: r.full_name, dateOfBirth: r.dob, sex: male ? 'Nam' : 'Nữ' },
      spouse: { idNumber: spouseId, fullName: spouseName, dateOfBirth: `${year}-0${1 + (c.n % 9)}-1${c.n % 10}`, sex: male ? 'Nữ' : 'Nam' },
    });
  }
  const hh = fams.map((f) => `0019${String(f.citizen.n).padStart(9, '0')}`);
  const addr = (f: Family) => `Số ${1 + (f.citizen.n % 200)} phố Đội Cấn, phường Ba Đình, thành phố Hà Nội`;
  await db.query(`insert into population_household (id, head_id_number, commune_code, address, source)
    select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) on conflict do nothing`,
  [hh, fams.map((f) => f.self.idNumber), fams.map(() => communeCode), fams.map(addr), fams.map(() => 'synthetic')]);
  const people = fams.flatMap((f, i) => [
    { p: f.self, role: 'head', spouse: f.spouse.idNumber, hh: hh[i], birth: '001', addr: addr(f) },
    { p: f.spouse, role: f.spouse.sex === 'Nữ' ? 'wife' : 'husband', spouse: f.self.idNumber, hh: hh[i], birth: '036', addr: addr(f) },
  ]);
  const col = <T>(fn: (x: (typeof people)[number]) => T) => people.map(fn);
  await db.query(`insert into population_person (id_number, full_name, date_of_birth, sex, ethnicity, religion, nationality, place_of_origin,
      birth_registration_code, birth_registration_place, permanent_commune_code, permanent_address, current_commune_code, current_address,
      household_id, household_role, marital_status, spouse_id_number)
    select id, name, dob::date, sex, 'Kinh', 'Không', 'Việt Nam', 'Hà Nội', birth, case when birth = '001' then 'Thành phố Hà Nội' else 'Tỉnh Nam Định' end,
      $8, addr, $8, addr, hh, role, 'married', spouse
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $9::text[], $10::text[]) as x(id, name, dob, sex, birth, addr, hh, role, spouse)
    on conflict do nothing`,
  [col((x) => x.p.idNumber), col((x) => x.p.fullName), col((x) => x.p.dateOfBirth), col((x) => x.p.sex), col((x) => x.birth), col((x) => x.addr), col((x) => x.hh), communeCode,
    col((x) => x.role), col((x) => x.spouse)]);
  // Only citizens the registry now knows as themselves (a synthetic person could hold the same number).
  const known = new Set((await db.query(`select p.id_number from population_person p join unnest($1::text[], $2::text[]) as x(id, name) on p.id_number = x.id and p.full_name = x.name`,
    [fams.map((f) => f.self.idNumber), fams.map((f) => f.self.fullName)])).rows.map((r) => r.id_number));
  return fams.filter((f) => known.has(f.self.idNumber));
}

const CHILD_NAMES = ['Minh Anh', 'Gia Bảo', 'Bảo Ngọc', 'Khánh An', 'Đức Minh', 'Thu Hà', 'Quang Huy', 'Ngọc Diệp', 'Hoàng Nam', 'An Nhiên'];
const vnDaysAgo = (n: number) => new Date(Date.now() - n * 86400_000 + 7 * 3600_000).toISOString().slice(0, 10);

function applicationBody(f: Family, communeCode: string, marker: string, seq: number): string {
  const c = f.citizen;
  const father = f.self.sex === 'Nam' ? f.self : f.spouse;
  const mother = f.self.sex === 'Nam' ? f.spouse : f.self;
  const sex = seq % 2 ? 'Nữ' : 'Nam';
  const address = `Số ${1 + (c.n % 200)} phố Đội Cấn, phường Ba Đình, thành phố Hà Nội`;
  return JSON.stringify({
    groupCode: GROUP, communeCode,
    form: {
      applicant: { fullName: f.self.fullName, idNumber: f.self.idNumber, dateOfBirth: f.self.dateOfBirth, phone: c.phone, email: c.email, address },
      relationship: f.self.sex === 'Nam' ? 'Cha' : 'Mẹ',
      child: {
        fullName: `${father.fullName.split(' ')[0]} ${CHILD_NAMES[seq % CHILD_NAMES.length]}`, sex, dateOfBirth: vnDaysAgo(3 + (seq % 20)),
        placeOfBirthType: 'Tại cơ sở khám bệnh, chữa bệnh', placeOfBirth: 'Bệnh viện Phụ sản Hà Nội', hometown: 'Hà Nội', ethnicity: 'Kinh', nationality: 'Việt Nam',
        // Unique per application: finds every child dossier filed for it, linked or not (duplicate check).
        birthNoticeNumber: `${marker}-${seq}`,
      },
      mother: { fullName: mother.fullName, idNumber: mother.idNumber, dateOfBirth: mother.dateOfBirth },
      father: { fullName: father.fullName, idNumber: father.idNumber, dateOfBirth: father.dateOfBirth },
      residence: { province: 'Thành phố Hà Nội', ward: 'Phường Ba Đình', detail: `Số ${1 + (c.n % 200)} phố Đội Cấn` },
      householdHead: { fullName: f.self.fullName, idNumber: f.self.idNumber }, relationshipToHead: 'Con',
      healthcareFacility: 'Trạm y tế phường Ba Đình', resultDelivery: 'Nhận bản điện tử trên Cổng Dịch vụ công / VNeID',
    },
    documents: ['giay-chung-sinh', 'giay-to-tuy-than', 'giay-to-cho-o-hop-phap'].map((code) => ({ code, fileIds: [c.fileId!] })),
  });
}

export interface InterconnectOptions {
  seconds: number;
  /** concurrent citizens submitting (closed loop; each sends its next application when answered) */
  workers: number;
  /** offered applications per second over all workers (default: as fast as answered) */
  rate?: number;
  /** concurrent official actors working the child dossiers (default: workers) */
  officials?: number;
  /** share of acknowledged applications the officials take to the end (default 1) */
  driveShare?: number;
  /** at most this many driven applications (default: no limit) */
  maxDriven?: number;
  /** after the submission window, wait at most this long for the fan-out and the driven applications (default 180 s) */
  drainSeconds?: number;
  /** citizens to give a registry household and use (default: all given, with an upload) */
  families?: number;
  /** processes whose CPU time over the load is reported, e.g. { server: server.pid, jobs: worker.pid } (Linux /proc) */
  cpuPids?: Record<string, number>;
  progress?: (msg: string) => void;
}

/** utime + stime of a process in seconds (Linux; clock ticks are 100 per second on every mainstream kernel). */
function cpuSeconds(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / 100;
  } catch {
    return NaN;
  }
}

export interface InterconnectResult {
  seconds: { submit: number; total: number };
  /** CPU seconds used by each of `cpuPids` during the load (submission window and drain) */
  cpu: Record<string, number>;
  families: number;
  submitted: { ok: number; errors: Record<string, number>; rate: number; latency: LatencySummary; firstError?: string };
  idempotentReplays: { sent: number; sameId: number };
  fanOut: {
    /** acknowledgement → birth child dossier filed at the ward (every acknowledged application) */
    firstPart: LatencySummary;
    /** part ready → child dossier filed (internal) or request queued (external), every part that became ready */
    byPart: Record<string, LatencySummary>;
    firstFiled: number;
    firstNotFiled: number;
    partsFiled: number;
    failedParts: number;
    /** parts filed per second over the filing span (from the first filing to the last; includes waits for officials) */
    partsPerSecond: number;
    /** the most parts filed in any 5-s window, per second (a lower bound of the fan-out's capacity) */
    peakPartsPerSecond: number;
  };
  external: { sent: number; decided: number; turnaround: LatencySummary };
  driven: {
    applications: number; completed: number; otherEnd: Record<string, number>; completedPerSecond: number;
    /** acknowledgement → application completed */
    endToEnd: LatencySummary;
    /** of that, the automated path only: the three fan-out waits plus Social Security's turnaround (the rest is the officials' queue and work) */
    automated: LatencySummary;
    actions: number; actionLatency: LatencySummary; actionErrors: Record<string, number>; firstActionError?: string;
  };
  checks: { acknowledgedFound: number; duplicateChildDossiers: number; unlinkedChildDossiers: number; duplicateFilingEvents: number; duplicateExternalRequests: number; readyPartsNotFiledOnce: number; apiViewsChecked: number; apiViewsMismatch: number; ok: boolean; problems: string[] };
}

interface App { id: string; seq: number; family: Family; ackAt: number; driven: boolean; done?: boolean }
interface Job { appId: string; dossierId: string; officials: Officials }

const bump = (m: Record<string, number>, k: string) => { m[k] = (m[k] ?? 0) + 1; };

/**
 * Runs the interconnected-application load on a running Motcua (`httpc`, its database `dbUrl`)
 * whose background jobs run in a second process (`startInterconnectWorker`). `citizens` are the
 * bench's API citizens (sessions and one upload each). Writes population rows for them (once).
 */
export async function interconnectLoad(httpc: Http, dbUrl: string, citizens: Citizen[], o: InterconnectOptions): Promise<InterconnectResult> {
  const say = o.progress ?? ((m: string) => log(m));
  const db = pgClient(dbUrl, 'motcua-bench-interconnect');
  await db.connect();
  try {
    const ward = (await db.query(`select admin_unit_code from org_unit where code = $1`, [WARD])).rows[0];
    if (!ward?.admin_unit_code) throw new Error(`agency ${WARD} has no commune`);
    const communeCode: string = ward.admin_unit_code;
    const fams = await createFamilies(db, citizens.slice(0, o.families ?? citizens.length), communeCode);
    if (fams.length === 0) throw new Error('no citizen could be given a household (with a birth date and an upload)');
    const tokens = async (m: Record<string, string>) => Object.fromEntries(await Promise.all(Object.entries(m).map(async ([role, u]) => [role, (await login(httpc, u)).token]))) as unknown as Officials;
    const wardOff = await tokens(WARD_OFFICIALS);
    const policeOff = await tokens(POLICE_OFFICIALS);
    const marker = `CS-ICB${Date.now().toString(36).toUpperCase()}`;
    say(`interconnect: ${fams.length} citizens with a household in the registry; ${o.workers} citizens submitting for ${o.seconds} s, ${o.officials ?? o.workers} officials`);

    const apps: App[] = [];
    const byId = new Map<string, App>();
    const subLat = new Samples();
    const subErrors: Record<string, number> = {};
    let firstError: string | undefined;
    const replays = { sent: 0, sameId: 0 };
    const driveShare = o.driveShare ?? 1;
    const maxDriven = o.maxDriven ?? Infinity;
    let drivenCount = 0;
    let seq = 0;

    // ---- officials: work every child dossier of a driven application as it appears ----------
    const queue: Job[] = [];
    const seen = new Set<string>();
    const actErrors: Record<string, number> = {};
    let firstActionError: string | undefined;
    let actions = 0;
    const actLat = new Samples();
    let stopOfficials = false;
    const post = async (path: string, token: string, body: unknown) => {
      const r = await httpc.request({ method: 'POST', path, headers: { authorization: `Bearer ${token}`, 'idempotency-key': idemKey() }, body: JSON.stringify(body) });
      actions++;
      if (r.status >= 200 && r.status < 300) actLat.push(r.ms);
      return r;
    };
    const work = async (j: Job) => {
      // The desk officer opens the dossier from the inbox, then each role acts in turn.
      const g = await httpc.request({ method: 'GET', path: `/api/v1/dossiers/${j.dossierId}`, headers: { authorization: `Bearer ${j.officials.desk_officer}` } });
      if (g.status !== 200) throw new Error(`open dossier → ${g.status}: ${g.body.slice(0, 200)}`);
      let d = JSON.parse(g.body);
      const act = async (action: string, role: keyof Officials) => {
        const r = await post(`/api/v1/dossiers/${j.dossierId}/${action}`, j.officials[role], { version: d.version });
        if (r.status < 200 || r.status >= 300) {
          const k = `${action} → ${r.status}`;
          bump(actErrors, k);
          throw new Error(`${k}: ${r.body.slice(0, 300)}`);
        }
        d = JSON.parse(r.body);
      };
      await act('receive', 'desk_officer');
      for (let guard = 0; guard < 40 && d.status !== 10; guard++) {
        const role = d.currentStep?.role as keyof Officials;
        if (d.status === 9) await act('return', 'desk_officer');
        else if (role === 'signing_authority') await act('sign', role);
        else await act('forward', role);
      }
    };
    const officialWorker = async () => {
      while (!stopOfficials || queue.length) {
        const j = queue.shift();
        if (!j) { await sleep(50); continue; }
        try {
          await work(j);
        } catch (e) {
          firstActionError ??= (e as Error).message;
        }
      }
    };
    const officialsDone = Promise.all(Array.from({ length: o.officials ?? o.workers }, officialWorker));

    // Read-only discovery of child dossiers filed for driven applications.
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const ids = apps.filter((a) => a.driven && !a.done).map((a) => a.id);
        if (ids.length) {
          const r = await db.query(`select a.id, a.status, p.key, p.dossier_id from interconnect_application a join interconnect_part p on p.application_id = a.id
            where a.id = any($1::uuid[])`, [ids]);
          for (const x of r.rows) {
            if (x.status !== 'in_progress') byId.get(x.id)!.done = true;
            if (x.dossier_id && !seen.has(x.dossier_id)) {
              seen.add(x.dossier_id);
              queue.push({ appId: x.id, dossierId: x.dossier_id, officials: x.key === 'birth' ? wardOff : policeOff });
            }
          }
        }
        await sleep(200);
      }
    })();

    // ---- citizens submit ------------------------------------------------------------------------
    const cpu0 = Object.fromEntries(Object.entries(o.cpuPids ?? {}).map(([k, pid]) => [k, cpuSeconds(pid)]));
    const t0 = performance.now();
    const wall0 = Date.now();
    const deadline = t0 + o.seconds * 1000;
    let slot = 0;
    const submitter = async (w: number) => {
      for (let k = w; performance.now() < deadline; k += o.workers) {
        if (o.rate) {
          const at = t0 + (slot++ / o.rate) * 1000;
          if (at >= deadline) break;
          if (at > performance.now()) await sleep(at - performance.now());
        }
        const s = seq++;
        const f = fams[s % fams.length];
        const body = applicationBody(f, communeCode, marker, s);
        const key = idemKey();
        const req = { method: 'POST', path: '/api/v1/interconnect/applications', headers: { authorization: `Bearer ${f.citizen.token}`, 'idempotency-key': key }, body };
        const r = await httpc.request(req);
        if (r.status !== 201) {
          bump(subErrors, String(r.status || 'network'));
          firstError ??= `${r.status}: ${r.body.slice(0, 400)}`;
          continue;
        }
        subLat.push(r.ms);
        const id = JSON.parse(r.body).id as string;
        const driven = drivenCount < maxDriven && Math.floor((apps.length + 1) * driveShare) > Math.floor(apps.length * driveShare);
        if (driven) drivenCount++;
        const a: App = { id, seq: s, family: f, ackAt: Date.now(), driven };
        apps.push(a);
        byId.set(id, a);
        // Every 25th: the same request again (a client retry) must give back the same application.
        if (s % 25 === 0) {
          replays.sent++;
          const again = await httpc.request(req);
          if (again.status >= 200 && again.status < 300 && JSON.parse(again.body).id === id) replays.sameId++;
        }
      }
    };
    const progress = setInterval(() => say(`  … ${apps.length} applications acknowledged, ${seen.size} child dossiers picked up, ${actions} official actions`), 5000);
    await Promise.all(Array.from({ length: o.workers }, (_, w) => submitter(w)));
    const submitSecs = (performance.now() - t0) / 1000;
    say(`  submissions: ${apps.length} in ${submitSecs.toFixed(1)} s (${(apps.length / submitSecs).toFixed(1)}/s), ${fmtLat(summarize(subLat.values()))}`);

    // ---- drain: the fan-out files every first part, the driven applications finish ---------------
    const drainEnd = performance.now() + (o.drainSeconds ?? 180) * 1000;
    const ids = apps.map((a) => a.id);
    for (;;) {
      const r = (await db.query(`select count(*) filter (where p.key = 'birth' and p.state in ('ready', 'waiting'))::int as unfiled,
          count(*) filter (where p.key = 'birth' and a.status = 'in_progress' and a.id = any($2::uuid[]))::int as driven_open
        from interconnect_application a join interconnect_part p on p.application_id = a.id where a.id = any($1::uuid[])`,
      [ids, apps.filter((a) => a.driven).map((a) => a.id)])).rows[0];
      if ((r.unfiled === 0 && r.driven_open === 0) || performance.now() > drainEnd) break;
      await sleep(500);
    }
    const totalSecs = (performance.now() - t0) / 1000;
    const cpu = Object.fromEntries(Object.entries(o.cpuPids ?? {}).map(([k, pid]) => [k, cpuSeconds(pid) - cpu0[k]]));
    watching = false;
    stopOfficials = true;
    await watcher;
    // Officials finish what they hold (a dossier mid-way would otherwise be counted as stuck).
    queue.length = 0;
    await officialsDone;
    clearInterval(progress);

    // ---- timings from the event log --------------------------------------------------------------
    const ev = (await db.query(`select application_id as id, kind, part_key as key, extract(epoch from at) * 1000 as at from interconnect_event where application_id = any($1::uuid[]) order by id`, [ids])).rows;
    const parts = (await db.query(`select p.id, p.application_id as app, p.key, p.state, p.dossier_id from interconnect_part p where p.application_id = any($1::uuid[])`, [ids])).rows;
    const appRows = (await db.query(`select id, status, extract(epoch from finished_at) * 1000 as finished from interconnect_application where id = any($1::uuid[])`, [ids])).rows;
    const evOf = new Map<string, { kind: string; key: string | null; at: number }[]>();
    for (const e of ev) (evOf.get(e.id) ?? evOf.set(e.id, []).get(e.id)!).push({ kind: e.kind, key: e.key, at: Number(e.at) });
    const first = new Samples();
    const byPart: Record<string, Samples> = {};
    const turnaround = new Samples();
    let filedEvents = 0;
    let dupEvents = 0;
    let externalSent = 0;
    let externalDecided = 0;
    let readyNotOnce = 0;
    const filedTimes: number[] = [];
    for (const a of apps) {
      const es = evOf.get(a.id) ?? [];
      const filedAt = (key: string) => es.filter((e) => e.key === key && (e.kind === 'part_filed' || e.kind === 'part_sent'));
      for (const key of ['birth', 'residence', 'insurance']) {
        const filed = filedAt(key);
        const readyAt = key === 'birth' ? a.ackAt : es.find((e) => e.key === key && e.kind === 'part_ready')?.at;
        if (filed.length > 1) dupEvents++;
        if (readyAt !== undefined && filed.length !== 1 && key !== 'birth') readyNotOnce++;
        if (filed.length) {
          filedEvents++;
          filedTimes.push(filed[0].at);
          if (readyAt !== undefined) (byPart[key] ??= new Samples()).push(Math.max(0, filed[0].at - readyAt));
        }
      }
      const b = filedAt('birth')[0];
      if (b) first.push(Math.max(0, b.at - a.ackAt));
      const sent = es.find((e) => e.key === 'insurance' && e.kind === 'part_sent');
      const decided = es.find((e) => e.key === 'insurance' && (e.kind === 'part_approved' || e.kind === 'part_refused'));
      if (sent) externalSent++;
      if (sent && decided) { externalDecided++; turnaround.push(decided.at - sent.at); }
    }
    const birthParts = parts.filter((p) => p.key === 'birth');
    const firstFiled = birthParts.filter((p) => !['ready', 'waiting'].includes(p.state)).length;
    const firstNotFiledOnce = birthParts.filter((p) => (evOf.get(p.app) ?? []).filter((e) => e.key === 'birth' && e.kind === 'part_filed').length !== 1).length;
    const failedParts = parts.filter((p) => p.state === 'failed').length;
    const statusOf = new Map(appRows.map((r) => [r.id, r]));
    const e2e = new Samples();
    const auto = new Samples();
    const otherEnd: Record<string, number> = {};
    let completed = 0;
    let lastFinish = 0;
    for (const a of apps.filter((x) => x.driven)) {
      const r = statusOf.get(a.id);
      if (r?.status === 'completed') {
        completed++;
        e2e.push(Number(r.finished) - a.ackAt);
        const es = evOf.get(a.id) ?? [];
        const at = (key: string, ...kinds: string[]) => es.find((e) => e.key === key && kinds.includes(e.kind))?.at ?? NaN;
        auto.push((at('birth', 'part_filed') - a.ackAt) + (at('residence', 'part_filed') - at('residence', 'part_ready'))
          + (at('insurance', 'part_sent') - at('insurance', 'part_ready')) + (at('insurance', 'part_approved') - at('insurance', 'part_sent')));
        lastFinish = Math.max(lastFinish, Number(r.finished));
      } else bump(otherEnd, r?.status ?? 'missing');
    }

    // ---- checks: each ready part filed exactly once, no child dossier outside its part ------------
    const problems: string[] = [];
    const applicants = [...new Set(fams.map((f) => f.citizen.id))];
    // By applicant first (indexed): a million bulk dossiers must not be scanned for the markers.
    const dupBirth = (await db.query(`select form->'child'->>'birthNoticeNumber' as m, count(*)::int as n from dossier
      where applicant_user_id = any($2::uuid[]) and procedure_code = '1.001193' and form->'child'->>'birthNoticeNumber' like $1 group by 1 having count(*) > 1`, [`${marker}-%`, applicants])).rows;
    const unlinked = (await db.query(`select count(*)::int as n from dossier d where d.applicant_user_id = any($1::uuid[]) and d.submitted_at >= $2
      and ((d.procedure_code = '1.001193' and d.form->'child'->>'birthNoticeNumber' like $3) or (d.procedure_code = '1.004222' and d.form->>'requestContent' like '%liên thông%'))
      and not exists (select 1 from interconnect_part p where p.dossier_id = d.id)`, [applicants, new Date(wall0 - 1000), `${marker}-%`])).rows[0].n;
    const dupResidence = (await db.query(`select d.form->'registrant'->>'idNumber' as child, count(*)::int as n from dossier d
      where d.procedure_code = '1.004222' and d.applicant_user_id = any($1::uuid[]) and d.submitted_at >= $2 group by 1 having count(*) > 1`,
    [applicants, new Date(wall0 - 1000)])).rows;
    const dupExternal = (await db.query(`select subject_id, count(*)::int as n from connector_message where subject_kind = 'interconnect_part' and subject_id = any($1::text[]) group by 1 having count(*) > 1`,
      [parts.filter((p) => p.key === 'insurance').map((p) => p.id)])).rows;
    const dupChild = dupBirth.length + dupResidence.length;
    if (statusOf.size !== apps.length) problems.push(`${apps.length - statusOf.size} acknowledged applications not in the database`);
    if (dupChild) problems.push(`${dupChild} parts with more than one child dossier`);
    if (unlinked) problems.push(`${unlinked} child dossiers not linked to their part`);
    if (dupEvents) problems.push(`${dupEvents} parts filed more than once (events)`);
    if (dupExternal.length) problems.push(`${dupExternal.length} external parts sent more than once`);
    if (firstNotFiledOnce) problems.push(`${firstNotFiledOnce} first parts not filed exactly once (${birthParts.length - firstFiled} still waiting for the fan-out)`);
    if (readyNotOnce) problems.push(`${readyNotOnce} later parts ready but not filed exactly once`);
    if (failedParts) problems.push(`${failedParts} parts failed`);
    // The citizen's own view agrees with the tables (a sample).
    let views = 0;
    let viewsBad = 0;
    for (const a of apps.filter((x) => x.driven).slice(0, 20)) {
      const r = await httpc.json({ method: 'GET', path: `/api/v1/interconnect/applications/${a.id}`, headers: { authorization: `Bearer ${a.family.citizen.token}` } });
      views++;
      if (r.status !== 200 || r.body.status !== statusOf.get(a.id)?.status) viewsBad++;
    }
    if (viewsBad) problems.push(`${viewsBad} of ${views} citizen views disagree with the tables`);

    const span = filedTimes.length ? (Math.max(...filedTimes) - Math.min(...filedTimes)) / 1000 : 0;
    filedTimes.sort((x, y) => x - y);
    let peak = 0;
    for (let i = 0, j = 0; i < filedTimes.length; i++) {
      while (filedTimes[i] - filedTimes[j] > 5000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    const res: InterconnectResult = {
      seconds: { submit: submitSecs, total: totalSecs }, cpu,
      families: fams.length,
      submitted: { ok: apps.length, errors: subErrors, rate: apps.length / submitSecs, latency: summarize(subLat.values()), firstError },
      idempotentReplays: replays,
      fanOut: {
        firstPart: summarize(first.values()),
        byPart: Object.fromEntries(Object.entries(byPart).map(([k, s]) => [k, summarize(s.values())])),
        firstFiled, firstNotFiled: birthParts.length - firstFiled, partsFiled: filedEvents, failedParts,
        partsPerSecond: span > 0 ? filedEvents / span : NaN, peakPartsPerSecond: peak / 5,
      },
      external: { sent: externalSent, decided: externalDecided, turnaround: summarize(turnaround.values()) },
      driven: {
        applications: drivenCount, completed, otherEnd, completedPerSecond: completed / ((lastFinish ? lastFinish - wall0 : totalSecs * 1000) / 1000),
        endToEnd: summarize(e2e.values()), automated: summarize(auto.values()), actions, actionLatency: summarize(actLat.values()), actionErrors: actErrors, firstActionError,
      },
      checks: {
        acknowledgedFound: statusOf.size, duplicateChildDossiers: dupChild, unlinkedChildDossiers: unlinked, duplicateFilingEvents: dupEvents,
        duplicateExternalRequests: dupExternal.length, readyPartsNotFiledOnce: readyNotOnce + firstNotFiledOnce, apiViewsChecked: views, apiViewsMismatch: viewsBad,
        ok: problems.length === 0, problems,
      },
    };
    return res;
  } finally {
    await db.end().catch(() => {});
  }
}

/** A few lines for the console (run.ts can print these as they are). */
export function formatInterconnect(r: InterconnectResult): string[] {
  const l = (x: LatencySummary) => fmtLat(x);
  const errs = (e: Record<string, number>) => Object.entries(e).map(([k, v]) => `${v}× ${k}`).join(', ') || 'none';
  return [
    `interconnected applications (${GROUP}): ${r.submitted.ok} acknowledged in ${r.seconds.submit.toFixed(1)} s = ${r.submitted.rate.toFixed(1)}/s, submission ${l(r.submitted.latency)}, errors: ${errs(r.submitted.errors)}`,
    `  run: ${r.seconds.total.toFixed(0)} s in all (submissions, then the drain); CPU: ${Object.entries(r.cpu).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ') || 'not measured'}`,
    `  idempotent replays: ${r.idempotentReplays.sameId}/${r.idempotentReplays.sent} returned the same application`,
    `  fan-out, acknowledgement → birth dossier filed at the ward: ${l(r.fanOut.firstPart)} (${r.fanOut.firstFiled} filed, ${r.fanOut.firstNotFiled} not yet)`,
    ...Object.entries(r.fanOut.byPart).map(([k, v]) => `    ${k}: ready → filed ${l(v)} (n=${v.n})`),
    `  parts filed: ${r.fanOut.partsFiled} (${r.fanOut.partsPerSecond.toFixed(1)}/s over the filing span, peak ${r.fanOut.peakPartsPerSecond.toFixed(1)}/s in 5 s), failed: ${r.fanOut.failedParts}`,
    `  Social Security (simulator): ${r.external.sent} sent, ${r.external.decided} decided, sent → decided ${l(r.external.turnaround)}`,
    `  driven to the end: ${r.driven.completed}/${r.driven.applications} completed (${r.driven.completedPerSecond.toFixed(2)}/s), end-to-end ${l(r.driven.endToEnd)}; others: ${errs(r.driven.otherEnd)}`,
    `    of which the automated path (fan-out waits + Social Security): ${l(r.driven.automated)}`,
    `  official actions: ${r.driven.actions}, ${l(r.driven.actionLatency)}, errors: ${errs(r.driven.actionErrors)}${r.driven.firstActionError ? ` (first: ${r.driven.firstActionError.slice(0, 160)})` : ''}`,
    `  checks: ${r.checks.ok ? 'OK' : 'FAILED'} — ${r.checks.acknowledgedFound} found, ${r.checks.duplicateChildDossiers} duplicate / ${r.checks.unlinkedChildDossiers} unlinked child dossiers, ${r.checks.duplicateExternalRequests} duplicate external requests, ${r.checks.apiViewsChecked - r.checks.apiViewsMismatch}/${r.checks.apiViewsChecked} citizen views agree${r.checks.problems.length ? `; ${r.checks.problems.join('; ')}` : ''}`,
  ];
}

/** A Markdown section for BENCHMARKS.md (report.ts can append it as it is). */
export function interconnectMarkdown(r: InterconnectResult, o: Pick<InterconnectOptions, 'workers' | 'seconds' | 'officials' | 'driveShare'>): string {
  const row = (what: string, x: LatencySummary, note = '') => [what, x.n, ms(x.p50), ms(x.p90), ms(x.p99), note];
  return [
    `### Interconnected applications (${GROUP}: birth → residence → health-insurance card)`,
    '',
    `${o.workers} citizens submitting for ${o.seconds} s, ${o.officials ?? o.workers} officials working the child dossiers at UBND and Công an phường Ba Đình, `
      + `${Math.round((o.driveShare ?? 1) * 100)} % of the applications taken to the end; fan-out and Social Security connector in a second server process (JOBS=true), `
      + `the bundled Social Security simulator deciding after 2 s. ${r.submitted.ok} applications acknowledged (${r.submitted.rate.toFixed(1)}/s), `
      + `${r.driven.completed} of ${r.driven.applications} driven ones completed (${r.driven.completedPerSecond.toFixed(2)}/s); ${r.fanOut.partsFiled} parts filed, `
      + `peak ${r.fanOut.peakPartsPerSecond.toFixed(1)} parts/s in 5 s; checks ${r.checks.ok ? 'passed' : `FAILED (${r.checks.problems.join('; ')})`}: `
      + `no part filed twice, no child dossier outside its part, ${r.idempotentReplays.sameId}/${r.idempotentReplays.sent} replayed submissions answered with the same application.`,
    '',
    mdTable(['measure', 'n', 'p50 ms', 'p90 ms', 'p99 ms', ''], [
      row('submission (POST /interconnect/applications)', r.submitted.latency, `errors: ${Object.entries(r.submitted.errors).map(([k, v]) => `${v}× ${k}`).join(', ') || 'none'}`),
      row('acknowledged → birth dossier filed at the ward', r.fanOut.firstPart, `${r.fanOut.firstNotFiled} not filed`),
      ...Object.entries(r.fanOut.byPart).filter(([k]) => k !== 'birth').map(([k, v]) => row(`${k}: ready → filed`, v)),
      row('Social Security: sent → decided', r.external.turnaround),
      row('official action (HTTP)', r.driven.actionLatency, `${r.driven.actions} actions`),
      row('end to end (acknowledged → completed)', r.driven.endToEnd, 'includes the officials\' queue'),
      row('of which automated (fan-out waits + Social Security)', r.driven.automated),
    ]),
  ].join('\n');
}

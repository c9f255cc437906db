/**
 * City-scale bulk dossiers through PostgreSQL COPY (issue 6): the rows are generated here, in the
 * benchmark process, and streamed with `COPY … FROM STDIN` (pg-copy-streams) — dossiers on one
 * connection, their actions on another, a batch per COPY (one transaction each).
 *
 * The data model is the one of bulk.ts (INSERT … SELECT, kept for smaller runs): two years of
 * working days, Hanoi's agencies and the seeded procedures (weighted), all ten statuses by age,
 * every dossier's process resolved to its agency's units, its full action trail, codes
 * {agency}-{yyMMdd}-{seq} numbered per agency per day (dossier_code_counter set to match).
 * What COPY adds: the action log's hash chain is computed here with the verifier's own encoding
 * (src/platform/audit-chain.ts), set-wise per batch — the per-row trigger (~0.15 ms) would take
 * hours at 60 M actions — so `npm run audit:verify` holds on the loaded data.
 *
 * Loads can be repeated (growth steps): codes continue from the counters this loader keeps.
 * Within a day, code numbers follow load order, not submission time.
 */
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { chainHash } from '../../src/platform/audit-chain.ts';
import { buildCombos, DAYS, loaderClient, ROLE_NAME, STATUS_MIX, type Combo } from './bulk.ts';
import { log } from './util.ts';

const DOSSIER_COLS = `id, code, procedure_id, procedure_version_id, procedure_code, procedure_name, agency_id, status, channel,
  applicant_user_id, applicant_name, applicant_id_number, applicant_phone, applicant_email, form, process, current_step,
  step_unit_id, step_role, step_assignee_id, step_started_at, step_due_at, submitted_at, received_at, due_at, paused_at,
  resume_status, finished_at, returned_at, outcome, supplement_count, extension_count, fee_amount, overdue_at, version, created_by`;
const ACTION_COLS = `dossier_id, seq, action, actor_id, actor_name, actor_role, at, from_status, to_status, from_step, to_step,
  from_unit_id, to_unit_id, to_assignee_id, step_due_at, note, data, prev_hash, hash`;

const NOTE: Record<string, string> = {
  refuse: 'Hồ sơ không đủ điều kiện tiếp nhận',
  withdraw: 'Công dân xin rút hồ sơ',
  stop: 'Dừng xử lý theo đề nghị của cơ quan có thẩm quyền',
};

/** COPY text format: backslash, tab, newline and carriage return escaped; null is \N. */
const esc = (s: string) => (/[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s);
const N = '\\N';
const ts = (ms: number) => new Date(ms).toISOString();

export interface CitizenRef { id: string; name: string; idNumber: string; phone: string; email: string }

interface PreparedCombo extends Combo {
  /** The form's JSON split around the applicant's four values, COPY-escaped. */
  formParts: string[];
  processText: string;
}

export interface CopyLoaderState {
  combos: PreparedCombo[];
  byProc: PreparedCombo[][];
  bounds: number[];
  /** last code number per `${agency_code}|${yyMMdd}` over every load so far. */
  counters: Map<string, number>;
  loaded: number;
}

export async function prepareCopyLoader(db: pg.Client): Promise<CopyLoaderState> {
  const { rows, bounds } = await buildCombos(db);
  await db.query(`drop table if exists bench_combo, bench_proc`);
  const marks = ['\u0001', '\u0002', '\u0003', '\u0004'];
  const combos = rows.map((c): PreparedCombo => {
    const form = { ...c.form, applicant: { ...(c.form?.applicant ?? {}), fullName: marks[0], idNumber: marks[1], phone: marks[2], email: marks[3] } };
    const formParts = JSON.stringify(form).split(/"\\u000[1-4]"/).map(esc);
    if (formParts.length !== 5) throw new Error(`form template of ${c.proc_code}: expected 4 placeholders`);
    return { ...c, formParts, processText: esc(JSON.stringify(c.process)) };
  });
  const byProc: PreparedCombo[][] = [];
  for (const c of combos) (byProc[c.proc_idx] ??= []).push(c);
  // Codes already used (an earlier load or dossiers filed through the API) are not reused.
  const counters = new Map<string, number>();
  for (const r of (await db.query(`select agency_code, to_char(day, 'YYMMDD') as d, last from dossier_code_counter`)).rows) counters.set(`${r.agency_code}|${r.d}`, r.last);
  return { combos, byProc, bounds, counters, loaded: 0 };
}

// Cumulative status shares per age band, computed once (the loader picks a status per dossier).
const STATUS_CDF = STATUS_MIX.map((m) => {
  const entries = Object.entries(m.weights);
  const total = entries.reduce((a, [, v]) => a + v, 0);
  let acc = 0;
  return { maxAge: m.maxAge, steps: entries.map(([st, v]) => ({ status: Number(st), upTo: (acc += v / total) })) };
});

function pickStatus(age: number, r: number): number {
  const steps = STATUS_CDF.find((m) => age <= m.maxAge)!.steps;
  return (steps.find((x) => r < x.upTo) ?? steps[steps.length - 1]).status;
}

const DAY_MS = 86_400_000;
const VN = 7 * 3_600_000;

/** Renders one batch: dossier rows and action rows in COPY text, hashes linked per dossier. */
function renderBatch(st: CopyLoaderState, count: number, citizen: (r: number) => CitizenRef, now: number): { dossiers: string; actions: string; nActions: number; byStatus: Record<number, number> } {
  const todayVN = Math.floor((now + VN) / DAY_MS) * DAY_MS; // midnight of today in Vietnam, as a UTC-epoch "local" day
  const D: string[] = [];
  const A: string[] = [];
  const byStatus: Record<number, number> = {};
  let nActions = 0;
  for (let n = 0; n < count; n++) {
    // procedure by weight, then one of the agencies that decide it
    const rp = Math.random();
    let lo = 0;
    let hi = st.bounds.length; // number of bounds <= rp (bounds[0] = 0)
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (st.bounds[mid] <= rp) lo = mid + 1;
      else hi = mid;
    }
    const cands = st.byProc[lo];
    const c = cands[Math.min(Math.floor(Math.random() * cands.length), cands.length - 1)];
    const age = 1 + Math.floor(Math.random() * DAYS);
    let day = todayVN - age * DAY_MS;
    const dow = new Date(day).getUTCDay(); // 0 Sunday, 6 Saturday
    if (dow === 6) day -= DAY_MS;
    else if (dow === 0) day -= 2 * DAY_MS;
    const status = pickStatus(age, Math.random());
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const submitted = Math.round(day + 7.5 * 3_600_000 + Math.random() * 9.5 * 3_600_000 - VN);
    const rk = Math.random();
    const ns = c.nsteps;
    const k = status === 4 ? 1 + Math.min(Math.floor(rk * (ns - 2)), ns - 3) : 0;
    const nact = status === 1 ? 1 : status === 2 || status === 3 || status === 7 ? 2 : status === 4 ? k + 2
      : status === 9 ? ns + 1 : status === 10 ? ns + 2 : 4; // 5, 6, 8: submit, receive, forward, pause/stop
    const span = Math.min((now - submitted) * 0.9, Math.max(3600_000, c.deadline_hours * 3600_000 * (0.3 + Math.random())));
    const rch = Math.random();
    const channel = rch < 0.75 ? 2 : rch < 0.98 ? 1 : 3;
    const u = citizen(Math.random());
    const yymmdd = new Date(day).toISOString().slice(2, 10).replace(/-/g, '');
    const key = `${c.agency_code}|${yymmdd}`;
    const seq = (st.counters.get(key) ?? 0) + 1;
    st.counters.set(key, seq);
    const code = `${c.agency_code}-${yymmdd}-${String(seq).padStart(4, '0')}`;
    const id = crypto.randomUUID();
    const at = (i: number) => submitted + Math.round(span * ((i - 1) / Math.max(nact - 1, 1)));
    const last = at(nact);
    const recv = at(2);
    const sign = at(nact - 1);
    const cur = status === 2 ? 0 : status === 4 ? k : status === 5 || status === 6 || status === 8 ? 1 : status === 9 || status === 10 ? ns - 1 : null;
    const unit = status === 1 ? c.desk_id : status === 2 ? c.step_units[0] : status === 4 ? c.step_units[k] : status === 5 || status === 6 ? c.step_units[1] : status === 9 ? c.step_units[ns - 1] : null;
    const role = status === 1 ? 'desk_officer' : status === 2 ? c.step_roles[0] : status === 4 ? c.step_roles[k] : status === 5 || status === 6 ? c.step_roles[1] : status === 9 ? c.step_roles[ns - 1] : null;
    const open = status !== 1 && status !== 3 && status !== 7;
    const stepTimed = unit !== null && status !== 1;
    const form = c.formParts[0] + esc(JSON.stringify(u.name)) + c.formParts[1] + esc(JSON.stringify(u.idNumber)) + c.formParts[2]
      + esc(JSON.stringify(u.phone)) + c.formParts[3] + esc(JSON.stringify(u.email)) + c.formParts[4];
    D.push([
      id, code, c.proc_id, c.version_id, c.proc_code, esc(c.proc_name), c.agency_id, status, channel,
      channel === 2 ? u.id : N, esc(u.name), u.idNumber, u.phone, u.email, form, open ? c.processText : N, cur ?? N,
      unit ?? N, role ?? N, N, stepTimed ? ts(last) : N, stepTimed ? ts(last + 3 * 60_000 * c.step_minutes[cur ?? 0]) : N,
      ts(submitted), open ? ts(recv) : N, open ? ts(recv + c.deadline_hours * 3_600_000) : N,
      status === 5 || status === 6 ? ts(last) : N, status === 5 || status === 6 ? 4 : N,
      status === 3 || status === 7 || status === 8 || status === 9 ? ts(last) : status === 10 ? ts(sign) : N,
      status === 10 ? ts(last) : N, status === 9 || status === 10 ? 'approved' : status === 3 ? 'refused' : N,
      status === 5 ? 1 : 0, 0, c.fee, N, nact, u.id,
    ].join('\t'));

    // The action trail, linked: hash = SHA-256(encoding of [log, dossier, seq, prev hash, fields…]).
    let prev: Buffer | null = null;
    for (let i = 1; i <= nact; i++) {
      const j = i - 2;
      const act = i === 1 ? 'submit'
        : i === 2 ? (status === 3 ? 'refuse' : status === 7 ? 'withdraw' : 'receive')
        : i === 4 && status === 5 ? 'request_supplement'
        : i === 4 && status === 6 ? 'request_payment'
        : i === 4 && status === 8 ? 'stop'
        : (status === 9 || status === 10) && i === ns + 1 ? 'sign'
        : status === 10 && i === ns + 2 ? 'return' : 'forward';
      const t = at(i);
      const fromStatus = act === 'submit' ? null : act === 'receive' || act === 'refuse' || act === 'withdraw' ? 1
        : act === 'forward' ? (j === 1 ? 2 : 4) : act === 'return' ? 9 : 4;
      const toStatus = ({ submit: 1, receive: 2, refuse: 3, withdraw: 7, forward: 4, sign: 9, return: 10, request_supplement: 5, request_payment: 6, stop: 8 } as Record<string, number>)[act];
      const pause = act === 'request_supplement' || act === 'request_payment' || act === 'stop';
      const fromStep = act === 'forward' ? j - 1 : act === 'sign' ? ns - 2 : act === 'return' ? ns - 1 : pause ? 1 : null;
      const toStep = act === 'receive' ? 0 : act === 'forward' ? j : act === 'sign' || act === 'return' ? ns - 1 : pause ? 1 : null;
      const fromUnit = act === 'submit' ? null : act === 'receive' || act === 'refuse' || act === 'withdraw' ? c.desk_id
        : act === 'forward' ? c.step_units[j - 1] : act === 'sign' ? c.step_units[ns - 2] : act === 'return' ? c.step_units[ns - 1] : c.step_units[1];
      const toUnit = act === 'submit' ? c.desk_id : act === 'receive' ? c.step_units[0] : act === 'forward' ? c.step_units[j]
        : act === 'sign' ? c.step_units[ns - 1] : act === 'request_supplement' || act === 'request_payment' ? c.step_units[1] : null;
      const actorRole = act === 'submit' || act === 'withdraw' ? 'applicant' : act === 'receive' || act === 'refuse' ? 'desk_officer'
        : act === 'forward' ? c.step_roles[j - 1] : act === 'sign' ? c.step_roles[ns - 2] : act === 'return' ? c.step_roles[ns - 1]
        : act === 'stop' ? 'head_of_division' : c.step_roles[1];
      const byCitizen = act === 'submit' || act === 'withdraw';
      const actorId = byCitizen ? u.id : null;
      const actorName = byCitizen ? u.name : ROLE_NAME[actorRole] ?? 'Cán bộ';
      const due = act === 'forward' || act === 'sign' || act === 'return' ? t + 2 * 3_600_000 : null;
      const note = NOTE[act] ?? null;
      // jsonb's own text form (keys by length, ", " and ": "): it is what data::text gives back.
      const data = act === 'submit' ? `{"channel": ${channel}, "procedureVersion": ${c.proc_version}}`
        : act === 'receive' ? `{"dueAt": "${ts(t + c.deadline_hours * 3_600_000)}"}` : null;
      const str = (v: number | null) => (v === null ? null : String(v));
      const h = chainHash(['dossier_action', id, String(i), prev ? prev.toString('hex') : null,
        act, actorId, actorName, actorRole, String(t * 1000), str(fromStatus), String(toStatus), str(fromStep), str(toStep),
        fromUnit, toUnit, null, due === null ? null : String(due * 1000), note, data]);
      A.push([
        id, i, act, actorId ?? N, esc(actorName), actorRole, ts(t), fromStatus ?? N, toStatus, fromStep ?? N, toStep ?? N,
        fromUnit ?? N, toUnit ?? N, N, due === null ? N : ts(due), note ?? N, data ?? N, prev ? `\\\\x${prev.toString('hex')}` : N, `\\\\x${h.toString('hex')}`,
      ].join('\t'));
      prev = h;
      nActions++;
    }
  }
  return { dossiers: D.join('\n') + '\n', actions: A.join('\n') + '\n', nActions, byStatus };
}

async function copyInto(c: pg.Client, table: string, cols: string, text: string) {
  const stream = c.query(copyFrom(`copy ${table} (${cols}) from stdin`));
  // Chunks of ~1 MB so the socket's backpressure is honoured.
  const CH = 1 << 20;
  await pipeline(Readable.from((function* () { for (let i = 0; i < text.length; i += CH) yield text.slice(i, i + CH); })()), stream);
}

export interface CopyLoadResult {
  dossiers: number;
  actions: number;
  seconds: number;
  generateSeconds: number;
  copySeconds: number;
  /** Time the dossier and the action COPY took (they run side by side). */
  copyDossierSeconds: number;
  copyActionSeconds: number;
  indexSeconds: number;
  vacuumSeconds: number;
  byStatus: Record<number, number>;
}

/**
 * Adds `count` dossiers over `citizens` (bench_citizen rows) with COPY. Secondary indexes of dossier
 * and dossier_action are dropped first and built again at the end (faster than row by row); the
 * tables are vacuumed and analysed so the planner and index-only scans see them as a live system would.
 */
export async function copyLoad(url: string, st: CopyLoaderState, count: number, citizens: CitizenRef[], batch = 20_000, onProgress?: (done: number, actions: number) => void): Promise<CopyLoadResult> {
  const t0 = Date.now();
  const dc = await loaderClient(url);
  const ac = await loaderClient(url);
  try {
    const idx = (await dc.query(`
      select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema() and i.tablename in ('dossier', 'dossier_action')
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`)).rows as { indexname: string; indexdef: string }[];
    for (const i of idx) await dc.query(`drop index if exists "${i.indexname}"`);
    // The action log's primary key too (nothing references it): 60 M random (dossier, seq) inserts
    // into an index larger than shared_buffers are slower than one sorted build per step.
    const pk = (await dc.query(`select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'dossier_action'::regclass and contype = 'p'`)).rows[0] as { conname: string; def: string } | undefined;
    if (pk) await dc.query(`alter table dossier_action drop constraint "${pk.conname}"`);
    const now = Date.now();
    const byStatus: Record<number, number> = {};
    let done = 0;
    let actions = 0;
    let genMs = 0;
    let copyMs = 0;
    let dMs = 0;
    let aMs = 0;
    const pick = (r: number) => citizens[Math.floor(r * citizens.length)];
    let pending: Promise<void> | null = null;
    while (done < count) {
      const n = Math.min(batch, count - done);
      const g0 = Date.now();
      const b = renderBatch(st, n, pick, now);
      genMs += Date.now() - g0;
      // While PostgreSQL takes this batch, the next one is generated.
      if (pending) await pending;
      const c0 = Date.now();
      pending = Promise.all([
        copyInto(dc, 'dossier', DOSSIER_COLS, b.dossiers).then(() => { dMs += Date.now() - c0; }),
        copyInto(ac, 'dossier_action', ACTION_COLS, b.actions).then(() => { aMs += Date.now() - c0; }),
      ]).then(() => {
        copyMs += Date.now() - c0;
      });
      done += n;
      actions += b.nActions;
      for (const [s, v] of Object.entries(b.byStatus)) byStatus[Number(s)] = (byStatus[Number(s)] ?? 0) + v;
      onProgress?.(done, actions);
    }
    if (pending) await pending;
    const entries = [...st.counters.entries()];
    await dc.query(`insert into dossier_code_counter (agency_code, day, last)
      select split_part(k, '|', 1), to_date(split_part(k, '|', 2), 'YYMMDD'), v from unnest($1::text[], $2::int[]) as x(k, v)
      on conflict (agency_code, day) do update set last = greatest(dossier_code_counter.last, excluded.last)`, [entries.map((e) => e[0]), entries.map((e) => e[1])]);
    const t2 = Date.now();
    // Two connections build the indexes in parallel (each index build is one backend).
    const queue = [...idx];
    await Promise.all([dc, ac].map(async (c) => {
      for (let i = queue.shift(); i; i = queue.shift()) {
        await c.query(i.indexdef);
        log(`  copy load: rebuilt index ${i.indexname}`);
      }
    }));
    if (pk) await ac.query(`alter table dossier_action add constraint "${pk.conname}" ${pk.def}`);
    const indexSeconds = (Date.now() - t2) / 1000;
    // The chain as the database's own trigger functions compute it, on a sample of the loaded actions:
    // a difference in the encoding here would break the verifier and every later action's link.
    const bad = (await dc.query(`select count(*) filter (where a.hash <> audit_chain_hash(array['dossier_action', a.dossier_id::text, a.seq::text,
        encode(a.prev_hash, 'hex')] || dossier_action_chain_fields(a))) as bad, count(*) as n
      from dossier_action a tablesample system (0.5) where a.actor_role is not null`)).rows[0];
    if (Number(bad.bad) > 0) throw new Error(`copy load: ${bad.bad} of ${bad.n} sampled actions do not hash as the trigger would`);
    log(`  copy load: hash chain checked on ${Number(bad.n).toLocaleString('en-US')} sampled actions`);
    const t3 = Date.now();
    await Promise.all([dc.query(`vacuum (analyze) dossier`), ac.query(`vacuum (analyze) dossier_action`)]);
    await dc.query(`vacuum (analyze) dossier_code_counter`);
    await dc.query(`checkpoint`);
    const vacuumSeconds = (Date.now() - t3) / 1000;
    st.loaded += count;
    return { dossiers: count, actions, seconds: (Date.now() - t0) / 1000, generateSeconds: genMs / 1000, copySeconds: copyMs / 1000, copyDossierSeconds: dMs / 1000, copyActionSeconds: aMs / 1000, indexSeconds, vacuumSeconds, byStatus };
  } finally {
    await dc.end().catch(() => {});
    await ac.end().catch(() => {});
  }
}

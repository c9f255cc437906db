/**
 * Bulk dossiers with server-side SQL (INSERT … SELECT over generate_series): spread over the last
 * two years (working days, office hours), Hanoi's agencies and the seeded procedures (weighted:
 * judicial records, passports, certified copies and birth registrations are the busy ones), and
 * all ten statuses (by age: recent dossiers are still open, old ones mostly returned, a few results
 * never collected). Each dossier gets the resolved process of its agency, step_unit_id/step_role
 * where its status puts it (so inboxes fill up), its full action trail (submit, receive, forwards,
 * sign, return …; version = number of actions), and codes {agency}-{yyMMdd}-{seq} numbered per
 * agency per day, with dossier_code_counter set to match.
 *
 * Due times are approximations (working time × 3 in calendar time); uploads are not attached
 * to bulk dossiers (no dossier_document rows): neither tracking nor the inbox reads them.
 */
import pg from 'pg';
import { sampleForm } from '../../src/modules/catalog/sample-form.ts';
import { pgClient, log } from './util.ts';

/** Relative volume per procedure (default 1). */
export const WEIGHTS: Record<string, number> = {
  '3.000333': 8, // judicial-record certificate (city police)
  '1.001456': 6, // passport
  '1.000377': 3, '3.000347': 3,
  '1.001193': 8, // birth registration
  '2.000635': 8, // certified copies
  '2.000815': 4, '2.000884': 3, '1.000894': 3, '1.000656': 2, '1.004873': 2,
  '1.004222': 4, '1.004194': 3, '1.003197': 2, '1.003677': 2, '1.002755': 2,
  '1.001939': 2, '1.002759': 2,
};

/** Status mix by age of the dossier in days. */
export const STATUS_MIX: { maxAge: number; weights: Record<number, number> }[] = [
  { maxAge: 2, weights: { 1: 30, 2: 20, 4: 38, 5: 5, 3: 4, 7: 3 } },
  { maxAge: 45, weights: { 2: 3, 4: 33, 5: 6, 6: 3, 9: 12, 10: 37, 3: 2, 7: 2, 8: 2 } },
  { maxAge: 100000, weights: { 10: 90, 9: 3, 3: 3, 7: 2.5, 8: 1.5 } },
];
export const DAYS = 730;

function statusCase(): string {
  const branch = (w: Record<number, number>) => {
    const total = Object.values(w).reduce((a, b) => a + b, 0);
    let acc = 0;
    const parts = Object.entries(w).map(([s, v]) => {
      acc += v / total;
      return `when r_st < ${acc.toFixed(6)} then ${s}`;
    });
    return `case ${parts.join(' ')} else ${Object.keys(w).at(-1)} end`;
  };
  return `case ${STATUS_MIX.map((m) => `when age <= ${m.maxAge} then ${branch(m.weights)}`).join(' ')} end`;
}

export const ROLE_NAME: Record<string, string> = {
  desk_officer: 'Cán bộ Bộ phận Một cửa',
  processing_officer: 'Chuyên viên xử lý',
  head_of_division: 'Lãnh đạo phòng',
  signing_authority: 'Lãnh đạo cơ quan',
};

/** One (procedure, agency) pair as the loaders use it (process steps resolved to the agency's units). */
export interface Combo {
  combo_id: number; proc_idx: number; agency_idx: number; agency_id: string; agency_code: string; desk_id: string;
  proc_id: string; version_id: string; proc_code: string; proc_name: string; proc_version: number; nsteps: number;
  step_units: string[]; step_roles: string[]; step_minutes: number[]; process: unknown; form: any; deadline_hours: number; fee: number;
}

interface Unit { id: string; code: string; kind: string; slug: string; parent_id: string | null; sector: string | null; level: string | null; name: string }

/** One row per (procedure, agency that decides it): the agency's desk, the process resolved to its units. */
export async function buildCombos(db: pg.Client, hoursPerDay = 8) {
  const units: Unit[] = (await db.query(`select id, code, kind, slug, parent_id, sector, level, name from org_unit where valid_to is null`)).rows;
  const children = new Map<string, Unit[]>();
  for (const u of units) if (u.parent_id) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u]);
  const agencies = units.filter((u) => u.kind === 'agency').sort((a, b) => a.code.localeCompare(b.code));
  const versions = (await db.query(`
    select distinct on (v.procedure_id) v.id, v.procedure_id, v.version, p.code, v.definition
    from procedure_version v join procedure p on p.id = v.procedure_id
    where v.effective_from <= (now() at time zone 'UTC' + interval '7 hours')::date
    order by v.procedure_id, v.effective_from desc, v.version desc`)).rows.sort((a, b) => String(a.code).localeCompare(String(b.code)));
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const combos: any[] = [];
  const weights: number[] = [];
  let procIdx = 0;
  for (const v of versions) {
    const def = v.definition;
    const cands = agencies.filter((a) => a.sector === def.sector && a.level === def.level);
    if (!cands.length) continue;
    procIdx++;
    weights.push(WEIGHTS[v.code] ?? 1);
    const form = sampleForm(def.form, {});
    const dl = def.deadline;
    const deadlineHours = dl.unit === 'working_days' ? dl.value * 24 * 1.4 : dl.unit === 'working_hours' ? dl.value * 3 : 8;
    const fee = (def.fees as any[]).filter((f) => f.effectiveFrom <= today && (!f.effectiveTo || f.effectiveTo >= today))
      .reduce((s, f) => s + (f.onlineAmount ?? f.amount), 0);
    cands.forEach((a, i) => {
      const kids = children.get(a.id) ?? [];
      const desk = kids.find((k) => k.slug === 'desk') ?? a;
      const steps = (def.process as any[]).map((s) => {
        const slug = s.unit.startsWith('division:') ? s.unit.slice('division:'.length) : s.unit;
        const unit = kids.find((k) => k.slug === slug) ?? a;
        const minutes = s.duration.unit === 'working_days' ? s.duration.value * hoursPerDay * 60 : s.duration.value * 60;
        return { name: s.name, nameEn: s.nameEn, role: s.role, unitId: unit.id, unitName: unit.name, minutes };
      });
      combos.push({
        combo_id: combos.length + 1, proc_idx: procIdx, agency_idx: i + 1, agency_id: a.id, agency_code: a.code, desk_id: desk.id,
        proc_id: v.procedure_id, version_id: v.id, proc_code: v.code, proc_name: def.name, proc_version: v.version, nsteps: steps.length,
        step_units: steps.map((s) => s.unitId), step_roles: steps.map((s) => s.role), step_minutes: steps.map((s) => s.minutes),
        process: steps, form, deadline_hours: deadlineHours, fee,
      });
    });
  }
  await db.query(`drop table if exists bench_combo, bench_proc`);
  await db.query(`create unlogged table bench_combo as select * from jsonb_to_recordset($1::jsonb) as x(
      combo_id int, proc_idx int, agency_idx int, agency_id uuid, agency_code text, desk_id uuid, proc_id uuid, version_id uuid,
      proc_code text, proc_name text, proc_version int, nsteps int, step_units uuid[], step_roles text[], step_minutes int[],
      process jsonb, form jsonb, deadline_hours float8, fee bigint)`, [JSON.stringify(combos)]);
  await db.query(`alter table bench_combo add primary key (combo_id)`);
  await db.query(`create unique index on bench_combo (proc_idx, agency_idx)`);
  await db.query(`create unlogged table bench_proc as select proc_idx, count(*)::int as n_agencies from bench_combo group by 1`);
  await db.query(`analyze bench_combo; analyze bench_proc`);
  const total = weights.reduce((a, b) => a + b, 0);
  const bounds: number[] = [];
  let acc = 0;
  for (const w of weights) {
    bounds.push(acc / total);
    acc += w;
  }
  return { combos: combos.length, procedures: procIdx, bounds, rows: combos as Combo[] };
}

export interface BulkResult {
  dossiers: number;
  actions: number;
  seconds: number;
  planSeconds: number;
  insertSeconds: number;
  indexSeconds: number;
  vacuumSeconds: number;
  sizes: { table: string; size: string }[];
  byStatus: Record<number, number>;
}

export async function loaderClient(url: string) {
  const c = pgClient(url, 'motcua-bench-loader');
  await c.connect();
  await c.query(`set synchronous_commit = off`);
  await c.query(`set work_mem = '256MB'`);
  await c.query(`set maintenance_work_mem = '1GB'`);
  // The rows are consistent by construction: skip the per-row foreign-key triggers, as pg_restore
  // --disable-triggers does (needs superuser; without it the load is only slower).
  await c.query(`set session_replication_role = replica`).catch(() => log('  (not superuser: foreign-key checks stay on during the load)'));
  return c;
}

export async function bulkLoad(url: string, count: number, citizens: number, batch = 50_000): Promise<BulkResult> {
  const t0 = Date.now();
  const db = await loaderClient(url);
  try {
    const { combos, procedures, bounds } = await buildCombos(db);
    log(`bulk: ${procedures} procedures × their agencies = ${combos} (procedure, agency) pairs`);
    await db.query(`drop table if exists bench_plan`);
    await db.query(`create unlogged table bench_plan as
      with g as (
        select n, random() as r_proc, random() as r_ag, random() as r_age, random() as r_tod, random() as r_st, random() as r_k,
          random() as r_ch, random() as r_span, 1 + floor(random() * $2)::int as cit
        from generate_series(1, $1::int) n
      ), p as (
        select g.*, width_bucket(r_proc, $3::float8[]) as proc_idx, 1 + floor(r_age * ${DAYS})::int as age from g
      ), q as (
        select p.*, c.combo_id, c.agency_code, c.nsteps, c.deadline_hours,
          ((now() at time zone 'UTC' + interval '7 hours')::date - p.age) as day0
        from p join bench_proc bp using (proc_idx)
        join bench_combo c on c.proc_idx = p.proc_idx and c.agency_idx = 1 + least(floor(p.r_ag * bp.n_agencies)::int, bp.n_agencies - 1)
      ), r as (
        select q.*, day0 - case extract(isodow from day0) when 6 then 1 when 7 then 2 else 0 end as day, ${statusCase()} as status
        from q
      ), s as (
        select r.*, ((r.day + interval '7 hours 30 minutes' + r.r_tod * interval '9 hours 30 minutes') - interval '7 hours') at time zone 'UTC' as submitted_at
        from r
      )
      select s.n, gen_random_uuid() as id, s.combo_id, s.agency_code, s.nsteps, s.day, s.submitted_at, s.status::smallint as status,
        case when s.status = 4 then 1 + least(floor(s.r_k * (s.nsteps - 2))::int, s.nsteps - 3) else 0 end as k,
        case s.status when 1 then 1 when 3 then 2 when 7 then 2 when 2 then 2
          when 4 then 3 + least(floor(s.r_k * (s.nsteps - 2))::int, s.nsteps - 3)
          when 5 then 4 when 6 then 4 when 8 then 4 when 9 then s.nsteps + 1 when 10 then s.nsteps + 2 end as nact,
        make_interval(secs => least(extract(epoch from now() - s.submitted_at) * 0.9, greatest(3600, s.deadline_hours * 3600 * (0.3 + s.r_span)))) as span,
        case when s.r_ch < 0.75 then 2 when s.r_ch < 0.98 then 1 else 3 end::smallint as channel,
        u.id as user_id, u.full_name as name, u.id_number, u.phone, u.email,
        row_number() over (partition by s.agency_code, s.day order by s.submitted_at, s.n)::int as seq
      from s join bench_citizen u on u.n = s.cit`, [count, citizens, bounds]);
    await db.query(`create index on bench_plan (n)`);
    await db.query(`analyze bench_plan`);
    const planSeconds = (Date.now() - t0) / 1000;
    const byStatus: Record<number, number> = {};
    for (const r of (await db.query(`select status, count(*)::int as n from bench_plan group by 1 order by 1`)).rows) byStatus[r.status] = r.n;
    log(`bulk: planned ${count.toLocaleString('en-US')} dossiers in ${planSeconds.toFixed(1)} s; by status ${JSON.stringify(byStatus)}`);

    // Secondary indexes are built once at the end (much faster than maintaining them row by row).
    const idx = (await db.query(`
      select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema() and i.tablename in ('dossier', 'dossier_action')
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`)).rows as { indexname: string; indexdef: string }[];
    for (const i of idx) await db.query(`drop index if exists "${i.indexname}"`);

    // The action log's hash-chain trigger must fire even with session_replication_role = replica.
    await db.query(`alter table dossier_action enable always trigger dossier_action_chain`);
    const t1 = Date.now();
    const workers = [db, await loaderClient(url)];
    let next = 1;
    let done = 0;
    let actions = 0;
    const one = async (c: pg.Client) => {
      while (next <= count) {
        const lo = next;
        const hi = Math.min(count, lo + batch - 1);
        next = hi + 1;
        await c.query(INSERT_DOSSIERS, [lo, hi]);
        const a = await c.query(INSERT_ACTIONS, [lo, hi]);
        actions += a.rowCount ?? 0;
        done += hi - lo + 1;
        const secs = (Date.now() - t1) / 1000;
        log(`bulk: ${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')} dossiers, ${actions.toLocaleString('en-US')} actions (${(done / secs).toFixed(0)} dossiers/s)`);
      }
    };
    await Promise.all(workers.map(one));
    await workers[1].end();
    await db.query(`alter table dossier_action enable trigger dossier_action_chain`);
    await db.query(`insert into dossier_code_counter (agency_code, day, last)
      select agency_code, day, max(seq) from bench_plan group by 1, 2
      on conflict (agency_code, day) do update set last = greatest(dossier_code_counter.last, excluded.last)`);
    const insertSeconds = (Date.now() - t1) / 1000;

    const t2 = Date.now();
    for (const i of idx) {
      await db.query(i.indexdef);
      log(`bulk: rebuilt index ${i.indexname}`);
    }
    const indexSeconds = (Date.now() - t2) / 1000;
    const t3 = Date.now();
    await db.query(`drop table if exists bench_plan, bench_combo, bench_proc`);
    await db.query(`vacuum (analyze) dossier, dossier_action, dossier_code_counter, app_user, user_session`);
    await db.query(`checkpoint`);
    const vacuumSeconds = (Date.now() - t3) / 1000;
    const sizes = (await db.query(`select relname as table, pg_size_pretty(pg_total_relation_size(oid)) as size from pg_class
      where relname in ('dossier', 'dossier_action', 'app_user', 'dossier_code_counter') order by pg_total_relation_size(oid) desc`)).rows;
    return { dossiers: count, actions, seconds: (Date.now() - t0) / 1000, planSeconds, insertSeconds, indexSeconds, vacuumSeconds, sizes, byStatus };
  } finally {
    await db.end().catch(() => {});
  }
}

const ACTOR = `case r.role ${Object.entries(ROLE_NAME).map(([k, v]) => `when '${k}' then '${v}'`).join(' ')} else 'Cán bộ' end`;

const INSERT_DOSSIERS = `
insert into dossier (id, code, procedure_id, procedure_version_id, procedure_code, procedure_name, agency_id, status, channel,
  applicant_user_id, applicant_name, applicant_id_number, applicant_phone, applicant_email, form, process, current_step,
  step_unit_id, step_role, step_assignee_id, step_started_at, step_due_at, submitted_at, received_at, due_at, paused_at,
  resume_status, finished_at, returned_at, outcome, supplement_count, extension_count, fee_amount, overdue_at, version, created_by)
select p.id, c.agency_code || '-' || to_char(p.day, 'YYMMDD') || '-' || lpad(p.seq::text, greatest(4, length(p.seq::text)), '0'),
  c.proc_id, c.version_id, c.proc_code, c.proc_name, c.agency_id, p.status, p.channel,
  case when p.channel = 2 then p.user_id end, p.name, p.id_number, p.phone, p.email,
  jsonb_set(c.form, '{applicant}', coalesce(c.form->'applicant', '{}'::jsonb) || jsonb_build_object('fullName', p.name, 'idNumber', p.id_number, 'phone', p.phone, 'email', p.email)),
  case when p.status in (1, 3, 7) then null else c.process end,
  x.cur, x.unit, x.role, null,
  case when x.unit is not null and p.status <> 1 then t.last_at end,
  case when x.unit is not null and p.status <> 1 then t.last_at + make_interval(mins => 3 * c.step_minutes[x.cur + 1]) end,
  p.submitted_at,
  case when p.status not in (1, 3, 7) then t.recv_at end,
  case when p.status not in (1, 3, 7) then t.recv_at + make_interval(secs => c.deadline_hours * 3600) end,
  case when p.status in (5, 6) then t.last_at end,
  case when p.status in (5, 6) then 4 end,
  case when p.status in (3, 7, 8, 9) then t.last_at when p.status = 10 then t.sign_at end,
  case when p.status = 10 then t.last_at end,
  case when p.status in (9, 10) then 'approved' when p.status = 3 then 'refused' end,
  case when p.status = 5 then 1 else 0 end, 0, c.fee, null, p.nact, p.user_id
from bench_plan p join bench_combo c using (combo_id)
cross join lateral (select
  case p.status when 2 then 0 when 4 then p.k when 5 then 1 when 6 then 1 when 8 then 1 when 9 then p.nsteps - 1 when 10 then p.nsteps - 1 end as cur,
  case p.status when 1 then c.desk_id when 2 then c.step_units[1] when 4 then c.step_units[p.k + 1] when 5 then c.step_units[2] when 6 then c.step_units[2] when 9 then c.step_units[p.nsteps] end as unit,
  case p.status when 1 then 'desk_officer' when 2 then c.step_roles[1] when 4 then c.step_roles[p.k + 1] when 5 then c.step_roles[2] when 6 then c.step_roles[2] when 9 then c.step_roles[p.nsteps] end as role) x
cross join lateral (select
  p.submitted_at + p.span as last_at,
  p.submitted_at + p.span * (1.0 / greatest(p.nact - 1, 1)) as recv_at,
  p.submitted_at + p.span * ((p.nact - 2)::float8 / greatest(p.nact - 1, 1)) as sign_at) t
where p.n between $1 and $2`;

const INSERT_ACTIONS = `
insert into dossier_action (dossier_id, seq, action, actor_id, actor_name, actor_role, at, from_status, to_status, from_step, to_step,
  from_unit_id, to_unit_id, to_assignee_id, step_due_at, note, data)
select p.id, s.i, a.act,
  case when a.act in ('submit', 'withdraw') then p.user_id end,
  case when a.act in ('submit', 'withdraw') then p.name else ${ACTOR} end,
  r.role, r.at, r.from_status, r.to_status, r.from_step, r.to_step, r.from_unit, r.to_unit, null,
  case when a.act in ('forward', 'sign', 'return') then r.at + interval '2 hours' end,
  case a.act when 'refuse' then 'Hồ sơ không đủ điều kiện tiếp nhận' when 'withdraw' then 'Công dân xin rút hồ sơ' when 'stop' then 'Dừng xử lý theo đề nghị của cơ quan có thẩm quyền' end,
  case a.act when 'submit' then jsonb_build_object('channel', p.channel, 'procedureVersion', c.proc_version)
    when 'receive' then jsonb_build_object('dueAt', r.at + make_interval(secs => c.deadline_hours * 3600)) end
from bench_plan p join bench_combo c using (combo_id)
cross join lateral generate_series(1, p.nact) s(i)
cross join lateral (select case
    when s.i = 1 then 'submit'
    when s.i = 2 then case p.status when 3 then 'refuse' when 7 then 'withdraw' else 'receive' end
    when s.i = 4 and p.status = 5 then 'request_supplement'
    when s.i = 4 and p.status = 6 then 'request_payment'
    when s.i = 4 and p.status = 8 then 'stop'
    when p.status in (9, 10) and s.i = p.nsteps + 1 then 'sign'
    when p.status = 10 and s.i = p.nsteps + 2 then 'return'
    else 'forward' end as act, s.i - 2 as j) a
cross join lateral (select
  p.submitted_at + p.span * ((s.i - 1)::float8 / greatest(p.nact - 1, 1)) as at,
  case a.act when 'submit' then null when 'receive' then 1 when 'refuse' then 1 when 'withdraw' then 1
    when 'forward' then case when a.j = 1 then 2 else 4 end when 'sign' then 4 when 'return' then 9 else 4 end::smallint as from_status,
  case a.act when 'submit' then 1 when 'receive' then 2 when 'refuse' then 3 when 'withdraw' then 7 when 'forward' then 4
    when 'sign' then 9 when 'return' then 10 when 'request_supplement' then 5 when 'request_payment' then 6 when 'stop' then 8 end::smallint as to_status,
  case a.act when 'forward' then a.j - 1 when 'sign' then p.nsteps - 2 when 'return' then p.nsteps - 1
    when 'request_supplement' then 1 when 'request_payment' then 1 when 'stop' then 1 end as from_step,
  case a.act when 'receive' then 0 when 'forward' then a.j when 'sign' then p.nsteps - 1 when 'return' then p.nsteps - 1
    when 'request_supplement' then 1 when 'request_payment' then 1 when 'stop' then 1 end as to_step,
  case a.act when 'submit' then null when 'receive' then c.desk_id when 'refuse' then c.desk_id when 'withdraw' then c.desk_id
    when 'forward' then c.step_units[a.j] when 'sign' then c.step_units[p.nsteps - 1] when 'return' then c.step_units[p.nsteps]
    else c.step_units[2] end as from_unit,
  case a.act when 'submit' then c.desk_id when 'receive' then c.step_units[1] when 'forward' then c.step_units[a.j + 1]
    when 'sign' then c.step_units[p.nsteps] when 'request_supplement' then c.step_units[2] when 'request_payment' then c.step_units[2] end as to_unit,
  case a.act when 'submit' then 'applicant' when 'withdraw' then 'applicant' when 'receive' then 'desk_officer' when 'refuse' then 'desk_officer'
    when 'forward' then c.step_roles[a.j] when 'sign' then c.step_roles[p.nsteps - 1] when 'return' then c.step_roles[p.nsteps]
    when 'stop' then 'head_of_division' else c.step_roles[2] end as role) r
where p.n between $1 and $2
order by p.id, s.i`; // in seq order: the action log's hash chain links each row to the one before (issue 6)

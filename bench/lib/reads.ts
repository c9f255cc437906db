/**
 * Read paths: public tracking and the official's inbox, through HTTP (fixed offered rate, then
 * saturation with a few connections) and, as the baseline, the same SQL the server issues timed
 * directly from this process with node-postgres (no HTTP, no application code), plus EXPLAIN ANALYZE.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { closedLoop, openLoop, type Http, type LoadResult } from './http.ts';
import { CpuMeter, type CpuSplit } from './cpu.ts';
import type { PgWatch } from './pgwatch.ts';
import { fmtLat, log, mark, Samples, summarize, type LatencySummary } from './util.ts';

export interface ReadConfig {
  rate: number;
  inboxRate: number;
  seconds: number;
  satSeconds: number;
  satConnections: number;
  rawIterations: number;
}

export interface InboxUser {
  label: string;
  username: string;
  token: string;
  id: string;
}

export interface ReadMeasure {
  fixed: LoadResult;
  saturation: LoadResult;
  raw: LatencySummary;
  cpu: CpuSplit;
  explain: string;
  note: string;
}

export interface ReadSet {
  dossiers: number;
  tracking: ReadMeasure;
  inbox: (ReadMeasure & { label: string; username: string; total: number })[];
}

// The statements publicTracking() and inbox() issue (src/modules/dossiers/queries.ts).
const TRACK_DOSSIER = `select "id", "code", "status", "procedure_code", "procedure_name", "agency_id", "submitted_at", "received_at", "due_at", "finished_at", "returned_at", "applicant_phone", "applicant_id_number", "current_step", "process", "step_unit_id", "step_due_at", "paused_at" from "dossier" where "code" = $1`;
const TRACK_ACTIONS = `select "seq", "action", "at", "to_status", "from_step", "to_step", "step_due_at", "to_unit_id" from "dossier_action" where "dossier_id" = $1 order by "seq"`;
const INBOX_WHERE = `d.status in (1, 2, 4, 9)
    and d.step_unit_id = any($1::uuid[])
    and (d.step_unit_id, d.step_role) in (select * from unnest($2::uuid[], $3::text[]))
    and (d.step_assignee_id is null or d.step_assignee_id = $4 or $5)`;
const INBOX_ROWS = `select d.id, d.code, d.status, d.channel, d.procedure_code, d.procedure_name, d.applicant_name, d.submitted_at, d.received_at,
        d.due_at, d.current_step, d.step_due_at, d.step_assignee_id, d.step_unit_id, d.version, d.process->d.current_step->>'name' as step_name
      from dossier d where ${INBOX_WHERE}
      order by coalesce(d.step_due_at, d.submitted_at + interval '1 day') asc, d.code
      limit $6 offset $7`;
const INBOX_COUNT = `select count(*) as total,
        count(*) filter (where d.step_due_at < $6 or d.due_at < $6) as overdue,
        count(*) filter (where d.step_due_at >= $6 and d.step_due_at < $7) as due_soon
      from dossier d where ${INBOX_WHERE}`;

/** The (unit, role) pairs an official acts as: each grant's unit and every unit below it. */
async function actingPairs(db: pg.Client, userId: string) {
  const r = await db.query(`
    with recursive t(unit_id, role) as (
      select unit_id, role from role_grant where user_id = $1
      union all
      select o.id, t.role from t join org_unit o on o.parent_id = t.unit_id and o.valid_to is null)
    select unit_id, role from t`, [userId]);
  const grants = await db.query(`select role from role_grant where user_id = $1`, [userId]);
  return {
    units: r.rows.map((x) => x.unit_id as string),
    roles: r.rows.map((x) => x.role as string),
    head: grants.rows.some((g) => g.role === 'head_of_division' || g.role === 'signing_authority'),
  };
}

async function timeIt(n: number, fn: (i: number) => Promise<unknown>): Promise<LatencySummary> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i); // warm-up
  const s = new Samples();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    s.push(performance.now() - t0);
  }
  return summarize(s.values());
}

export async function measureReads(label: string, httpc: Http, url: string, watch: PgWatch, cpu: CpuMeter, users: InboxUser[], cfg: ReadConfig): Promise<ReadSet> {
  const a = new pg.Client({ connectionString: url, application_name: 'motcua-bench-loader' });
  const b = new pg.Client({ connectionString: url, application_name: 'motcua-bench-loader' });
  await a.connect();
  await b.connect();
  try {
    const dossiers = Number((await a.query(`select count(*)::int as n from dossier`)).rows[0].n);
    const sample = (await a.query(`select code, right(coalesce(applicant_phone, applicant_id_number), 4) as v from dossier
      where coalesce(applicant_phone, applicant_id_number) is not null order by random() limit 20000`)).rows as { code: string; v: string }[];
    if (!sample.length) throw new Error('no dossier to track');
    const pick = () => sample[Math.floor(Math.random() * sample.length)];
    const trackReq = () => {
      const s = pick();
      return { method: 'GET', path: `/api/v1/public/tracking/${encodeURIComponent(s.code)}?verify=${s.v}` };
    };

    // Public tracking
    log(`${label}: public tracking at ${cfg.rate}/s offered for ${cfg.seconds} s (${dossiers.toLocaleString('en-US')} dossiers)`);
    let c0 = cpu.snapshot();
    mark(`${label} tracking fixed`);
    const fixed = await openLoop(httpc, cfg.rate, cfg.seconds, trackReq);
    const cpuT = CpuMeter.split(c0, cpu.snapshot());
    mark(`${label} tracking saturation`);
    log(`  ${fixed.rate.toFixed(0)}/s ok, ${fmtLat(fixed.latency)}`);
    const sat = await closedLoop(httpc.base, cfg.satConnections, cfg.satSeconds, trackReq);
    log(`  saturation (${cfg.satConnections} connections): ${sat.rate.toFixed(0)}/s, ${fmtLat(sat.latency)}`);
    mark(`${label} tracking raw`);
    const raw = await timeIt(cfg.rawIterations, async () => {
      const s = pick();
      const d = await a.query(TRACK_DOSSIER, [s.code]);
      await a.query(TRACK_ACTIONS, [d.rows[0].id]);
    });
    log(`  raw SQL (2 statements): ${fmtLat(raw)}`);
    const one = pick();
    const id = (await a.query(TRACK_DOSSIER, [one.code])).rows[0].id;
    const explain = `-- ${TRACK_DOSSIER.replace('$1', `'${one.code}'`)}\n${await watch.explain(TRACK_DOSSIER, [one.code])}\n\n-- ${TRACK_ACTIONS.replace('$1', `'${id}'`)}\n${await watch.explain(TRACK_ACTIONS, [id])}`;
    const tracking: ReadMeasure = { fixed, saturation: sat, raw, cpu: cpuT, explain, note: '' };

    // Inboxes
    const inbox: ReadSet['inbox'] = [];
    for (const u of users) {
      const pairs = await actingPairs(a, u.id);
      const req = () => ({ method: 'GET', path: '/api/v1/inbox', headers: { authorization: `Bearer ${u.token}` } });
      const probe = await httpc.json(req());
      const total = Number(probe.body?.total ?? NaN);
      log(`${label}: inbox of ${u.username} (${u.label}; ${total.toLocaleString('en-US')} waiting) at ${cfg.inboxRate}/s offered for ${cfg.seconds} s`);
      c0 = cpu.snapshot();
      mark(`${label} inbox ${u.username} fixed`);
      const f = await openLoop(httpc, cfg.inboxRate, cfg.seconds, req);
      const cpuI = CpuMeter.split(c0, cpu.snapshot());
      mark(`${label} inbox ${u.username} saturation`);
      log(`  ${f.rate.toFixed(0)}/s ok, ${fmtLat(f.latency)}`);
      const s = await closedLoop(httpc.base, cfg.satConnections, cfg.satSeconds, req);
      log(`  saturation (${cfg.satConnections} connections): ${s.rate.toFixed(0)}/s, ${fmtLat(s.latency)}`);
      mark(`${label} inbox ${u.username} raw`);
      const rowsParams = () => [[...new Set(pairs.units)], pairs.units, pairs.roles, u.id, pairs.head, 50, 0];
      const countParams = () => {
        const now = new Date();
        return [[...new Set(pairs.units)], pairs.units, pairs.roles, u.id, pairs.head, now, new Date(now.getTime() + 24 * 3600_000)];
      };
      // Both statements at once on two connections, as the server runs them (Promise.all).
      const r = await timeIt(Math.max(50, Math.round(cfg.rawIterations / 5)), () => Promise.all([a.query(INBOX_ROWS, rowsParams()), b.query(INBOX_COUNT, countParams())]));
      log(`  raw SQL (rows ‖ count): ${fmtLat(r)}`);
      const ex = `-- inbox rows (units ${[...new Set(pairs.units)].length}, pairs ${pairs.units.length})\n${await watch.explain(INBOX_ROWS, rowsParams())}\n\n-- inbox counts\n${await watch.explain(INBOX_COUNT, countParams())}`;
      inbox.push({ label: u.label, username: u.username, total, fixed: f, saturation: s, raw: r, cpu: cpuI, explain: ex, note: '' });
    }
    return { dossiers, tracking, inbox };
  } finally {
    await a.end().catch(() => {});
    await b.end().catch(() => {});
  }
}

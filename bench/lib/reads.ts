/**
 * Read paths: public tracking and the official's inbox, through HTTP (fixed offered rate, then
 * saturation with a few connections) and, as the baseline, the same SQL the server issues timed
 * directly from this process with node-postgres (no HTTP, no application code), plus EXPLAIN ANALYZE.
 */
import type pg from 'pg';
import { Capturer, replay, type Statement } from './capture.ts';
import { closedLoop, openLoop, type Http, type LoadResult } from './http.ts';
import { CpuMeter, type CpuSplit } from './cpu.ts';
import type { PgWatch } from './pgwatch.ts';
import { pgClient, fmtLat, log, mark, summarize, type LatencySummary } from './util.ts';

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
  /** statements per request in the raw baseline */
  rawStatements: number;
  cpu: CpuSplit;
  explain: string;
  note: string;
}

export interface ReadSet {
  dossiers: number;
  tracking: ReadMeasure;
  inbox: (ReadMeasure & { label: string; username: string; total: number })[];
}

async function explainAll(watch: PgWatch, req: Statement[] | undefined): Promise<string> {
  if (!req?.length) return '(no statements captured)';
  const out: string[] = [];
  for (const st of req) {
    let shown = st.sql;
    st.params.forEach((v, i) => {
      shown = shown.replace(new RegExp(`\\$${i + 1}(?!\\d)`, 'g'), v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
    });
    out.push(`-- ${shown.replace(/\s+/g, ' ').slice(0, 600)}`);
    out.push(/^(select|with)\b/i.test(st.sql) ? await watch.explain(st.sql, st.params) : '(not explained)');
    out.push('');
  }
  return out.join('\n');
}

/**
 * `capturer` null (external database): no raw baseline. Otherwise the baseline replays the
 * statements the server issued for the same requests (see capture.ts).
 */
export async function measureReads(label: string, httpc: Http, url: string, watch: PgWatch, cpu: CpuMeter, users: InboxUser[], cfg: ReadConfig, capturer: Capturer | null, settle: () => Promise<void> = async () => {}): Promise<ReadSet> {
  const a = pgClient(url, 'motcua-bench-loader');
  await a.connect();
  const none = { latency: summarize([]), statements: 0 };
  try {
    const dossiers = Number((await a.query(`select count(*)::int as n from dossier`)).rows[0].n);
    // A block sample (not ORDER BY random() over every row: minutes at 10 million dossiers).
    const pct = Math.min(100, (100 * 60_000) / Math.max(dossiers, 1));
    const sample = (await a.query(`select code, right(coalesce(applicant_phone, applicant_id_number), 4) as v from dossier tablesample system (${pct})
      where coalesce(applicant_phone, applicant_id_number) is not null order by random() limit 20000`)).rows as { code: string; v: string }[];
    if (!sample.length) throw new Error('no dossier to track');
    const pick = () => sample[Math.floor(Math.random() * sample.length)];
    const trackReq = () => {
      const s = pick();
      return { method: 'GET', path: `/api/v1/public/tracking/${encodeURIComponent(s.code)}?verify=${s.v}` };
    };

    // Public tracking
    log(`${label}: public tracking at ${cfg.rate}/s offered for ${cfg.seconds} s (${dossiers.toLocaleString('en-US')} dossiers)`);
    await settle();
    let c0 = cpu.snapshot();
    mark(`${label} tracking fixed`);
    const fixed = await openLoop(httpc, cfg.rate, cfg.seconds, trackReq);
    const cpuT = CpuMeter.split(c0, cpu.snapshot());
    mark(`${label} tracking saturation`);
    log(`  ${fixed.rate.toFixed(0)}/s ok, ${fmtLat(fixed.latency)}`);
    const sat = await closedLoop(httpc.base, cfg.satConnections, cfg.satSeconds, trackReq);
    log(`  saturation (${cfg.satConnections} connections): ${sat.rate.toFixed(0)}/s, ${fmtLat(sat.latency)}`);
    await settle();
    mark(`${label} tracking raw`);
    const trackCaptured = capturer ? await capturer.capture(Array.from({ length: 100 }, () => () => httpc.request(trackReq()))) : [];
    const raw = capturer ? await replay(url, trackCaptured, cfg.rawIterations) : none;
    log(capturer ? `  raw SQL (the server's ${raw.statements.toFixed(1)} statements per request, replayed): ${fmtLat(raw.latency)}` : '  raw SQL: n/a (capturing the server\'s statements needs the embedded database)');
    const explain = await explainAll(watch, trackCaptured.find((r) => r.length));
    const tracking: ReadMeasure = { fixed, saturation: sat, raw: raw.latency, rawStatements: raw.statements, cpu: cpuT, explain, note: '' };

    // Inboxes
    const inbox: ReadSet['inbox'] = [];
    for (const u of users) {
      const req = () => ({ method: 'GET', path: '/api/v1/inbox', headers: { authorization: `Bearer ${u.token}` } });
      const probe = await httpc.json(req());
      if (probe.status !== 200) throw new Error(`inbox of ${u.username} answered ${probe.status}`);
      // The inbox's own counts stop at INBOX_COUNT_CAP: the backlog in the report is counted here.
      const total = await waitingFor(a, u.username);
      const shown = `${probe.body.counts.total}${probe.body.counts.capped.total ? '+' : ''}`;
      log(`${label}: inbox of ${u.username} (${u.label}; ${total.toLocaleString('en-US')} waiting, the inbox shows ${shown}) at ${cfg.inboxRate}/s offered for ${cfg.seconds} s`);
      await settle();
      c0 = cpu.snapshot();
      mark(`${label} inbox ${u.username} fixed`);
      const f = await openLoop(httpc, cfg.inboxRate, cfg.seconds, req);
      const cpuI = CpuMeter.split(c0, cpu.snapshot());
      mark(`${label} inbox ${u.username} saturation`);
      log(`  ${f.rate.toFixed(0)}/s ok, ${fmtLat(f.latency)}`);
      const s = await closedLoop(httpc.base, cfg.satConnections, cfg.satSeconds, req);
      log(`  saturation (${cfg.satConnections} connections): ${s.rate.toFixed(0)}/s, ${fmtLat(s.latency)}`);
      await settle();
      mark(`${label} inbox ${u.username} raw`);
      const captured = capturer ? await capturer.capture(Array.from({ length: 5 }, () => () => httpc.request(req()))) : [];
      const r = capturer ? await replay(url, captured, Math.max(50, Math.round(cfg.rawIterations / 5))) : none;
      log(capturer ? `  raw SQL (the server's ${r.statements.toFixed(1)} statements per request, replayed): ${fmtLat(r.latency)}` : '  raw SQL: n/a (capturing the server\'s statements needs the embedded database)');
      const ex = await explainAll(watch, captured.find((x) => x.length));
      inbox.push({ label: u.label, username: u.username, total, fixed: f, saturation: s, raw: r.latency, rawStatements: r.statements, cpu: cpuI, explain: ex, note: '' });
    }
    return { dossiers, tracking, inbox };
  } finally {
    await a.end().catch(() => {});
  }
}

/** Dossiers waiting at any (unit, role) the official's grants cover (units under a granted one included). */
async function waitingFor(c: pg.Client, username: string): Promise<number> {
  const r = await c.query(`with recursive pairs(unit_id, role) as (
      select g.unit_id, g.role from role_grant g join app_user u on u.id = g.user_id where u.username = $1
      union select o.id, p.role from org_unit o join pairs p on o.parent_id = p.unit_id)
    select count(*)::int as n from pairs p join dossier d on d.step_unit_id = p.unit_id and d.step_role = p.role
    where d.status in (1, 2, 4, 9)`, [username]);
  return r.rows[0].n;
}

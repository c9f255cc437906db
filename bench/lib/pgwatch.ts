/**
 * Evidence from PostgreSQL itself: pg_stat_statements (what the server's queries cost inside the
 * database) and pg_stat_activity sampled every 100 ms (are backends running, waiting on locks, or
 * idle inside a transaction while the application thinks).
 */
import type pg from 'pg';
import { pgClient } from './util.ts';

export interface StatementRow {
  calls: number;
  totalMs: number;
  planMs: number;
  meanMs: number;
  rows: number;
  query: string;
}

export class PgWatch {
  private client: pg.Client;
  private timer: NodeJS.Timeout | null = null;
  private samples = 0;
  private tally = new Map<string, number>();

  constructor(url: string, public statStatements: boolean) {
    this.client = pgClient(url, 'motcua-bench-watch');
  }

  async connect() {
    await this.client.connect();
  }

  async end() {
    this.stopSampling();
    await this.client.end().catch(() => {});
  }

  async resetStatements() {
    if (!this.statStatements) return;
    await this.client.query('select pg_stat_statements_reset()').catch(() => {
      this.statStatements = false;
    });
  }

  /** The statements that took the most database time since the last reset (this database only). */
  async topStatements(limit = 12): Promise<{ rows: StatementRow[]; totalMs: number; planMs: number; calls: number }> {
    if (!this.statStatements) return { rows: [], totalMs: 0, planMs: 0, calls: 0 };
    const r = await this.client.query(`
      select calls, total_exec_time, total_plan_time, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g') as query,
        sum(total_exec_time) over () as all_ms, sum(total_plan_time) over () as all_plan_ms, sum(calls) over () as all_calls
      from pg_stat_statements s join pg_database d on d.oid = s.dbid
      where d.datname = current_database() and query not ilike '%pg_stat_%' and query not ilike '%pg_backend_pid%'
      order by total_exec_time desc limit $1`, [limit]);
    return {
      rows: r.rows.map((x) => ({ calls: Number(x.calls), totalMs: Number(x.total_exec_time), planMs: Number(x.total_plan_time), meanMs: Number(x.mean_exec_time), rows: Number(x.rows), query: String(x.query) })),
      totalMs: Number(r.rows[0]?.all_ms ?? 0),
      planMs: Number(r.rows[0]?.all_plan_ms ?? 0),
      calls: Number(r.rows[0]?.all_calls ?? 0),
    };
  }

  /** Samples the backends of this database (the server's; pgbench's labelled as such). */
  startSampling() {
    this.stopSampling();
    this.samples = 0;
    this.tally = new Map();
    let busy = false;
    this.timer = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        const r = await this.client.query(
          `select coalesce(application_name, '') as app, state, coalesce(wait_event_type || ':' || wait_event, '') as wait, count(*)::int as n
           from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
             and coalesce(application_name, '') not like 'motcua-bench-%'
           group by 1, 2, 3`);
        this.samples++;
        for (const row of r.rows) {
          const who = row.app === 'pgbench' ? 'pgbench ' : '';
          const key = who + (row.state === 'active' ? (row.wait ? `active, waiting ${row.wait}` : 'active, running') : row.state === 'idle in transaction' ? 'idle in transaction (waiting for the client)' : String(row.state));
          this.tally.set(key, (this.tally.get(key) ?? 0) + row.n);
        }
      } catch {
        /* sampling is best-effort */
      } finally {
        busy = false;
      }
    }, 100);
  }

  stopSampling(): { samples: number; avg: { state: string; avgBackends: number }[] } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const n = Math.max(1, this.samples);
    const avg = [...this.tally.entries()].map(([state, c]) => ({ state, avgBackends: c / n })).sort((a, b) => b.avgBackends - a.avgBackends);
    return { samples: this.samples, avg };
  }

  /**
   * How often the server reloaded its in-memory caches since the last reset (org units: 30 s TTL;
   * calendar: 60 s TTL): more calls than the TTL allows means concurrent requests reloaded at once.
   */
  async cacheReloads(): Promise<{ orgUnits: number; calendar: number }> {
    if (!this.statStatements) return { orgUnits: NaN, calendar: NaN };
    const r = await this.client.query(`
      select coalesce(sum(calls) filter (where query ilike '%from "org_unit" where "valid_to" is null%'), 0) as org,
             coalesce(sum(calls) filter (where query ilike '%from "calendar_setting"%'), 0) as cal
      from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = current_database()`);
    return { orgUnits: Number(r.rows[0].org), calendar: Number(r.rows[0].cal) };
  }

  async explain(text: string, params: unknown[]): Promise<string> {
    const r = await this.client.query(`explain (analyze, buffers, costs off, timing on) ${text}`, params);
    return r.rows.map((x) => x['QUERY PLAN']).join('\n');
  }

  async checkpoint() {
    await this.client.query('checkpoint').catch(() => {});
  }
}

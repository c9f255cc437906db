/**
 * The "raw SQL" baseline of a read endpoint: the statements the server really sent for a request,
 * with their parameters, captured from PostgreSQL's own log (log_min_duration_statement = 0 for a
 * moment) and replayed from this process over node-postgres — same text, same parameters, same
 * split over connections (statements of one backend in order, backends in parallel), so the
 * baseline follows the server's SQL whenever the code changes. Embedded database only (its log is
 * ours to read).
 */
import { performance } from 'node:perf_hooks';
import { pgLog } from './env.ts';
import { pgClient, Samples, summarize, type LatencySummary } from './util.ts';

export interface Statement {
  pid: number;
  sql: string;
  params: (string | null)[];
}

const MARK_APP = 'motcua-bench-mark';
const PREFIX = '%m [%p] %a|';
const LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] ([^|]*)\|(LOG|DETAIL|ERROR|STATEMENT|WARNING|CONTEXT|HINT|FATAL):\s+(.*)$/;

/** `$1 = 'a''b', $2 = NULL` → ['a\'b', null] */
export function parseParams(s: string): (string | null)[] {
  const out: (string | null)[] = [];
  let i = 0;
  while (i < s.length) {
    const m = /^\s*,?\s*\$(\d+) = /.exec(s.slice(i));
    if (!m) break;
    i += m[0].length;
    const idx = Number(m[1]) - 1;
    if (s.startsWith('NULL', i)) {
      out[idx] = null;
      i += 4;
      continue;
    }
    if (s[i] !== "'") break;
    i++;
    let v = '';
    for (;;) {
      const q = s.indexOf("'", i);
      if (q < 0) {
        v += s.slice(i);
        i = s.length;
        break;
      }
      v += s.slice(i, q);
      if (s[q + 1] === "'") {
        v += "'";
        i = q + 2;
      } else {
        i = q + 1;
        break;
      }
    }
    out[idx] = v;
  }
  return out;
}

interface Entry { pid: number; app: string; level: string; text: string }

function parseLog(text: string): Entry[] {
  const entries: Entry[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (m) entries.push({ pid: Number(m[1]), app: m[2], level: m[3], text: m[4] });
    else if (entries.length && line.length) entries[entries.length - 1].text += `\n${line}`;
  }
  return entries;
}

/** Statements that only refresh the server's in-memory caches or resolve the session: not the endpoint's own work. */
const CACHE = /from "?(org_unit|calendar_setting|calendar_day|user_session|role_grant|procedure_version)"?|"user_session" as "s"/i;

export class Capturer {
  constructor(private adminUrl: string, private url: string) {}

  /**
   * Runs `requests` one after another with statement logging on; returns, per request, the
   * statements the server's sessions executed for it (cache refreshes and session lookups left out).
   */
  async capture(requests: (() => Promise<unknown>)[]): Promise<Statement[][]> {
    const admin = pgClient(this.adminUrl, 'motcua-bench-loader');
    const mark = pgClient(this.url, MARK_APP);
    await admin.connect();
    await mark.connect();
    let text = '';
    // Chunks arrive trimmed, one or more whole log lines each.
    pgLog.sink = (chunk) => {
      text += `${chunk}\n`;
    };
    try {
      await admin.query(`alter system set log_min_duration_statement = 0`);
      await admin.query(`alter system set log_line_prefix = '${PREFIX}'`);
      await admin.query(`select pg_reload_conf()`);
      // Wait until the marker session itself is logged: the new settings are in force.
      for (let i = 0; i < 50 && !text.includes('motcua-bench-mark-ready'); i++) {
        await mark.query(`select 'motcua-bench-mark-ready'`);
        await new Promise((r) => setTimeout(r, 20));
      }
      for (let i = 0; i < requests.length; i++) {
        await requests[i]();
        await mark.query(`select 'motcua-bench-mark-${i}'`);
      }
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await admin.query(`alter system reset log_min_duration_statement`).catch(() => {});
      await admin.query(`alter system reset log_line_prefix`).catch(() => {});
      await admin.query(`select pg_reload_conf()`).catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
      pgLog.sink = null;
      await admin.end().catch(() => {});
      await mark.end().catch(() => {});
    }
    if (process.env.BENCH_DEBUG_CAPTURE) console.log(text.slice(0, 6000));
    const out: Statement[][] = requests.map(() => []);
    let current = -1;
    const entries = parseLog(text);
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k];
      if (e.app === MARK_APP) {
        const m = /motcua-bench-mark-(\d+)/.exec(e.text);
        if (m) current = Number(m[1]) + 1;
        else if (e.text.includes('motcua-bench-mark-ready')) current = 0;
        continue;
      }
      if (e.app.startsWith('motcua-bench') || current < 0 || current >= out.length || e.level !== 'LOG') continue;
      const m = /^duration: [\d.]+ ms {2}(?:execute [^:]*|statement): ([\s\S]*)$/.exec(e.text);
      if (!m) continue;
      const sql = m[1].trim();
      if (CACHE.test(sql)) continue;
      const next = entries[k + 1];
      const params = next && next.pid === e.pid && next.level === 'DETAIL' && next.text.startsWith('Parameters: ') ? parseParams(next.text.slice('Parameters: '.length)) : [];
      out[current].push({ pid: e.pid, sql, params });
    }
    return out;
  }
}

/**
 * Replays captured requests from this process: statements of one backend in order on one
 * connection, different backends in parallel, as the server ran them. Cycles through the
 * requests for `iterations` timed runs (or `maxSeconds`), after a short warm-up.
 */
export async function replay(url: string, requests: Statement[][], iterations: number, maxSeconds = 8): Promise<{ latency: LatencySummary; statements: number }> {
  const usable = requests.filter((r) => r.length);
  if (!usable.length) return { latency: summarize([]), statements: 0 };
  const width = Math.max(...usable.map((r) => new Set(r.map((s) => s.pid)).size));
  const clients = await Promise.all(Array.from({ length: width }, async () => {
    const c = pgClient(url, 'motcua-bench-loader');
    await c.connect();
    return c;
  }));
  const runOne = async (req: Statement[]) => {
    const byPid = new Map<number, Statement[]>();
    for (const s of req) byPid.set(s.pid, [...(byPid.get(s.pid) ?? []), s]);
    await Promise.all([...byPid.values()].map(async (list, i) => {
      for (const s of list) await clients[i].query(s.sql, s.params);
    }));
  };
  try {
    for (let i = 0; i < Math.min(10, usable.length); i++) await runOne(usable[i]);
    const lat = new Samples();
    const end = performance.now() + maxSeconds * 1000;
    for (let i = 0; i < iterations && performance.now() < end; i++) {
      const t0 = performance.now();
      await runOne(usable[i % usable.length]);
      lat.push(performance.now() - t0);
    }
    return { latency: summarize(lat.values()), statements: usable.reduce((a, r) => a + r.length, 0) / usable.length };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}

/** Small helpers shared by the benchmark: logging with elapsed time, statistics, formatting. */
import pg from 'pg';

/** A client that survives its server going away (Ctrl-C stops PostgreSQL under our feet). */
export function pgClient(url: string, app = 'motcua-bench-loader'): pg.Client {
  const c = new pg.Client({ connectionString: url, application_name: app });
  c.on('error', () => {});
  return c;
}

const T0 = Date.now();

export function log(msg: string) {
  const s = ((Date.now() - T0) / 1000).toFixed(1).padStart(6);
  console.log(`[${s}s] ${msg}`);
}

/** Phase boundaries on the monotonic clock (µs), to slice a server CPU profile (--profile-dir) by phase. */
export const timeline: { name: string; us: number }[] = [];
export function mark(name: string) {
  timeline.push({ name, us: Number(process.hrtime.bigint() / 1000n) });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface LatencySummary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Exact percentiles (nearest rank) over every recorded sample, in milliseconds. */
export function summarize(samples: ArrayLike<number>): LatencySummary {
  const a = Float64Array.from(samples as ArrayLike<number>).sort();
  const n = a.length;
  if (n === 0) return { n: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const at = (p: number) => a[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i];
  return { n, mean: sum / n, p50: at(50), p90: at(90), p99: at(99), max: a[n - 1] };
}

/** A growable list of float samples (latencies in ms). */
export class Samples {
  private buf = new Float64Array(1 << 14);
  length = 0;
  push(v: number) {
    if (this.length === this.buf.length) {
      const b = new Float64Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.length++] = v;
  }
  values(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

export const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) : '–');
export const num = (v: number, digits = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
export const pct = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} %` : '–');

export function fmtLat(l: LatencySummary) {
  return `p50 ${ms(l.p50)} / p90 ${ms(l.p90)} / p99 ${ms(l.p99)} ms`;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const all = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

export function mdTable(headers: string[], rows: (string | number)[][]): string {
  const esc = (s: string | number) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${headers.map(esc).join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** A deterministic pseudo-random generator (mulberry32), so runs pick the same mix. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

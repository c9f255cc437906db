/**
 * Where the CPU went during a phase, from /proc: the server process tree, PostgreSQL (postmaster,
 * its live backends and the ones that exited meanwhile), this load generator (including reaped
 * children such as pgbench), everything else on the machine, and idle. Figures are in % of one
 * core, so a 2-core machine has 200 % in total.
 */
import fs from 'node:fs';
import os from 'node:os';

const HZ = 100; // USER_HZ: 100 on every Linux we run on

interface ProcTimes {
  pid: number;
  ppid: number;
  /** utime + stime of the process itself. */
  own: number;
  /** cutime + cstime: reaped children. */
  children: number;
}

/** `pid` may be a number, 'self' or 'pid/task/tid' (one thread). */
function readStat(pid: number | string): ProcTimes | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // rest[0] = state (field 3); utime is field 14 → rest[11]
    return {
      pid: typeof pid === 'number' ? pid : process.pid,
      ppid: Number(rest[1]),
      own: Number(rest[11]) + Number(rest[12]),
      children: Number(rest[13]) + Number(rest[14]),
    };
  } catch {
    return undefined;
  }
}

function allProcs(): ProcTimes[] {
  const out: ProcTimes[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const p = readStat(Number(d));
    if (p) out.push(p);
  }
  return out;
}

function treeTime(procs: ProcTimes[], root: number | undefined, exclude: Set<number>): number {
  if (!root) return 0;
  const byParent = new Map<number, ProcTimes[]>();
  for (const p of procs) {
    const l = byParent.get(p.ppid) ?? [];
    l.push(p);
    byParent.set(p.ppid, l);
  }
  const rootP = procs.find((p) => p.pid === root);
  if (!rootP) return 0;
  let total = rootP.own + rootP.children;
  const stack = [...(byParent.get(root) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    if (exclude.has(p.pid)) continue;
    total += p.own;
    stack.push(...(byParent.get(p.pid) ?? []));
  }
  return total;
}

function machineTicks(): { total: number; idle: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal guest guest_nice (guest already counted in user)
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
  return { total, idle: line[3] + line[4] };
}

export interface CpuSnapshot {
  t: number;
  server: number;
  /** the server's main thread alone: the JavaScript event loop */
  serverMain: number;
  /** ns the server's main thread spent runnable but waiting for a CPU (/proc/…/schedstat) */
  serverMainWaitNs: number;
  /** every other process on the machine, by pid (name, ticks) */
  others: Map<number, { name: string; ticks: number }>;
  postgres: number;
  loadgen: number;
  total: number;
  idle: number;
}

export interface CpuSplit {
  seconds: number;
  /** % of one core */
  server: number;
  serverMain: number;
  /** % of the time the event loop was ready to run but had no CPU */
  serverMainWait: number;
  /** the busiest other processes */
  topOthers: { name: string; pct: number }[];
  postgres: number;
  loadgen: number;
  other: number;
  idle: number;
  cores: number;
}

export class CpuMeter {
  constructor(private serverPid: () => number | undefined, private postmasterPid: () => number | undefined) {}

  snapshot(): CpuSnapshot {
    const procs = allProcs();
    const server = this.serverPid();
    const pm = this.postmasterPid();
    const self = readStat('self')!;
    // This process's own time plus reaped children (pgbench, psql). The server and an embedded
    // postmaster are our children too, but they are still running, so not in `children` yet.
    const m = machineTicks();
    const main = server ? readStat(`${server}/task/${server}`) : undefined;
    const mine = new Set<number>();
    const byParent = new Map<number, number[]>();
    for (const p of procs) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p.pid]);
    for (const root of [server, pm, process.pid]) {
      const stack = root ? [root] : [];
      while (stack.length) {
        const x = stack.pop()!;
        mine.add(x);
        stack.push(...(byParent.get(x) ?? []));
      }
    }
    const others = new Map<number, { name: string; ticks: number }>();
    for (const p of procs) {
      if (mine.has(p.pid) || p.own === 0) continue;
      let name = '?';
      try {
        name = fs.readFileSync(`/proc/${p.pid}/comm`, 'utf8').trim();
      } catch {
        /* gone */
      }
      others.set(p.pid, { name, ticks: p.own });
    }
    let waitNs = 0;
    try {
      if (server) waitNs = Number(fs.readFileSync(`/proc/${server}/task/${server}/schedstat`, 'utf8').split(' ')[1]);
    } catch {
      /* schedstat not available */
    }
    return {
      t: Date.now(),
      serverMain: main?.own ?? 0,
      serverMainWaitNs: waitNs,
      others,
      server: treeTime(procs, server, new Set()),
      postgres: treeTime(procs, pm, new Set()),
      loadgen: self.own + self.children + procs.filter((p) => p.ppid === process.pid && p.pid !== server && p.pid !== pm).reduce((s, p) => s + p.own + p.children, 0),
      total: m.total,
      idle: m.idle,
    };
  }

  static split(a: CpuSnapshot, b: CpuSnapshot): CpuSplit {
    const seconds = (b.t - a.t) / 1000;
    const cores = os.cpus().length;
    const toPct = (ticks: number) => (seconds > 0 ? (ticks / HZ / seconds) * 100 : NaN);
    const busy = (b.total - a.total) - (b.idle - a.idle);
    const server = toPct(b.server - a.server);
    const postgres = toPct(b.postgres - a.postgres);
    const loadgen = toPct(b.loadgen - a.loadgen);
    const busyPct = toPct(busy);
    const idle = toPct(b.idle - a.idle);
    const byName = new Map<string, number>();
    for (const [pid, o] of b.others) {
      const d = o.ticks - (a.others.get(pid)?.ticks ?? 0);
      if (d > 0) byName.set(o.name, (byName.get(o.name) ?? 0) + d);
    }
    const topOthers = [...byName].map(([name, t]) => ({ name, pct: toPct(t) })).sort((x, y) => y.pct - x.pct).slice(0, 3).filter((x) => x.pct >= 1);
    return { seconds, server, serverMain: toPct(b.serverMain - a.serverMain), serverMainWait: seconds > 0 ? ((b.serverMainWaitNs - a.serverMainWaitNs) / 1e9 / seconds) * 100 : NaN, topOthers, postgres, loadgen, other: Math.max(0, busyPct - server - postgres - loadgen), idle, cores };
  }
}

export function fmtCpu(c: CpuSplit): string {
  const f = (v: number) => `${v.toFixed(0)}%`;
  return `server ${f(c.server)} (main thread ${f(c.serverMain)} running, ${f(c.serverMainWait)} waiting for a CPU), postgres ${f(c.postgres)}, load generator ${f(c.loadgen)}, other ${f(c.other)}${c.topOthers.length ? ` [${c.topOthers.map((o) => `${o.name} ${f(o.pct)}`).join(', ')}]` : ''}, idle ${f(c.idle)} (of ${c.cores * 100}%)`;
}

/**
 * Waits (at most `maxSeconds`) until processes other than ours use less than `thresholdPct` % of
 * one core over a 2-second window, so a phase does not start in the middle of someone else's
 * build or test run on a shared machine. Returns what the last window measured.
 */
export async function waitQuiet(cpu: CpuMeter, maxSeconds: number, thresholdPct: number, onWait?: (otherPct: number) => void): Promise<{ waited: number; other: number }> {
  const r = await waitBelow(cpu, (c) => c.other, maxSeconds, thresholdPct, onWait);
  return { waited: r.waited, other: r.pct };
}

/**
 * Waits until the server process is idle (< thresholdPct of a core over 2 s), at most maxSeconds.
 * After an overload run the server still works through the requests its clients gave up on; a
 * measurement started before that drain would share the server with it.
 */
export async function waitServerIdle(cpu: CpuMeter, maxSeconds: number, thresholdPct = 10): Promise<{ waited: number; server: number }> {
  const r = await waitBelow(cpu, (c) => c.server, maxSeconds, thresholdPct);
  return { waited: r.waited, server: r.pct };
}

async function waitBelow(cpu: CpuMeter, pick: (c: CpuSplit) => number, maxSeconds: number, thresholdPct: number, onWait?: (pct: number) => void) {
  const t0 = Date.now();
  let pct = 0;
  for (let first = true; ; first = false) {
    const a = cpu.snapshot();
    await new Promise((r) => setTimeout(r, 2000));
    pct = pick(CpuMeter.split(a, cpu.snapshot()));
    if (pct < thresholdPct || Date.now() - t0 >= maxSeconds * 1000) break;
    if (first) onWait?.(pct);
  }
  return { waited: (Date.now() - t0) / 1000, pct };
}

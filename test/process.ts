import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** A Motcua server as its own OS process (`node --import tsx src/main.ts`), to kill and restart like a real one. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Resolves with the signal (e.g. 'SIGKILL') or the exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
  /** Everything it printed so far. */
  output(): string;
}

const repo = path.resolve(import.meta.dirname, '..');

/** A TCP port free right now (so a restarted server can come back on the same address). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts the server with `env` (DATABASE_URL, DATA_DIR, PORT…) and resolves once it prints its
 * address. `onExitEarly` rejects if it dies first — unless `expectDeath` (a fault armed to kill it).
 */
export function startServerProcess(env: Record<string, string>, opts: { expectDeath?: boolean } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: repo, env: { ...process.env, DEMO_DATA: 'false', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  const proc: ServerProcess = { child, url: '', exited, output: () => out };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    const check = () => {
      const m = out.match(/Web app:\s+(http:\/\/[^\s/]+)/);
      if (m) {
        clearTimeout(timer);
        proc.url = m[1];
        resolve(proc);
      }
    };
    child.stdout!.on('data', check);
    exited.then((s) => {
      clearTimeout(timer);
      if (opts.expectDeath) resolve(proc);
      else reject(new Error(`server exited (${s}) before starting:\n${out}`));
    });
  });
}

/** Stops it: SIGTERM (graceful) or SIGKILL (a crash), and waits for the exit. */
export async function stopServerProcess(p: ServerProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  return p.exited;
}

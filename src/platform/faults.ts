import fs from 'node:fs';
import path from 'node:path';

/**
 * Fault injection for crash tests: `MOTCUA_FAULTS=name[,name…]` makes `faultPoint(name)` kill this
 * process (SIGKILL: no clean-up, like a power cut) the first time it is reached. "First time" is
 * remembered in `MOTCUA_FAULTS_DIR` (a marker file per fault), so the restarted process carries on.
 * Unset in production: then a fault point is one string check.
 */
export function faultPoint(name: string): void {
  const armed = process.env.MOTCUA_FAULTS;
  if (!armed || !armed.split(',').includes(name)) return;
  const dir = process.env.MOTCUA_FAULTS_DIR;
  if (dir) {
    const marker = path.join(dir, `${name}.fired`);
    if (fs.existsSync(marker)) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(marker, new Date().toISOString());
  }
  process.kill(process.pid, 'SIGKILL');
}

/** An armed fault that makes an operation fail instead of killing the process (e.g. a full disk). */
export function faultArmed(name: string): boolean {
  return !!process.env.MOTCUA_FAULTS?.split(',').includes(name);
}

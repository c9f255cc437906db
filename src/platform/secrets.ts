import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A secret shared with an external system: the environment's value when given, else one generated
 * once into `file` (mode 0600, never committed; a bundled simulator reads the same file). Two
 * processes starting together agree: the first writer wins (`wx`), the other reads its value.
 */
export function sharedSecret(file: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv;
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const s = crypto.randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, s, { mode: 0o600, flag: 'wx' });
      return s;
    } catch {
      return fs.readFileSync(file, 'utf8').trim(); // another process wrote it first
    }
  }
}

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createTestDatabase } from '../server.ts';
import { freePort } from '../process.ts';
import { createDb } from '../../src/platform/db/database.ts';

/** Clean-ups run after the file's tests, last registered first (servers before their databases). */
export function useCleanup(): (fn: () => Promise<unknown>) => void {
  const list: (() => Promise<unknown>)[] = [];
  afterAll(async () => { for (const c of list.reverse()) await c().catch(() => {}); });
  return (fn) => { list.push(fn); };
}

/** What a fault script needs: its own database copy, data directory, a connection to check with, a port. */
export async function faultWorld(defer: (fn: () => Promise<unknown>) => void) {
  const db = await createTestDatabase();
  defer(() => db.drop());
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-fault-'));
  defer(() => fs.rm(dataDir, { recursive: true, force: true }));
  const { db: sql } = createDb(db.url, 2);
  defer(() => sql.destroy());
  return { dbUrl: db.url, dataDir, sql, port: await freePort() };
}

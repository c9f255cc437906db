import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Api } from '../server.ts';
import { findProcedure, submissionFor } from '../dossiers.ts';
import { freePort, startServerProcess, stopServerProcess, type ServerProcess } from '../process.ts';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../../src/platform/db/embedded.ts';
import { createDb } from '../../src/platform/db/database.ts';
import { report } from './report.ts';

/**
 * PostgreSQL is stopped for a few seconds while citizens submit dossiers, then started again.
 * The server stays up, answers 503 with Retry-After during the outage, recovers by itself, and
 * every acknowledged dossier is there afterwards (its own PostgreSQL, so it can be stopped).
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => { for (const c of cleanup.reverse()) await c().catch(() => {}); });

describe('PostgreSQL restarted under load', () => {
  it('stays up, answers 503 with Retry-After, recovers and loses nothing acknowledged', { timeout: 300_000 }, async () => {
    const pgDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-pgfault-'));
    cleanup.push(() => fs.rm(pgDir, { recursive: true, force: true }));
    let pgHandle: EmbeddedHandle = await startEmbeddedPostgres(pgDir);
    cleanup.push(() => pgHandle.stop());
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-fault-'));
    cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    // Two accounts stand in for many citizens: per-account submission limits off for the load.
    const server: ServerProcess = await startServerProcess({ DATABASE_URL: pgHandle.url, DATA_DIR: dataDir, PORT: String(await freePort()), RATE_LIMITS: 'false' });
    cleanup.push(() => stopServerProcess(server, 'SIGKILL'));

    const citizens = await Promise.all(['001090012345', '001195006789'].map((u) => new Api(server.url).login(u)));
    const proc = await findProcedure(citizens[0], 'lý lịch tư pháp');
    const bodies = await Promise.all(citizens.map((c, i) => submissionFor(c, proc, i === 0
      ? { idNumber: '001090012345', fullName: 'Nguyễn Văn An', phone: '0912345678' }
      : { idNumber: '001195006789', fullName: 'Trần Thị Bình', phone: '0987654321' })));
    const acked = new Map<string, string>();
    const stats = { sent: 0, unavailable: 0, withRetryAfter: 0, otherErrors: 0, connectionErrors: 0 };
    const other: Record<string, number> = {};
    let stop = false;
    const client = async (c: Api, body: unknown, n: number) => {
      for (let i = 0; !stop; i++) {
        const key = `fault-pg-${n}-${i}`;
        stats.sent++;
        for (const t0 = Date.now(); Date.now() - t0 < 60_000;) {
          try {
            const r = await c.post('/api/v1/dossiers', body, { 'idempotency-key': key });
            if (r.status === 201) { acked.set(key, r.body.id); break; }
            if (r.status === 503) {
              stats.unavailable++;
              if (r.headers.get('retry-after')) stats.withRetryAfter++;
            } else {
              stats.otherErrors++;
              other[r.status] = (other[r.status] ?? 0) + 1;
            }
          } catch {
            stats.connectionErrors++; // the server itself went away: must not happen here
          }
          await new Promise((r) => setTimeout(r, 300));
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const running = citizens.map((c, n) => client(c, bodies[n], n));
    await new Promise((r) => setTimeout(r, 3000));
    const beforeOutage = acked.size;
    const t0 = Date.now();
    await pgHandle.stop();
    await new Promise((r) => setTimeout(r, 5000));
    const during = acked.size;
    pgHandle = await startEmbeddedPostgres(pgDir);
    const outageMs = Date.now() - t0;
    // Recovery: the next acknowledged submission after PostgreSQL is back.
    const t1 = Date.now();
    while (acked.size <= during && Date.now() - t1 < 60_000) await new Promise((r) => setTimeout(r, 100));
    const recoveryMs = Date.now() - t1;
    await new Promise((r) => setTimeout(r, 3000));
    stop = true;
    await Promise.all(running);

    const { db } = createDb(pgHandle.url, 2);
    cleanup.push(() => db.destroy());
    const ids = [...acked.values()];
    const found = await db.selectFrom('dossier').select('id').where('id', 'in', ids).execute();
    const created = await db.selectFrom('dossier').select((eb) => eb.fn.countAll<number>().as('n')).where('applicant_id_number', 'in', ['001090012345', '001195006789']).executeTakeFirstOrThrow();
    report('PostgreSQL restarted under load', {
      'submissions': stats.sent, 'acknowledged': acked.size, 'acknowledged before the outage': beforeOutage, 'acknowledged during it': during - beforeOutage,
      '503 answers': stats.unavailable, '503 with Retry-After': stats.withRetryAfter, 'other errors': `${stats.otherErrors} ${JSON.stringify(other)}`,
      'connection errors (server down)': stats.connectionErrors, 'outage (ms)': outageMs, 'first success after restart (ms)': recoveryMs,
      'acknowledged found afterwards': found.length, 'dossiers in the database': Number(created.n),
    });
    if (server.child.exitCode !== null || stats.connectionErrors) console.log(server.output().slice(-5000));
    expect(server.child.exitCode).toBeNull(); // the server stayed up
    expect(stats.connectionErrors).toBe(0);
    expect(stats.unavailable).toBeGreaterThan(0);
    expect(stats.withRetryAfter).toBe(stats.unavailable);
    expect(stats.otherErrors).toBe(0);
    expect(acked.size).toBeGreaterThan(during); // it recovered by itself
    expect(found.length).toBe(ids.length);
    expect(Number(created.n)).toBe(acked.size); // no duplicates from the retries
  });
});

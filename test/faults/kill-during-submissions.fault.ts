import { describe, expect, inject, it } from 'vitest';
import { Api } from '../server.ts';
import { findProcedure, submissionFor } from '../dossiers.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../process.ts';
import { report } from './report.ts';
import { faultWorld, useCleanup } from './setup.ts';

/**
 * kill -9 the server while citizens submit dossiers at a steady rate; restart it on the same
 * address. Clients retry each submission with its Idempotency-Key until it is answered. Afterwards
 * every acknowledged dossier exists, and there is exactly one dossier per key.
 */
const defer = useCleanup();

describe(`kill -9 during submissions (${inject('pgKind')})`, () => {
  it('loses no acknowledged dossier and duplicates none', async () => {
    const { dbUrl, dataDir, sql, port } = await faultWorld(defer);
    // Two accounts stand in for many citizens: per-account submission limits off for the load.
    const env = { DATABASE_URL: dbUrl, DATA_DIR: dataDir, PORT: String(port), JOBS: 'false', RATE_LIMITS: 'false' };
    let server: ServerProcess = await startServerProcess(env);
    defer(() => stopServerProcess(server, 'SIGKILL'));
    const base = server.url;

    const citizens = await Promise.all(['001090012345', '001195006789'].map((u) => new Api(base).login(u)));
    const proc = await findProcedure(citizens[0], 'lý lịch tư pháp');
    const bodies = await Promise.all(citizens.map((c, i) => submissionFor(c, proc, i === 0
      ? { idNumber: '001090012345', fullName: 'Nguyễn Văn An', phone: '0912345678' }
      : { idNumber: '001195006789', fullName: 'Trần Thị Bình', phone: '0987654321' })));

    // Each client: one submission every ~40 ms, each retried with its key until answered 201.
    const acked = new Map<string, string>(); // key → dossier id
    const stats = { sent: 0, answered: 0, retries: 0, connectionErrors: 0, unavailable: 0 };
    let stopSubmitting = false;
    const client = async (c: Api, body: unknown, n: number) => {
      for (let i = 0; !stopSubmitting; i++) {
        const key = `fault-kill-${n}-${i}`;
        stats.sent++;
        for (let attempt = 0; ; attempt++) {
          try {
            const r = await c.post('/api/v1/dossiers', body, { 'idempotency-key': key });
            if (r.status === 201) { acked.set(key, r.body.id); stats.answered++; break; }
            if (r.status === 503) stats.unavailable++;
            else throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
          } catch (e) {
            if ((e as Error).message.startsWith('unexpected')) throw e;
            stats.connectionErrors++;
          }
          stats.retries++;
          await new Promise((r) => setTimeout(r, 100 + 50 * Math.min(attempt, 10)));
        }
        await new Promise((r) => setTimeout(r, 40));
      }
    };
    const before = Number((await sql.selectFrom('dossier').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const running = citizens.map((c, n) => client(c, bodies[n], n));

    // Let it run, kill -9, restart on the same port, let it run again.
    await new Promise((r) => setTimeout(r, 4000));
    const atKill = acked.size;
    await stopServerProcess(server, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 1500));
    server = await startServerProcess(env);
    await new Promise((r) => setTimeout(r, 4000));
    stopSubmitting = true;
    await Promise.all(running);

    const after = Number((await sql.selectFrom('dossier').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const ids = [...acked.values()];
    const found = await sql.selectFrom('dossier').select('id').where('id', 'in', ids).execute();
    report('kill -9 during submissions', {
      'submissions started': stats.sent, 'acknowledged (201)': acked.size, 'acknowledged before the kill': atKill,
      'retries': stats.retries, 'connection errors seen by clients': stats.connectionErrors, '503 answers': stats.unavailable,
      'dossiers created': after - before, 'acknowledged dossiers found after restart': found.length,
    });
    expect(stats.connectionErrors).toBeGreaterThan(0); // the kill really happened mid-load
    expect(found.length).toBe(ids.length); // nothing acknowledged was lost
    expect(new Set(ids).size).toBe(ids.length);
    expect(after - before).toBe(acked.size); // one dossier per key: retries created no duplicates
    await stopServerProcess(server);
  });
});

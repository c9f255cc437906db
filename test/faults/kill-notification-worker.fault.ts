import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { Api } from '../server.ts';
import { AN, findProcedure, step, submissionFor } from '../dossiers.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../process.ts';
import { report } from './report.ts';
import { faultWorld, useCleanup } from './setup.ts';

/**
 * The notification worker is killed (SIGKILL) while delivering a message, after writing it to the
 * mailbox but before its transaction commits. After restart the claim expires, the message is sent
 * again, and each message exists exactly once in the mailbox / in-app notices.
 */
const defer = useCleanup();

describe(`notification worker killed mid-delivery (${inject('pgKind')})`, () => {
  it('delivers every message once after the restart', async () => {
    const { dbUrl, dataDir, sql, port } = await faultWorld(defer);
    const env = {
      DATABASE_URL: dbUrl, DATA_DIR: dataDir, PORT: String(port), NOTIFICATION_LEASE_SECONDS: '3',
      MOTCUA_FAULTS: 'notifications.before-commit', MOTCUA_FAULTS_DIR: path.join(dataDir, 'faults'),
    };
    let server: ServerProcess = await startServerProcess(env, { expectDeath: true });
    defer(() => stopServerProcess(server, 'SIGKILL'));
    const an = await new Api(server.url).login(AN.idNumber);
    const proc = await findProcedure(an, 'lý lịch tư pháp');
    const d = (await an.post('/api/v1/dossiers', await submissionFor(an, proc))).body;
    // Reception queues the "received" messages (in-app, email, SMS) in the action's transaction.
    await step(await new Api(server.url).login('catp.tiepnhan'), d.id, 'receive');
    const queued = await sql.selectFrom('notification_outbox').select(['id', 'channel']).where('dossier_id', '=', d.id).execute();
    expect(queued.length).toBeGreaterThan(0);
    // The delivery job (nudged every 5 s) reaches the fault point and the process dies.
    expect(await server.exited).toBe('SIGKILL');
    // The whole outbox (the template database's demo dossiers queued messages too: any of them may be the one killed).
    const afterKill = await sql.selectFrom('notification_outbox').select(['state']).execute();
    server = await startServerProcess(env);
    let rows: { id: string | number; state: string; attempts: number; channel: string; dedupe_key: string }[] = [];
    for (let i = 0; i < 300; i++) {
      rows = await sql.selectFrom('notification_outbox').select(['id', 'state', 'attempts', 'channel', 'dedupe_key']).execute();
      if (rows.every((r) => r.state === 'sent')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows.filter((r) => r.state !== 'sent')).toEqual([]);
    const mailbox = await sql.selectFrom('dev_mailbox').select(['outbox_id']).execute();
    const notices = await sql.selectFrom('notice').select(['dedupe_key']).where('dedupe_key', 'like', 'outbox:%').execute();
    report('notification worker killed mid-delivery', {
      'messages queued': rows.length, 'sending when killed': afterKill.filter((r) => r.state === 'sending').length,
      'sent after restart': rows.filter((r) => r.state === 'sent').length, 'mailbox entries': mailbox.length, 'in-app notices': notices.length,
      'messages sent twice': mailbox.length - new Set(mailbox.map((m) => Number(m.outbox_id))).size,
      'attempts (max)': Math.max(...rows.map((r) => r.attempts)),
    });
    expect(afterKill.filter((r) => r.state === 'sending').length).toBeGreaterThan(0); // killed holding its claimed batch
    // Each email/SMS is in the mailbox once; each in-app message is one notice.
    expect(mailbox.length).toBe(rows.filter((r) => r.channel !== 'inapp').length);
    expect(new Set(mailbox.map((m) => Number(m.outbox_id))).size).toBe(mailbox.length);
    expect(notices.length).toBe(rows.filter((r) => r.channel === 'inapp').length);
    expect(Math.max(...rows.map((r) => r.attempts))).toBeGreaterThanOrEqual(2); // the killed attempt was repeated
    expect(rows.filter((r) => queued.some((q) => Number(q.id) === Number(r.id)))).toHaveLength(queued.length);
    await stopServerProcess(server);
  });
});

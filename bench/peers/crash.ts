/**
 * Crash test for the peers (not part of the unit suite):
 *
 *   npx tsx bench/peers/crash.ts [--database-url URL] [--workers 16] [--crash-after 4] [--peers dbos,bpmn]
 *
 * Each peer runs its closed loop in a child that SIGKILLs itself after `--crash-after` seconds,
 * mid-transaction for many dossiers; a second child then recovers (DBOS: launch recovers the
 * pending workflows; bpmn-engine: every unfinished dossier resumes from its stored engine state).
 * Passes when every dossier started before the crash is returned, exactly once: six action rows
 * (submit + five steps) with distinct steps, and (DBOS) no workflow left pending.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { makeTempDir, startDatabase } from '../lib/env.ts';
import { runStandalone } from './standalone.ts';
import { log } from '../lib/util.ts';
import { auditDossiers, freshDatabase } from './process.ts';
import { runChild, type PeerName } from './peers.ts';

const { values: opt } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    workers: { type: 'string', default: '16' },
    'crash-after': { type: 'string', default: '4' },
    peers: { type: 'string', default: 'dbos,bpmn' },
  },
});

async function count(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } catch {
    return NaN;
  } finally {
    await c.end();
  }
}

async function crashPeer(adminUrl: string, peer: PeerName): Promise<boolean> {
  const db = await freshDatabase(adminUrl, `crash_${peer}`);
  try {
    const crash = await runChild(peer, ['--url', db.url, '--workers', opt.workers!, '--seconds', '600', '--crash-after', opt['crash-after']!], log, 120_000);
    log(`${peer}: first child ended by ${crash.signal ?? `exit code ${crash.code}`}`);
    const before = await auditDossiers(db.url);
    const pendingBefore = peer === 'dbos' ? await count(db.url, `select count(*) as n from dbos.workflow_status where status = 'PENDING'`) : NaN;
    log(`${peer}: after the crash, dossiers by step: ${before.map((a) => `${a.step}: ${a.dossiers}`).join(', ')}${peer === 'dbos' ? `; pending workflows ${pendingBefore}` : ''}`);
    const rec = await runChild(peer, ['--url', db.url, '--recover-only'], log, 300_000);
    if (rec.code !== 0) throw new Error(`${peer}: recovery exited with ${rec.signal ?? `code ${rec.code}`}`);
    const after = await auditDossiers(db.url);
    const unfinished = after.filter((a) => a.step < 5).reduce((n, a) => n + a.dossiers, 0);
    const bad = after.reduce((n, a) => n + a.inconsistent, 0);
    const total = after.reduce((n, a) => n + a.dossiers, 0);
    const startedBefore = before.reduce((n, a) => n + a.dossiers, 0);
    const unfinishedBefore = before.filter((a) => a.step < 5).reduce((n, a) => n + a.dossiers, 0);
    let ok = unfinished === 0 && bad === 0 && total >= startedBefore && unfinishedBefore > 0;
    let extra = '';
    if (peer === 'dbos') {
      const pending = await count(db.url, `select count(*) as n from dbos.workflow_status where status <> 'SUCCESS'`);
      const workflows = await count(db.url, `select count(*) as n from dbos.workflow_status`);
      extra = `; workflows ${workflows}, not SUCCESS ${pending}`;
      ok &&= pending === 0 && workflows === total;
    }
    log(
      `${peer}: ${ok ? 'PASS' : 'FAIL'} — ${unfinishedBefore} dossiers were mid-process at the crash; after recovery ${total} dossiers (${startedBefore} existed before), ${unfinished} unfinished, ${bad} with action rows not exactly one per step${extra}`,
    );
    return ok;
  } finally {
    await db.drop().catch(() => {});
  }
}

async function main() {
  const tmp = await makeTempDir();
  const db = await startDatabase(tmp, opt['database-url']);
  log(`load average: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
  let all = true;
  for (const peer of opt.peers!.split(',') as PeerName[]) all = (await crashPeer(db.adminUrl, peer)) && all;
  process.exitCode = all ? 0 : 1;
}

runStandalone(main);

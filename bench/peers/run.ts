/**
 * Standalone peer comparison (issue 6):
 *
 *   npx tsx bench/peers/run.ts --workers 32 --seconds 30 [--database-url URL] [--peers dbos,bpmn,bpmn-recover,plain] [--quiet-wait 60]
 *
 * Without a URL it starts the bench's embedded PostgreSQL (same settings as `npm run bench`);
 * with one, each peer gets a fresh database there, dropped at the end.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { makeTempDir, startDatabase } from '../lib/env.ts';
import { runStandalone } from './standalone.ts';
import { log, ms, table } from '../lib/util.ts';
import { PEERS, runPeers, type PeerName } from './peers.ts';

const { values: opt } = parseArgs({
  options: {
    workers: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '30' },
    'database-url': { type: 'string' },
    peers: { type: 'string' },
    'quiet-wait': { type: 'string', default: '60' },
  },
});

async function main() {
  const tmp = await makeTempDir();
  const db = await startDatabase(tmp, opt['database-url']);
  const peers = (opt.peers?.split(',') ?? [...PEERS]) as PeerName[];
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');
  log(`PostgreSQL ${db.version}${db.embedded ? ' (embedded)' : ''}; load average before: ${load()} (1 / 5 / 15 min, ${os.cpus().length} CPUs)`);
  const results = await runPeers({ adminUrl: db.adminUrl, workers: Number(opt.workers), seconds: Number(opt.seconds), log, peers, postmasterPid: db.postmasterPid, quietWaitSeconds: Number(opt['quiet-wait']) });
  log(`load average after: ${load()}`);
  console.log(
    `\n${table(
      ['peer', 'version', 'dossiers', 'seconds', 'dossiers/s', 'failed', 'step p50 / p90 / p99 ms', 'CPU ms/dossier: peer / PostgreSQL', 'commits / statements per dossier'],
      results.map((r) => [r.name, r.version, r.dossiers, r.seconds.toFixed(1), r.perSecond.toFixed(1), r.failed, `${ms(r.stepLatency.p50)} / ${ms(r.stepLatency.p90)} / ${ms(r.stepLatency.p99)}`, `${r.cpuMsPerDossier.toFixed(1)} / ${r.pgCpuMsPerDossier?.toFixed(1) ?? '–'}`, `${r.commitsPerDossier?.toFixed(1) ?? '–'} / ${Number.isFinite(r.statementsPerDossier) ? r.statementsPerDossier!.toFixed(1) : '–'}`]),
    )}\n`,
  );
  for (const r of results) {
    console.log(`${r.name}: ${r.durability}.\n  ${r.notes}${r.cpu ? `\n  CPU during the run: ${r.cpu}` : ''}${r.firstError ? `\n  first error: ${r.firstError.split('\n')[0]}` : ''}`);
  }
}

runStandalone(main);

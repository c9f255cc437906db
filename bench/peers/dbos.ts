/**
 * Peer: the dossier process as a DBOS workflow. Run as its own process (DBOS launches once per
 * process): `node --import tsx bench/peers/dbos.ts --url URL --workers 32 --seconds 30`
 * prints log lines on stderr and one `PEER_RESULT {json}` line on stdout.
 *
 * `--crash-after S` (crash test) exits abruptly after S seconds of load; `--recover-only` launches
 * DBOS, lets it recover the pending workflows of the crashed process and waits for them.
 * The system database is the peer's own database (schema `dbos`), as is the app data.
 */
import { DBOS } from '@dbos-inc/dbos-sdk';
import { pgDataSource } from './dbos-datasource.ts';
import { emitResult, runMain, STEPS, StepClock, applyStep, argValue, closedLoop, createSchema, insertDossier, newDossierId, packageVersion } from './process.ts';

const url = argValue('url');
const workers = Number(argValue('workers', '32'));
const seconds = Number(argValue('seconds', '30'));
const crashAfter = Number(argValue('crash-after', '0'));
const recoverOnly = process.argv.includes('--recover-only');
const POOL = 20; // as Motcua's server pool (src/platform/db/database.ts)

const version = packageVersion('@dbos-inc/dbos-sdk');
const clock = new StepClock();
let timing = true;

const app = pgDataSource('app', { connectionString: url, max: POOL, application_name: 'peer-dbos-app' });

// One workflow per dossier: submission, then the five steps, each a DBOS transaction step.
const dossierWorkflow = DBOS.registerWorkflow(
  async (id: string, citizen: string): Promise<number> => {
    let v = await app.run('submit', async (c) => {
      await insertDossier(c, id, citizen);
      return 1;
    });
    for (let i = 0; i < STEPS.length; i++) {
      const step = () => app.run(`${STEPS[i].action}-${i + 1}`, (c) => applyStep(c, id, i, v));
      v = timing ? await clock.time(step) : await step();
    }
    return v;
  },
  { name: 'dossierLifecycle' },
);

async function main() {
  if (!recoverOnly) await createSchema(url);
  DBOS.setConfig({ name: 'motcua-peer', systemDatabaseUrl: url, systemDatabasePoolSize: POOL, logLevel: 'warn' });
  await DBOS.launch();
  if (recoverOnly) {
    timing = false;
    // Launch re-enqueues this executor's pending workflows on DBOS's internal queue; wait until they are all done.
    for (let i = 0; i < 1200; i++) {
      const open = (await DBOS.listWorkflows({})).filter((w) => w.status === 'PENDING' || w.status === 'ENQUEUED');
      if (open.length === 0) break;
      if (i % 20 === 0) console.error(`recovery: ${open.length} workflows not finished yet`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await DBOS.shutdown();
    return;
  }
  if (crashAfter > 0) {
    setTimeout(() => {
      console.error(`crash: exiting abruptly after ${crashAfter} s`);
      process.kill(process.pid, 'SIGKILL');
    }, crashAfter * 1000);
  }
  let n = 0;
  const r = await closedLoop(workers, seconds, async (w) => {
    const id = newDossierId();
    await DBOS.withNextWorkflowID(id, () => dossierWorkflow(id, `citizen-${w}-${++n}`));
  });
  await DBOS.shutdown();
  emitResult({
    name: 'DBOS SDK',
    version,
    durability:
      "each step's writes commit with its completion record in one app-database transaction (synchronous_commit=on), then DBOS checkpoints the step in its system database, before the next step",
    notes: `one DBOS workflow per dossier (submission + 5 transaction steps); node-pg data source (bench/peers/dbos-datasource.ts); app pool ${POOL}, system pool ${POOL}, same database`,
  }, r, clock);
}

runMain(main);

/**
 * Reference line: the same process and tables with no engine — submission and five step
 * transactions issued directly with node-postgres. Not Motcua's SQL (no hash chains, forms or
 * deadlines): it shows what the shared SQL costs on this machine, so each engine's overhead is visible.
 *
 *   node --import tsx bench/peers/plain.ts --url URL --workers 32 --seconds 30
 */
import pg from 'pg';
import { emitResult, runMain, STEPS, StepClock, applyStep, argValue, closedLoop, createSchema, inTx, insertDossier, newDossierId, packageVersion } from './process.ts';

const url = argValue('url');
const workers = Number(argValue('workers', '32'));
const seconds = Number(argValue('seconds', '30'));
const POOL = 20; // as Motcua's server pool

async function main() {
  await createSchema(url);
  const pool = new pg.Pool({ connectionString: url, max: POOL, application_name: 'peer-plain' });
  pool.on('error', () => {});
  const clock = new StepClock();
  let n = 0;
  const r = await closedLoop(workers, seconds, async (w) => {
    const id = newDossierId();
    await inTx(pool, (c) => insertDossier(c, id, `citizen-${w}-${++n}`));
    let v = 1;
    for (let i = 0; i < STEPS.length; i++) v = await clock.time(() => inTx(pool, (c) => applyStep(c, id, i, v)));
  });
  await pool.end();
  emitResult({
    name: 'SQL only (no engine)',
    version: `pg ${packageVersion('pg')}`,
    durability: "each step's transaction committed (synchronous_commit=on) before the next; no engine state",
    notes: `reference: the peers' tables and statements without an engine; pool ${POOL}`,
  }, r, clock);
}

runMain(main);

/**
 * Peer: the dossier process as a BPMN 2.0 model run by `bpmn-engine`. Each dossier is one engine
 * execution of start → five user tasks → end; an official's action signals the waiting task, the
 * engine moves to the next task's wait, and then the engine's resumable state
 * (`execution.getState()`), the dossier update and the action row commit in ONE transaction before
 * the next task can be signalled. A crash resumes from the stored state (`--recover-only`).
 *
 *   node --import tsx bench/peers/bpmn.ts --url URL --workers 32 --seconds 30
 *   … --crash-after S       exit abruptly after S seconds of load (crash test)
 *   … --recover-only        resume every unfinished dossier from its stored state and finish it
 *   … --recover-each-step   no engine kept in memory between steps: each step reads the stored
 *                           state, recovers and resumes an engine from it (as when steps are days apart)
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { Engine } from 'bpmn-engine';
import { emitResult, runMain, STEPS, StepClock, applyStep, argValue, closedLoop, createSchema, inTx, insertDossier, newDossierId, packageVersion } from './process.ts';

const url = argValue('url');
const workers = Number(argValue('workers', '32'));
const seconds = Number(argValue('seconds', '30'));
const crashAfter = Number(argValue('crash-after', '0'));
const recoverOnly = process.argv.includes('--recover-only');
const recoverEachStep = process.argv.includes('--recover-each-step');
const POOL = 20; // as Motcua's server pool

const TASKS = STEPS.map((s, i) => ({ id: `step${i + 1}_${s.action}`, name: `${s.role}: ${s.action}` }));
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="dossierDefinitions" targetNamespace="https://motcua.example/bpmn">
  <process id="dossier" isExecutable="true">
    <startEvent id="submitted" />
${TASKS.map((t) => `    <userTask id="${t.id}" name="${t.name}" />`).join('\n')}
    <endEvent id="returned" />
${['submitted', ...TASKS.map((t) => t.id), 'returned']
  .slice(0, -1)
  .map((from, i, a) => `    <sequenceFlow id="flow${i}" sourceRef="${from}" targetRef="${i + 1 < a.length ? a[i + 1] : 'returned'}" />`)
  .join('\n')}
  </process>
</definitions>`;

const STATE_SQL = `create table if not exists peer_engine_state (
  dossier_id text primary key references peer_dossier(id),
  state jsonb not null,
  updated_at timestamptz not null default now()
)`;

/** One engine execution with a handle on the user task it waits at. */
class Run {
  private waiting: { signal: (m?: unknown) => void; id: string } | null = null;
  private notify: (() => void) | null = null;
  private ended = false;
  readonly listener = new EventEmitter();
  constructor(readonly engine: ReturnType<typeof Engine>) {
    this.listener.on('activity.wait', (api: { id: string; signal: (m?: unknown) => void }) => {
      this.waiting = api;
      this.notify?.();
    });
    engine.once('end', () => {
      this.ended = true;
      this.notify?.();
    });
  }
  /** Resolves when the engine waits at a user task (its id) or has ended (null). */
  async settle(): Promise<string | null> {
    while (!this.waiting && !this.ended) await new Promise<void>((r) => (this.notify = r));
    this.notify = null;
    return this.waiting?.id ?? null;
  }
  signal(actor: string) {
    const w = this.waiting!;
    this.waiting = null;
    w.signal({ actor });
  }
  state() {
    return this.engine.execution.getState();
  }
}

const saveState = (c: pg.PoolClient, id: string, state: unknown) =>
  c.query(`insert into peer_engine_state (dossier_id, state) values ($1, $2) on conflict (dossier_id) do update set state = excluded.state, updated_at = now()`, [id, JSON.stringify(state)]);

/** A new engine resumed from the dossier's stored state, waiting at its current task. */
async function resumed(pool: pg.Pool, id: string): Promise<Run> {
  const r = await pool.query<{ state: unknown }>(`select state from peer_engine_state where dossier_id = $1`, [id]);
  const run = new Run(new Engine({ name: id }).recover(r.rows[0].state));
  await run.engine.resume({ listener: run.listener });
  return run;
}

/** Steps `from`..4 of a dossier whose engine waits at task `from` (`run`, or recovered per step). */
async function drive(pool: pg.Pool, first: Run | null, id: string, from: number, version: number, clock: StepClock | null) {
  let v = version;
  let run = first;
  for (let i = from; i < STEPS.length; i++) {
    const step = async () => {
      // The version check in applyStep guards against a concurrent change between this read and the commit.
      if (!run || recoverEachStep) run = await resumed(pool, id);
      const at = await run.settle();
      if (at !== TASKS[i].id) throw new Error(`dossier ${id}: engine waits at ${at}, expected ${TASKS[i].id}`);
      run.signal(`${STEPS[i].role}-1`);
      await run.settle(); // the next task's wait (or the end): the state to store
      const state = run.state();
      v = await inTx(pool, async (c) => {
        const nv = await applyStep(c, id, i, v);
        await saveState(c, id, state);
        return nv;
      });
    };
    if (clock) await clock.time(step);
    else await step();
  }
}

async function oneDossier(pool: pg.Pool, citizen: string, clock: StepClock) {
  const id = newDossierId();
  const run = new Run(new Engine({ name: id, source: XML }));
  await run.engine.execute({ listener: run.listener });
  await run.settle();
  const state = run.state();
  await inTx(pool, async (c) => {
    await insertDossier(c, id, citizen);
    await saveState(c, id, state);
  });
  await drive(pool, recoverEachStep ? null : run, id, 0, 1, clock);
}

/** After a crash: every dossier not yet returned resumes from its stored engine state. */
async function recoverAll(pool: pg.Pool) {
  const r = await pool.query<{ id: string; step: number; version: number; state: unknown }>(
    `select d.id, d.step, d.version, s.state from peer_dossier d join peer_engine_state s on s.dossier_id = d.id where d.step < $1`,
    [STEPS.length],
  );
  console.error(`recovering ${r.rows.length} unfinished dossiers`);
  await Promise.all(
    r.rows.map(async (row) => {
      await drive(pool, null, row.id, row.step, row.version, null);
    }),
  );
  return r.rows.length;
}

async function main() {
  const pool = new pg.Pool({ connectionString: url, max: POOL, application_name: 'peer-bpmn' });
  pool.on('error', () => {});
  if (recoverOnly) {
    await recoverAll(pool);
    await pool.end();
    return;
  }
  await createSchema(url);
  await pool.query(STATE_SQL);
  if (crashAfter > 0) {
    setTimeout(() => {
      console.error(`crash: exiting abruptly after ${crashAfter} s`);
      process.kill(process.pid, 'SIGKILL');
    }, crashAfter * 1000);
  }
  const clock = new StepClock();
  let n = 0;
  const r = await closedLoop(workers, seconds, (w) => oneDossier(pool, `citizen-${w}-${++n}`, clock));
  const size = await pool.query<{ avg: string }>(`select coalesce(avg(pg_column_size(state)), 0)::int::text as avg from peer_engine_state`);
  await pool.end();
  emitResult({
    name: recoverEachStep ? 'bpmn-engine (recover per step)' : 'bpmn-engine',
    version: packageVersion('bpmn-engine'),
    durability: "each task's engine state, dossier update and action row commit in one transaction (synchronous_commit=on) before the next task can be signalled",
    notes: `BPMN start → 5 userTasks → end, ${recoverEachStep ? 'each step reads the stored state and recovers/resumes an engine from it before signalling (no engine kept in memory)' : 'one engine execution per dossier kept in memory between steps (the optimistic case: no recover() per step)'}; state stored as jsonb, ${size.rows[0].avg} bytes on average; pool ${POOL}; bpmn-elements ${packageVersion('bpmn-elements')}`,
  }, r, clock);
}

runMain(main);

/**
 * A node-postgres transactional data source for DBOS 5, written against the SDK's public
 * `@dbos-inc/dbos-sdk/datasource` interface (DBOS ships such data sources as separate packages,
 * not installed here). It follows what DBOS's own PostgreSQL data sources do: a transaction step's
 * writes and its completion record (`dbos.transaction_completion` in the app database) commit in
 * one transaction, so a step re-run after a crash replays the recorded output instead of writing
 * twice; DBOS additionally checkpoints the step in its system database.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { DBOS } from '@dbos-inc/dbos-sdk';
import { inTx } from './process.ts';
import {
  type DataSourceTransactionHandler,
  DBOSStepAlreadyRecordedError,
  DBOSWorkflowConflictError,
  assertStillOwnsWorkflow,
  isPGRetriableTransactionError,
  migrateDataSourcePG,
  registerDataSource,
  replayRecordedStep,
  runTransaction,
} from '@dbos-inc/dbos-sdk/datasource';

const SCHEMA = 'dbos';
const current = new AsyncLocalStorage<pg.PoolClient>();

// The SDK replays outputs with SuperJSON; steps here return numbers/null, which it reads as plain JSON.
const encode = (v: unknown) => JSON.stringify({ json: v ?? null });

class PgTransactionHandler implements DataSourceTransactionHandler {
  pool: pg.Pool | undefined;
  constructor(
    readonly name: string,
    private readonly config: pg.PoolConfig,
  ) {}

  async initialize(): Promise<void> {
    this.pool = new pg.Pool(this.config);
    this.pool.on('error', () => {});
    await inTx(this.pool, (c) => migrateDataSourcePG(async (sql) => (await c.query(sql)).rows, SCHEMA));
  }

  async destroy(): Promise<void> {
    const p = this.pool;
    this.pool = undefined;
    await p?.end();
  }

  private get db(): pg.Pool {
    if (!this.pool) throw new Error(`data source ${this.name} is not initialized`);
    return this.pool;
  }

  async deleteCheckpoints(workflowID: string, startStep: number, beforeCommit?: () => Promise<void>): Promise<void> {
    const sql = `delete from ${SCHEMA}.transaction_completion where workflow_id = $1 and function_num >= $2`;
    if (!beforeCommit) {
      await this.db.query(sql, [workflowID, startStep]);
      return;
    }
    await inTx(this.db, async (c) => {
      await c.query(sql, [workflowID, startStep]);
      await beforeCommit();
    });
  }

  private async recorded(workflowID: string, stepID: number) {
    const r = await this.db.query<{ output: string | null; error: string | null }>(`select output, error from ${SCHEMA}.transaction_completion where workflow_id = $1 and function_num = $2`, [workflowID, stepID]);
    return r.rows[0];
  }

  async invokeTransactionFunction<This, Args extends unknown[], Return>(_config: unknown, target: This, func: (this: This, ...args: Args) => Promise<Return>, ...args: Args): Promise<Return> {
    const workflowID = DBOS.workflowID;
    const stepID = DBOS.stepID;
    const record = workflowID !== undefined && stepID !== undefined;
    for (let wait = 1; ; wait = Math.min(wait * 1.5, 2000)) {
      if (record) {
        const prev = await this.recorded(workflowID, stepID);
        if (prev) return replayRecordedStep<Return>(prev);
      }
      const c = await this.db.connect();
      try {
        await c.query('begin');
        const out = await current.run(c, () => func.call(target, ...args));
        if (record) {
          const ins = await c.query(`insert into ${SCHEMA}.transaction_completion (workflow_id, function_num, output) values ($1, $2, $3) on conflict do nothing returning workflow_id`, [workflowID, stepID, encode(out)]);
          if (ins.rowCount === 0) throw new DBOSStepAlreadyRecordedError(workflowID, stepID);
          // Holding the checkpoint row: a newer owner of the workflow waits on this commit, a stale one rolls back.
          await assertStillOwnsWorkflow(workflowID);
        }
        await c.query('commit');
        return out;
      } catch (e) {
        await c.query('rollback').catch(() => {});
        if (record && e instanceof DBOSStepAlreadyRecordedError) {
          const prev = await this.recorded(workflowID, stepID);
          if (prev) return replayRecordedStep<Return>(prev);
        }
        if (e instanceof DBOSWorkflowConflictError) throw e;
        if (isPGRetriableTransactionError(e)) {
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        // Failed steps are not recorded here: the bench treats any failure as a failed dossier.
        throw e;
      } finally {
        c.release();
      }
    }
  }
}

/** Registers the data source (before DBOS.launch) and returns how to run a transaction step on it. */
export function pgDataSource(name: string, config: pg.PoolConfig) {
  const handler = new PgTransactionHandler(name, config);
  registerDataSource(handler);
  return {
    /** A DBOS transaction step: `fn` gets the transaction's client; its result is checkpointed. */
    run<T>(stepName: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
      return runTransaction(() => fn(current.getStore()!), stepName, { dsName: name });
    },
  };
}

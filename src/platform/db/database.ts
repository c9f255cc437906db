import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';

/**
 * The typed schema. Each module adds its own tables by augmenting this interface
 * (`declare module '.../platform/db/database.ts' { interface DB { … } }`), so the table
 * types live next to the module that owns the tables.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface DB {}

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type Executor = Db | Tx;

// int8 and numeric come back as strings by default; counts fit in JS numbers here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// `date` columns stay 'YYYY-MM-DD' strings: they are local calendar dates, not instants.
pg.types.setTypeParser(1082, (v) => v);

export function createDb(url: string, poolSize = 20): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // A client losing its server (PostgreSQL restarted) must not crash the process: idle clients
  // report to the pool; a checked-out client between two statements (e.g. inside a transaction)
  // emits on itself, and an unheard 'error' event would kill the server. Its query fails instead
  // and the request answers 503 (platform/http/app.ts).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/** Runs `fn` in the caller's transaction if there is one, else in a new transaction. */
export async function inTx<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return (db as Db).transaction().execute(fn);
}

import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface MigrationSource {
  module: string;
  dir: string;
}

const LOCK_KEY = 726_001; // arbitrary, constant: one migrator at a time per database

/**
 * Applies every module's `migrations/*.sql` in module order then file order, each in its
 * own transaction, recording them in `schema_migration`. Safe to run twice and from two
 * processes at once (advisory lock); refuses to continue if an applied file was edited.
 */
export async function migrate(db: Db, sources: MigrationSource[], log: (m: string) => void = () => {}): Promise<number> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      await sql`create table if not exists schema_migration (
        module text not null, name text not null, checksum text not null,
        applied_at timestamptz not null default now(), primary key (module, name))`.execute(conn);
      const applied = await sql<{ module: string; name: string; checksum: string }>`select module, name, checksum from schema_migration`.execute(conn);
      const done = new Map(applied.rows.map((r) => [`${r.module}/${r.name}`, r.checksum]));
      let count = 0;
      for (const src of sources) {
        const files = (await fs.readdir(src.dir).catch(() => [] as string[])).filter((f) => f.endsWith('.sql')).sort();
        for (const file of files) {
          const text = await fs.readFile(path.join(src.dir, file), 'utf8');
          const checksum = crypto.createHash('sha256').update(text).digest('hex');
          const prev = done.get(`${src.module}/${file}`);
          if (prev) {
            if (prev !== checksum) throw new Error(`migration ${src.module}/${file} was edited after it was applied; add a new migration instead`);
            continue;
          }
          await conn.transaction().execute(async (tx) => {
            await sql.raw(text).execute(tx);
            await sql`insert into schema_migration (module, name, checksum) values (${src.module}, ${file}, ${checksum})`.execute(tx);
          });
          log(`migrated ${src.module}/${file}`);
          count++;
        }
      }
      return count;
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
}

/** True when every migration file on disk is recorded as applied (used by /readyz). */
export async function pendingMigrations(db: Db, sources: MigrationSource[]): Promise<string[]> {
  const applied = await sql<{ k: string }>`select module || '/' || name as k from schema_migration`.execute(db).catch(() => ({ rows: [] as { k: string }[] }));
  const have = new Set(applied.rows.map((r) => r.k));
  const pending: string[] = [];
  for (const src of sources) {
    const files = (await fs.readdir(src.dir).catch(() => [] as string[])).filter((f) => f.endsWith('.sql'));
    for (const f of files) if (!have.has(`${src.module}/${f}`)) pending.push(`${src.module}/${f}`);
  }
  return pending;
}

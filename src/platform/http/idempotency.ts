import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db/database.ts';
import { Problem } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by runCommand when the response is a stored one replayed for a repeated Idempotency-Key. */
    idempotentReplay: boolean;
  }
}

export interface CommandResult<T = unknown> {
  status: number;
  body: T;
  replayed?: boolean;
}

/**
 * Runs a state-changing request in one transaction. With an `Idempotency-Key` header the key
 * is claimed inside that same transaction: a concurrent duplicate waits for the first to
 * commit and then replays its stored response; a failed first attempt rolls the key back too,
 * so a retry runs afresh. Nothing is ever half-written.
 */
export async function runCommand<T>(db: Db, req: FastifyRequest, fn: (tx: Tx) => Promise<CommandResult<T>>, hashBody = true): Promise<CommandResult<T>> {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key) return db.transaction().execute(fn);
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new Problem(400, 'invalid_idempotency_key', 'Idempotency-Key không hợp lệ (tối đa 200 ký tự ASCII in được).', 'Invalid Idempotency-Key (at most 200 printable ASCII characters).');
  }
  const scope = req.principal?.userId ?? 'anonymous';
  const hash = crypto.createHash('sha256').update(`${req.method} ${req.url}\n`).update(hashBody ? JSON.stringify(req.body ?? null) : '').digest('hex');
  return db.transaction().execute(async (tx) => {
    const claimed = await sql`insert into idempotency_key (scope, key, request_hash) values (${scope}, ${key}, ${hash})
      on conflict do nothing returning key`.execute(tx);
    if (claimed.rows.length === 0) {
      const prev = await sql<{ request_hash: string; status_code: number; response: T }>`select request_hash, status_code, response
        from idempotency_key where scope = ${scope} and key = ${key}`.execute(tx);
      const row = prev.rows[0];
      if (!row || row.request_hash !== hash) {
        throw new Problem(422, 'idempotency_key_reused', 'Idempotency-Key này đã được dùng cho một yêu cầu khác.', 'This Idempotency-Key was already used for a different request.');
      }
      // The answer says it is a replay (header set in onSend, platform/http/app.ts), whichever route ran.
      req.idempotentReplay = true;
      return { status: row.status_code, body: row.response, replayed: true };
    }
    const result = await fn(tx);
    await sql`update idempotency_key set status_code = ${result.status}, response = ${JSON.stringify(result.body)}::jsonb
      where scope = ${scope} and key = ${key}`.execute(tx);
    return result;
  });
}

import crypto from 'node:crypto';
import type pg from 'pg';

/**
 * Tamper-evident logs (issue 6): every chained log row stores `prev_hash` (its predecessor's hash in
 * the same chain, null for the first) and `hash` = SHA-256 over the canonical encoding of
 * `[log, chain key, position, prev_hash as hex | null, ...content fields]`. Rows are linked by a
 * BEFORE INSERT trigger (src/platform/migrations/002_audit_chain.sql + each module's migration);
 * this file re-implements the encoding on its own so the verifier does not trust SQL functions that
 * an attacker with database access could replace, and walks every chain with a cursor.
 */

/** Canonical encoding: '-' for null, else '<UTF-8 byte length>:<text>', concatenated. Same as SQL `audit_chain_hash`. */
export function chainEncode(fields: readonly (string | null)[]): Buffer {
  let s = '';
  for (const f of fields) s += f === null ? '-' : `${Buffer.byteLength(f, 'utf8')}:${f}`;
  return Buffer.from(s, 'utf8');
}

export function chainHash(fields: readonly (string | null)[]): Buffer {
  return crypto.createHash('sha256').update(chainEncode(fields)).digest();
}

/** SQL rendering of an instant in the canonical form (microseconds since the epoch, as text). */
export const instant = (col: string) => `(extract(epoch from ${col}) * 1000000)::bigint::text`;

/** One chained log: how to read its rows in chain order and render their content fields as text. */
export interface ChainedLog {
  /** The name hashed into every link (the table name). */
  log: string;
  table: string;
  /** What a chain is, for the report (e.g. "per dossier"). */
  chainsAre: string;
  /** SQL (over alias `t`) giving the chain key as text, exactly as the trigger hashes it. */
  chain: string;
  /** SQL (over `t`) giving the position in the chain (1, 2, …). */
  position: string;
  /** SQL (over `t`) identifying the row for people reading the report. */
  id: string;
  /** ORDER BY (over `t`) putting each chain's rows together in position order; should match an index. */
  orderBy: string;
  /** SQL expressions (over `t`) giving the content fields as text, in the trigger's order. */
  fields: string[];
  /**
   * Rows deleted from the END of a chain leave no broken link, so each chain's last row is compared
   * with its recorded head (`audit_chain_head` via `headsTail`, or e.g. the dossier's version): SQL
   * returning only the chains that differ, with columns chain, expected, found (text, null = none)
   * and hash_differs (boolean).
   */
  tailSql: string;
}

/**
 * The tail check for logs whose heads are in `audit_chain_head`: `key` is the column the chain key is
 * made of (`chain` renders it as text), `position` the position column; an index on
 * (key nulls first, position) makes the last row of every chain an index-only walk backwards.
 */
export function headsTail(log: string, table: string, key: string, chain: string, position = 'chain_seq'): string {
  return `select coalesce(h.chain, l.chain) as chain, h.seq::text as expected, l.pos::text as found, (h.hash is distinct from l.hash) as hash_differs
    from (select chain, seq, hash from audit_chain_head where log = '${log}') h
    full join (select distinct on (t.${key}) ${chain} as chain, t.${position} as pos, t.hash from ${table} t order by t.${key} desc nulls last, t.${position} desc) l on l.chain = h.chain
    where h.seq is distinct from l.pos or h.hash is distinct from l.hash`;
}

export type BreakKind = 'hash_mismatch' | 'broken_link' | 'gap' | 'tail';

export interface ChainBreak {
  log: string;
  kind: BreakKind;
  chain: string;
  position: number | null;
  id: string | null;
  message: string;
}

export interface LogReport {
  log: string;
  chainsAre: string;
  rows: number;
  chains: number;
  breaks: ChainBreak[];
  /** Breaks beyond `maxBreaks` are counted, not kept. */
  moreBreaks: number;
}

export interface VerifyOptions {
  batch?: number;
  maxBreaks?: number;
  onProgress?: (log: string, rows: number) => void;
}

const hex = (b: Buffer | null) => (b ? b.toString('hex') : null);
const same = (a: Buffer | null, b: Buffer | null) => (a === null || b === null ? a === b : a.equals(b));

/**
 * Walks every chain of `logs` inside ONE read-only repeatable-read transaction (a consistent
 * snapshot while writers go on) with a server-side cursor, so memory stays flat for millions of rows.
 */
export async function verifyChains(client: pg.ClientBase, logs: readonly ChainedLog[], opts: VerifyOptions = {}): Promise<LogReport[]> {
  const batch = opts.batch ?? 10_000;
  const maxBreaks = opts.maxBreaks ?? 1000;
  const reports: LogReport[] = [];
  await client.query('begin isolation level repeatable read read only');
  try {
    for (const l of logs) {
      const rep: LogReport = { log: l.log, chainsAre: l.chainsAre, rows: 0, chains: 0, breaks: [], moreBreaks: 0 };
      const add = (b: Omit<ChainBreak, 'log'>) => {
        if (rep.breaks.length < maxBreaks) rep.breaks.push({ log: l.log, ...b });
        else rep.moreBreaks++;
      };
      await client.query(`declare audit_chain_cursor no scroll cursor for
        select ${l.chain} as chain, (${l.position})::text as pos, (${l.id})::text as id, t.prev_hash, t.hash, ${l.fields.map((f) => `(${f})::text`).join(', ')}
        from ${l.table} t order by ${l.orderBy}`);
      let chain: string | null = null;
      let prevPos = 0;
      let prevHash: Buffer | null = null;
      let prevId: string | null = null;
      for (;;) {
        const r = await client.query({ text: `fetch ${batch} from audit_chain_cursor`, rowMode: 'array' });
        for (const row of r.rows as unknown[][]) {
          const [c, p, id, storedPrev, stored, ...fields] = row as [string, string, string, Buffer | null, Buffer | null, ...(string | null)[]];
          const pos = Number(p);
          if (c !== chain) {
            chain = c;
            prevPos = 0;
            prevHash = null;
            prevId = null;
            rep.chains++;
          }
          rep.rows++;
          if (pos !== prevPos + 1) {
            add({ kind: 'gap', chain: c, position: pos, id,
              message: pos <= prevPos ? `position ${pos} repeats or goes back after ${prevPos}`
                : `positions ${prevPos + 1}${pos - 1 > prevPos + 1 ? `–${pos - 1}` : ''} missing before this row (row${pos - 1 > prevPos + 1 ? 's' : ''} deleted)` });
          }
          if (!same(storedPrev, prevHash)) {
            add({ kind: 'broken_link', chain: c, position: pos, id,
              message: prevId === null
                ? 'prev_hash is set but no earlier row exists in this chain (earlier rows deleted)'
                : `prev_hash does not match the hash of the row before it (${prevId}): a row between them was deleted or that row's hash was rewritten` });
          }
          const computed = chainHash([l.log, c, String(pos), hex(storedPrev), ...fields]);
          if (!stored || !computed.equals(stored)) {
            add({ kind: 'hash_mismatch', chain: c, position: pos, id, message: 'hash does not match the row\'s content: the row was edited' });
          }
          prevPos = pos;
          prevHash = stored;
          prevId = id;
        }
        if (opts.onProgress) opts.onProgress(l.log, rep.rows);
        if (r.rows.length < batch) break;
      }
      await client.query('close audit_chain_cursor');

      const tails = await client.query<{ chain: string; expected: string | null; found: string | null; hash_differs: boolean }>(l.tailSql);
      for (const x of tails.rows) {
        const expected = x.expected === null ? null : Number(x.expected);
        const found = x.found === null ? null : Number(x.found);
        const message = expected === null ? 'no head is recorded for this chain (its head was removed)'
          : found === null ? `its head says ${expected} row(s) but none are left: the whole chain was deleted`
          : found < expected ? `the chain ends at ${found} but should end at ${expected}: the last ${expected - found} row(s) were deleted`
          : found > expected ? `the chain goes on to ${found} beyond its head ${expected}`
          : 'the last row\'s hash differs from the one recorded in its head: the row was rewritten';
        add({ kind: 'tail', chain: x.chain, position: found, id: null, message });
      }
      reports.push(rep);
    }
  } finally {
    await client.query('rollback').catch(() => {});
  }
  return reports;
}

/** Human-readable report lines; `ok` is false when any chain is broken. */
export function formatReport(reports: readonly LogReport[]): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  const n = (x: number) => x.toLocaleString('en-US');
  for (const r of reports) {
    const broken = r.breaks.length + r.moreBreaks;
    if (broken === 0) {
      lines.push(`${r.log}: OK — ${n(r.rows)} rows in ${n(r.chains)} chain${r.chains === 1 ? '' : 's'} (${r.chainsAre})`);
      continue;
    }
    ok = false;
    lines.push(`${r.log}: BROKEN — ${n(broken)} problem${broken === 1 ? '' : 's'} in ${n(r.rows)} rows, ${n(r.chains)} chains (${r.chainsAre})`);
    for (const b of r.breaks) {
      lines.push(`  ${b.log} chain ${b.chain}${b.position !== null ? ` position ${b.position}` : ''}${b.id ? ` (row ${b.id})` : ''}: ${b.kind} — ${b.message}`);
    }
    if (r.moreBreaks) lines.push(`  … and ${n(r.moreBreaks)} more`);
  }
  return { ok, lines };
}

import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

/**
 * Daily dossier sequence numbers per agency, handed out from blocks reserved in short
 * autocommitted statements. Taking the counter row inside each submission's transaction would
 * serialise every submission to an agency behind the one before it (the row stays locked until
 * commit); a block is reserved in one statement and its lock released at once.
 *
 * Blocks adapt to the load: one number at a time when traffic is light (dense, gap-free codes),
 * growing while blocks run out quickly. Numbers of a block not used when the process stops, or of
 * a submission that fails, are skipped: codes stay unique and ordered within a process, not
 * necessarily gap-free.
 */
interface Block { next: number; end: number; size: number; reservedAt: number; pending?: Promise<void> }

const MAX_BLOCK = 64;
const blocks = new Map<string, Block>();

async function reserve(db: Db, agencyCode: string, day: string, b: Block) {
  // Ran out within a second: double the next block; otherwise shrink back towards one.
  const now = Date.now();
  b.size = b.end > 0 && now - b.reservedAt < 1000 ? Math.min(MAX_BLOCK, b.size * 2) : Math.max(1, Math.floor(b.size / 2));
  const r = await sql<{ last: number }>`insert into dossier_code_counter (agency_code, day, last) values (${agencyCode}, ${day}, ${b.size})
    on conflict (agency_code, day) do update set last = dossier_code_counter.last + ${b.size} returning last`.execute(db);
  const last = Number(r.rows[0].last);
  b.next = last - b.size + 1;
  b.end = last;
  b.reservedAt = now;
}

export async function nextSequence(db: Db, agencyCode: string, day: string): Promise<number> {
  const key = `${agencyCode}|${day}`;
  let b = blocks.get(key);
  if (!b) {
    // Yesterday's blocks are of no more use.
    for (const k of blocks.keys()) if (!k.endsWith(`|${day}`)) blocks.delete(k);
    b = { next: 1, end: 0, size: 1, reservedAt: 0 };
    blocks.set(key, b);
  }
  while (b.next > b.end) {
    if (!b.pending) b.pending = reserve(db, agencyCode, day, b).finally(() => { b!.pending = undefined; });
    await b.pending;
  }
  return b.next++;
}

/** `{agency code}-{yyMMdd}-{sequence}` with the local (UTC+7) date. */
export async function newDossierCode(db: Db, agencyCode: string, at: Date): Promise<string> {
  const local = new Date(at.getTime() + 7 * 3600_000).toISOString();
  const day = local.slice(0, 10);
  const yymmdd = local.slice(2, 4) + local.slice(5, 7) + local.slice(8, 10);
  const n = await nextSequence(db, agencyCode, day);
  return `${agencyCode}-${yymmdd}-${String(n).padStart(4, '0')}`;
}

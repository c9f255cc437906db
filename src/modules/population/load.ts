import { sql } from 'kysely';
import { inTx, type Executor } from '../../platform/db/database.ts';
import type { GeneratedHousehold } from './generator.ts';
import './tables.ts';

export interface LoadOptions {
  /** People per INSERT (households of a batch go in the same transaction). Default 8,000. */
  batchSize?: number;
  /** Batches in flight at once (each on its own connection). Default 2. */
  concurrency?: number;
  onProgress?: (s: LoadStats) => void;
}

export interface LoadStats {
  households: number;
  people: number;
  batches: number;
  /** Wall-clock time of the whole load, generation included. */
  ms: number;
  /** Time spent generating rows and building the column arrays (on the event loop). */
  generateMs: number;
  /** People + households inserted per second of wall-clock time. */
  rowsPerSecond: number;
}

/**
 * Streams households into population_household / population_person with multi-row
 * `INSERT … SELECT FROM unnest($1::text[], …)` batches — one statement per table and batch, every
 * column sent as one array parameter — keeping `concurrency` batches in flight while the next one is
 * generated. (node-postgres has no COPY without pg-copy-streams; unnest batches come close.)
 * Each batch is one transaction with synchronous_commit off: a crash loses at most the last batches,
 * never leaves half a household. Given a transaction, every batch joins it.
 */
export async function loadPopulation(db: Executor, source: Iterable<GeneratedHousehold>, opts: LoadOptions = {}): Promise<LoadStats> {
  const batchSize = opts.batchSize ?? 8000;
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const t0 = performance.now();
  const stats: LoadStats = { households: 0, people: 0, batches: 0, ms: 0, generateMs: 0, rowsPerSecond: 0 };
  const inflight = new Set<Promise<void>>();
  let failure: unknown;
  let batch: GeneratedHousehold[] = [];
  let people = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    const g0 = performance.now();
    const cols = toColumns(batch);
    stats.generateMs += performance.now() - g0;
    const hh = batch.length;
    const n = people;
    batch = [];
    people = 0;
    while (inflight.size >= concurrency) await Promise.race(inflight);
    if (failure) throw failure;
    const p: Promise<void> = insertColumns(db, cols).then(() => {
      stats.households += hh;
      stats.people += n;
      stats.batches++;
      stats.ms = performance.now() - t0;
      stats.rowsPerSecond = (stats.households + stats.people) / (stats.ms / 1000);
      opts.onProgress?.({ ...stats });
    }, (e) => { failure ??= e; }).finally(() => { inflight.delete(p); });
    inflight.add(p);
  };

  const it = source[Symbol.iterator]();
  for (;;) {
    const g0 = performance.now();
    const r = it.next();
    stats.generateMs += performance.now() - g0;
    if (r.done) break;
    batch.push(r.value);
    people += r.value.members.length;
    if (people >= batchSize) await flush();
  }
  await flush();
  await Promise.all(inflight);
  if (failure) throw failure;
  stats.ms = performance.now() - t0;
  stats.rowsPerSecond = (stats.households + stats.people) / (stats.ms / 1000);
  return stats;
}

interface Columns { h: string[]; p: string[] }

/**
 * A PostgreSQL array literal of text values ("{"a","b",NULL}"), sent as one text parameter and cast
 * (`$1::text[]`). Several times cheaper than letting node-postgres serialise a JS array, which runs
 * two regular-expression replacements on every element.
 */
export function pgTextArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null) out += 'NULL';
    else out += '"' + (v.includes('"') || v.includes('\\') ? v.replace(/["\\]/g, '\\$&') : v) + '"';
  }
  return out + '}';
}

const H_COLS = 5;
const P_COLS = 18;

/**
 * Column arrays of a batch. A member's permanent address is the household's, so it is sent once per
 * household and filled in by the database; the current address only when it differs (about 5 % of
 * people). That halves the bytes to encode and send.
 */
function toColumns(batch: GeneratedHousehold[]): Columns {
  const h: string[][] = Array.from({ length: H_COLS }, () => []);
  const p: (string | null)[][] = Array.from({ length: P_COLS }, () => []);
  for (const { household: x, members } of batch) {
    h[0].push(x.id); h[1].push(x.headIdNumber); h[2].push(x.communeCode); h[3].push(x.address); h[4].push(x.source);
    for (const m of members) {
      if (m.householdId !== x.id || m.permanentAddress !== x.address || m.permanentCommuneCode !== x.communeCode) {
        throw new Error(`${m.idNumber}: a member's household and permanent address must be the household's`);
      }
      const moved = m.currentAddress !== x.address || m.currentCommuneCode !== x.communeCode;
      p[0].push(m.idNumber); p[1].push(m.fullName); p[2].push(m.dateOfBirth); p[3].push(m.sex); p[4].push(m.ethnicity);
      p[5].push(m.religion); p[6].push(m.nationality); p[7].push(m.placeOfOrigin); p[8].push(m.birthRegistrationCode);
      p[9].push(m.birthRegistrationPlace); p[10].push(moved ? m.currentCommuneCode : null); p[11].push(moved ? m.currentAddress : null);
      p[12].push(m.householdId); p[13].push(m.householdRole); p[14].push(m.maritalStatus);
      p[15].push(m.fatherIdNumber); p[16].push(m.motherIdNumber); p[17].push(m.spouseIdNumber);
    }
  }
  return { h: h.map(pgTextArray), p: p.map(pgTextArray) };
}

/** One statement per batch: the households (CTE), then their members joined to them for the addresses. */
async function insertColumns(db: Executor, { h, p }: Columns): Promise<void> {
  await inTx(db, async (tx) => {
    await sql`set local synchronous_commit = off`.execute(tx);
    await sql`with h as (
        insert into population_household (id, head_id_number, commune_code, address, source)
        select * from unnest(${h[0]}::text[], ${h[1]}::text[], ${h[2]}::text[], ${h[3]}::text[], ${h[4]}::text[])
        returning id, commune_code, address)
      insert into population_person (id_number, full_name, date_of_birth, sex, ethnicity, religion, nationality,
        place_of_origin, birth_registration_code, birth_registration_place, permanent_commune_code, permanent_address,
        current_commune_code, current_address, household_id, household_role, marital_status,
        father_id_number, mother_id_number, spouse_id_number)
      select t.id_number, t.full_name, t.date_of_birth, t.sex, t.ethnicity, t.religion, t.nationality,
        t.place_of_origin, t.birth_registration_code, t.birth_registration_place, h.commune_code, h.address,
        coalesce(t.current_commune_code, h.commune_code), coalesce(t.current_address, h.address), t.household_id, t.household_role,
        t.marital_status, t.father_id_number, t.mother_id_number, t.spouse_id_number
      from unnest(${p[0]}::text[], ${p[1]}::text[], ${p[2]}::date[], ${p[3]}::text[], ${p[4]}::text[], ${p[5]}::text[],
          ${p[6]}::text[], ${p[7]}::text[], ${p[8]}::text[], ${p[9]}::text[], ${p[10]}::text[], ${p[11]}::text[], ${p[12]}::text[],
          ${p[13]}::text[], ${p[14]}::text[], ${p[15]}::text[], ${p[16]}::text[], ${p[17]}::text[])
        as t(id_number, full_name, date_of_birth, sex, ethnicity, religion, nationality, place_of_origin, birth_registration_code,
          birth_registration_place, current_commune_code, current_address, household_id, household_role, marital_status,
          father_id_number, mother_id_number, spouse_id_number)
      join h on h.id = t.household_id`.execute(tx);
  });
}

/**
 * The secondary indexes of the population tables, exactly as migrations/001_population.sql creates
 * them (population.int.test.ts checks the two agree). Bulk loads into an empty population drop them
 * and build them once at the end, which is much faster than maintaining them row by row.
 */
export const SECONDARY_INDEXES: Record<string, string> = {
  population_household_commune: 'create index if not exists population_household_commune on population_household (commune_code)',
  population_person_household: 'create index if not exists population_person_household on population_person (household_id)',
  population_person_father: 'create index if not exists population_person_father on population_person (father_id_number) where father_id_number is not null',
  population_person_mother: 'create index if not exists population_person_mother on population_person (mother_id_number) where mother_id_number is not null',
};

/** Creates any missing secondary index (after an interrupted bulk load). */
export async function ensureIndexes(db: Executor): Promise<void> {
  for (const ddl of Object.values(SECONDARY_INDEXES)) await sql.raw(ddl).execute(db);
}

/** Runs `fn` with the secondary indexes dropped, then builds them again (also when `fn` fails). */
export async function withoutSecondaryIndexes<T>(db: Executor, fn: () => Promise<T>): Promise<{ result: T; indexMs: number }> {
  for (const name of Object.keys(SECONDARY_INDEXES)) await sql.raw(`drop index if exists ${name}`).execute(db);
  let t0 = 0;
  try {
    const result = await fn();
    t0 = performance.now();
    await ensureIndexes(db);
    return { result, indexMs: performance.now() - t0 };
  } catch (e) {
    await ensureIndexes(db);
    throw e;
  }
}

/**
 * City-scale citizens (issue 6): a synthetic population of Hà Nội from the population module's own
 * generator, loaded into the population registry by its loader, and an account (app_user, level-2
 * e-ID) for every resident aged 14 or more — the age a citizen identity card is issued — streamed
 * with COPY, until `accounts` citizens have one. Registry and accounts agree person by person, so
 * identity checks and prefill on submissions behave as for real residents.
 *
 * The generator is deterministic for a seed, so the accounts pass simply generates the same
 * households again rather than holding a million people in memory.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createDb } from '../../src/platform/db/database.ts';
import { generatePopulation, type GeneratedHousehold } from '../../src/modules/population/generator.ts';
import { loadPopulation, withoutSecondaryIndexes } from '../../src/modules/population/load.ts';
import { provinceCommunes } from '../../src/modules/population/service.ts';
import { demoIdNumbers } from '../../src/modules/population/demo.ts';
import { log } from './util.ts';

const SEED = 'motcua-bench';
const AS_OF = 2026;

export interface CitizensResult { accounts: number; people: number; households: number; registrySeconds: number; accountsSeconds: number }

/** Households until `accounts` people aged 14+ are in them (the same households on every call). */
function* households(communes: Awaited<ReturnType<typeof provinceCommunes>>, accounts: number, firstHouseholdNumber: number, excludeIds: string[]): Generator<GeneratedHousehold> {
  let adults = 0;
  for (const h of generatePopulation({ households: Number.MAX_SAFE_INTEGER, seed: SEED, provinceCode: '01', provinceFullName: communes.provinceFullName, communes: communes.communes, asOfYear: AS_OF, excludeIds, firstHouseholdNumber })) {
    yield h;
    for (const m of h.members) if (AS_OF - Number(m.dateOfBirth.slice(0, 4)) >= 14) adults++;
    if (adults >= accounts) return;
  }
}

export async function loadCitizensCopy(url: string, admin: pg.Client, accounts: number): Promise<CitizensResult> {
  const { db, pool } = createDb(url, 3);
  try {
    const communes = await provinceCommunes(db, '01');
    // After the demo households npm start seeded (its synthetic ones too: their ID numbers are not generated again).
    const excludeIds = [...demoIdNumbers(), ...(await admin.query(`select id_number from population_person`)).rows.map((r) => r.id_number as string)];
    const first = Number((await admin.query(`select coalesce(max(right(id, 10)::bigint), 0) + 1 as n from population_household where id like '01%'`)).rows[0].n);
    const t0 = Date.now();
    const { result: stats } = await withoutSecondaryIndexes(db, () => loadPopulation(db, households(communes, accounts, first, excludeIds), {
      batchSize: 8000, concurrency: 2,
      onProgress: (s) => { if (s.batches % 40 === 0) log(`  population: ${s.people.toLocaleString('en-US')} people`); },
    }));
    const registrySeconds = (Date.now() - t0) / 1000;
    log(`  population registry: ${stats.people.toLocaleString('en-US')} people in ${stats.households.toLocaleString('en-US')} households, ${registrySeconds.toFixed(0)} s`);

    const t1 = Date.now();
    let n = 0;
    const rows = function* () {
      let chunk: string[] = [];
      for (const h of households(communes, accounts, first, excludeIds)) {
        for (const m of h.members) {
          if (AS_OF - Number(m.dateOfBirth.slice(0, 4)) < 14 || n >= accounts) continue;
          n++;
          const phone = `09${String((n * 7919) % 100_000_000).padStart(8, '0')}`;
          chunk.push(['citizen', m.fullName, m.idNumber, m.dateOfBirth, m.sex, phone, `bench-${n}@example.vn`, m.currentAddress || m.permanentAddress, 2].join('\t'));
          if (chunk.length >= 5000) {
            yield chunk.join('\n') + '\n';
            chunk = [];
          }
        }
      }
      if (chunk.length) yield chunk.join('\n') + '\n';
    };
    await pipeline(Readable.from(rows()), admin.query(copyFrom(`copy app_user (kind, full_name, id_number, date_of_birth, sex, phone, email, address, eid_level) from stdin`)));
    await admin.query(`drop table if exists bench_citizen`);
    await admin.query(`create unlogged table bench_citizen as
      select row_number() over (order by id_number)::int as n, id, full_name, id_number, phone, email
      from app_user where kind = 'citizen' and email like 'bench-%@example.vn'`);
    await admin.query(`alter table bench_citizen add primary key (n)`);
    await admin.query(`vacuum (analyze) app_user`);
    return { accounts: n, people: stats.people, households: stats.households, registrySeconds, accountsSeconds: (Date.now() - t1) / 1000 };
  } finally {
    await pool.end();
  }
}

import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { demoIdNumbers, demoPopulation } from './demo.ts';
import { generatePopulation, type GeneratedHousehold } from './generator.ts';
import { ensureIndexes, loadPopulation } from './load.ts';
import { hasPeople, provinceCommunes } from './service.ts';

export const DEMO_HOUSEHOLDS = 2000;
export const DEMO_SEED = 2026;
const LOCK_KEY = 726_004;

/**
 * The demo households of the three demo citizens, plus (unless DEMO_DATA=false) 2,000 synthetic
 * households of Hà Nội. Skipped when the population already has people (a CLI load, an earlier start).
 */
export async function seedPopulation(ctx: AppContext): Promise<void> {
  await ensureIndexes(ctx.db); // after a bulk load (cli.ts) that was killed before it rebuilt them
  await ctx.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    if (await hasPeople(tx)) return;
    const { provinceFullName, communes } = await provinceCommunes(tx, '01');
    const known = new Set(communes.map((c) => c.code));
    const demo = demoPopulation();
    for (const h of demo) if (!known.has(h.household.communeCode)) throw new Error(`population seed: commune ${h.household.communeCode} is not in force`);
    function* all(): Generator<GeneratedHousehold> {
      yield* demo;
      if (ctx.config.demoData) yield* generatePopulation({ households: DEMO_HOUSEHOLDS, seed: DEMO_SEED, provinceCode: '01', provinceFullName, communes, excludeIds: demoIdNumbers() });
    }
    const s = await loadPopulation(tx, all(), { concurrency: 1 });
    ctx.log(`population: ${s.households} households, ${s.people} people loaded in ${Math.round(s.ms)} ms`);
  });
}

// Generate a synthetic population and load it into DATABASE_URL or the embedded database:
//   npx tsx src/modules/population/cli.ts --households 100000 --seed 1 [--replace] [--batch 8000] [--concurrency 2]
//   npx tsx src/modules/population/cli.ts --households 100000 --dry-run      (generation speed only: reads the communes, writes nothing)
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../../platform/config.ts';
import { createDb } from '../../platform/db/database.ts';
import { resolveDatabaseUrl } from '../../platform/database-setup.ts';
import { migrateAll } from '../../server.ts';
import { seedAdminUnits } from '../geo/seed.ts';
import { demoIdNumbers, demoPopulation } from './demo.ts';
import { generatePopulation, type GeneratedHousehold } from './generator.ts';
import { ensureIndexes, loadPopulation, withoutSecondaryIndexes } from './load.ts';
import { hasPeople, provinceCommunes } from './service.ts';

const { values: a } = parseArgs({
  options: {
    households: { type: 'string' },
    seed: { type: 'string', default: '1' },
    province: { type: 'string', default: '01' },
    batch: { type: 'string', default: '8000' },
    concurrency: { type: 'string', default: '2' },
    replace: { type: 'boolean', default: false },
    'no-demo': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    'keep-indexes': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const households = Number(a.households);
if (a.help || !Number.isInteger(households) || households < 1) {
  console.log(`usage: npx tsx src/modules/population/cli.ts --households N [--seed S] [--replace] [--no-demo] [--batch 8000] [--concurrency 2] [--keep-indexes] [--dry-run]
  Loads N synthetic households of Hà Nội (plus the demo citizens' households unless --no-demo) into DATABASE_URL,
  or the embedded database under DATA_DIR. Refuses a non-empty population unless --replace (which empties it first).
  The secondary indexes are dropped during the load and built at the end unless --keep-indexes.`);
  process.exit(a.help ? 0 : 2);
}
const seed = /^\d+$/.test(a.seed!) ? Number(a.seed) : a.seed!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const config = loadConfig();
const { url, embedded } = await resolveDatabaseUrl(config, console.log);
const concurrency = Number(a.concurrency);
const { db } = createDb(url, concurrency + 1);
let code = 0;
try {
  // A dry run only reads the communes; a load first brings the schema and reference data up to date.
  if (!a['dry-run']) {
    await migrateAll(db, console.log);
    await seedAdminUnits(db);
  }
  const { provinceFullName, communes } = await provinceCommunes(db, a.province!);
  function* source(): Generator<GeneratedHousehold> {
    if (!a['no-demo']) yield* demoPopulation();
    yield* generatePopulation({ households, seed, provinceCode: a.province, provinceFullName, communes, excludeIds: demoIdNumbers() });
  }
  if (a['dry-run']) {
    const t0 = performance.now();
    let hh = 0;
    let people = 0;
    for (const h of source()) { hh++; people += h.members.length; }
    const s = (performance.now() - t0) / 1000;
    console.log(`generated ${fmt(hh)} households, ${fmt(people)} people in ${s.toFixed(2)} s (${fmt(people / s)} people/s), nothing loaded`);
  } else {
    await ensureIndexes(db); // repairs an interrupted earlier load
    if (await hasPeople(db)) {
      if (!a.replace) throw new Error('the population tables already have people: pass --replace to empty them first');
      await sql`truncate population_person, population_household`.execute(db);
      console.log('population emptied');
    }
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const load = () => loadPopulation(db, source(), {
      batchSize: Number(a.batch), concurrency,
      onProgress: (s) => { if (s.batches % 25 === 0) console.log(`  ${fmt(s.households)} households, ${fmt(s.people)} people, ${fmt(s.rowsPerSecond)} rows/s`); },
    });
    const { result: stats, indexMs } = a['keep-indexes'] ? { result: await load(), indexMs: 0 } : await withoutSecondaryIndexes(db, load);
    const secs = stats.ms / 1000;
    console.log(`loaded ${fmt(stats.households)} households and ${fmt(stats.people)} people in ${secs.toFixed(2)} s: ` +
      `${fmt(stats.rowsPerSecond)} rows/s (${fmt(stats.people / secs)} people/s); generation ${(stats.generateMs / 1000).toFixed(2)} s of it, ` +
      `batches of ${a.batch} people, ${concurrency} in flight, secondary indexes ${a['keep-indexes'] ? 'kept' : `built afterwards in ${(indexMs / 1000).toFixed(2)} s`}`);
    const a0 = performance.now();
    await sql`analyze population_household`.execute(db);
    await sql`analyze population_person`.execute(db);
    const total = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    console.log(`analyze ${((performance.now() - a0) / 1000).toFixed(2)} s; end to end ${total.toFixed(2)} s = ${fmt((stats.households + stats.people) / total)} rows/s; ` +
      `this process used ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s of CPU (generation, encoding, driver), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  }
} catch (e: any) {
  console.error(`population: ${e?.message ?? e}`);
  code = 1;
} finally {
  await db.destroy();
  await embedded?.stop();
}
process.exit(code);

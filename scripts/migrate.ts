// `npm run migrate`: apply migrations to DATABASE_URL or the embedded database, then exit.
import { loadConfig } from '../src/platform/config.ts';
import { createDb } from '../src/platform/db/database.ts';
import { resolveDatabaseUrl } from '../src/platform/database-setup.ts';
import { migrateAll } from '../src/server.ts';

const config = loadConfig();
const { url, embedded } = await resolveDatabaseUrl(config, console.log);
const { db } = createDb(url, 2);
const n = await migrateAll(db, console.log);
console.log(n === 0 ? 'migrations: nothing to do' : `migrations: ${n} applied`);
await db.destroy();
await embedded?.stop();
process.exit(0);

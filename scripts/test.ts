// `npm test`: the whole suite on the embedded PostgreSQL, then the integration tests again on an
// external PostgreSQL server (TEST_DATABASE_URL, default the local server on 127.0.0.1:5432),
// each run in fresh databases created and dropped by the run.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const extra = process.argv.slice(2);
const vitest = (env: Record<string, string>, args: string[]) =>
  spawnSync('npx', ['vitest', 'run', ...args, ...extra], { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

// The browser tests use the built web app; building takes a few seconds.
console.log('\n=== Building the web app ===');
if ((spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }).status ?? 1) !== 0) process.exit(1);
console.log('\n=== Type-checking ===');
if ((spawnSync('npx', ['tsc', '--noEmit', '-p', '.'], { stdio: 'inherit' }).status ?? 1) !== 0) process.exit(1);
if ((spawnSync('npx', ['tsc', '--noEmit', '-p', 'src/web'], { stdio: 'inherit' }).status ?? 1) !== 0) process.exit(1);

console.log('\n=== Pass 1: all tests on the embedded PostgreSQL ===');
let status = vitest({ TEST_DATABASE_URL: '' }, []);
if (status !== 0) process.exit(status);

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
const reachable = await c.connect().then(() => c.query('show server_version_num')).then((r) => Number(r.rows[0].server_version_num), () => 0);
await c.end().catch(() => {});
if (!reachable) {
  const msg = `external PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} is not reachable`;
  if (process.env.REQUIRE_EXTERNAL_PG === '1') {
    console.error(`FAIL: ${msg}`);
    process.exit(1);
  }
  console.warn(`\nSkipping pass 2: ${msg} (set TEST_DATABASE_URL to a PostgreSQL 15+ server).`);
  process.exit(0);
}
if (reachable < 150000) {
  console.error(`FAIL: external PostgreSQL is version ${reachable}; Motcua needs 15 or newer.`);
  process.exit(1);
}
console.log(`\n=== Pass 2: integration tests on the external PostgreSQL ${Math.floor(reachable / 10000)} ===`);
status = vitest({ TEST_DATABASE_URL: url }, ['.int.test']);
process.exit(status);

// `npm run audit:verify`: walks every hash-chained log (src/modules/audit-chains.ts) of DATABASE_URL
// or the embedded database, recomputes each row's hash and checks every link; prints OK with counts
// or each break (table, chain, position, row). Exit code 0 when all chains hold, 1 on any break,
// 2 when it could not run.
import pg from 'pg';
import { loadConfig } from '../src/platform/config.ts';
import { resolveDatabaseUrl } from '../src/platform/database-setup.ts';
import { verifyChains, formatReport } from '../src/platform/audit-chain.ts';
import { AUDIT_CHAINS } from '../src/modules/audit-chains.ts';

const config = loadConfig();
const { url, embedded } = await resolveDatabaseUrl(config, console.error);
const client = new pg.Client({ connectionString: url, application_name: 'motcua audit:verify' });
let code = 2;
try {
  await client.connect();
  const started = Date.now();
  let last = 0;
  const reports = await verifyChains(client, AUDIT_CHAINS, {
    onProgress(log, rows) {
      if (Date.now() - last > 5000) { last = Date.now(); console.error(`… ${log}: ${rows.toLocaleString('en-US')} rows`); }
    },
  });
  const { ok, lines } = formatReport(reports);
  for (const l of lines) console.log(l);
  const rows = reports.reduce((s, r) => s + r.rows, 0);
  console.log(`${ok ? 'audit:verify OK' : 'audit:verify FAILED'}: ${rows.toLocaleString('en-US')} rows checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  code = ok ? 0 : 1;
} catch (e) {
  console.error(`audit:verify could not run: ${(e as Error).message}`);
  if (/column .*(hash|chain_seq)|audit_chain_head/.test((e as Error).message)) console.error('(run `npm run migrate` first)');
} finally {
  await client.end().catch(() => {});
  await embedded?.stop();
}
process.exit(code);

/**
 * Standalone try-out of bench/lib/interconnect.ts, without the rest of `npm run bench`:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/interconnect-try.ts [workers] [seconds] [officials] [drive-share]
 *
 * A fresh database (on DATABASE_URL, else embedded), the server (JOBS=false) and a second one with
 * JOBS=true for the fan-out, 300 API citizens, then the load; everything is removed at the end.
 */
import { cleanupAll, makeTempDir, startDatabase, startServer } from './lib/env.ts';
import { Http } from './lib/http.ts';
import { createCitizens, createSessions, uploadFiles } from './lib/data.ts';
import { formatInterconnect, interconnectLoad, interconnectMarkdown, startInterconnectWorker } from './lib/interconnect.ts';
import { log, pgClient } from './lib/util.ts';

const [workers = 8, seconds = 20, officials = workers, driveShare = 1] = process.argv.slice(2).map(Number);
process.on('SIGINT', () => { cleanupAll().finally(() => process.exit(130)); });

let code = 0;
try {
  const tmp = await makeTempDir();
  const db = await startDatabase(tmp, process.env.DATABASE_URL || undefined);
  const server = await startServer(db, tmp);
  const httpc = new Http(server.base, 256);
  const admin = pgClient(db.url);
  await admin.connect();
  await createCitizens(admin, 5000);
  const citizens = await createSessions(admin, 300);
  await uploadFiles(httpc, citizens);
  await admin.end();
  const worker = await startInterconnectWorker(db, tmp);
  const r = await interconnectLoad(httpc, db.url, citizens, { workers, seconds, officials, driveShare, cpuPids: { server: server.pid, 'jobs server': worker.pid } });
  await worker.stop();
  for (const line of formatInterconnect(r)) log(line);
  console.log(`\n${interconnectMarkdown(r, { workers, seconds, officials, driveShare })}\n`);
  if (process.env.IC_JSON) console.log(JSON.stringify(r, null, 1));
  httpc.close();
  if (!r.checks.ok) code = 2;
} catch (e) {
  console.error(e);
  code = 1;
} finally {
  await cleanupAll();
}
process.exit(code);

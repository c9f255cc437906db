// `npm run seed`: load reference and demo data (idempotent), then exit.
import { startServer } from '../src/server.ts';

const r = await startServer({ listen: false, config: { jobs: false }, logger: false });
console.log('seed: done');
await r.stop();
process.exit(0);

import { startServer } from './server.ts';

const t0 = Date.now();
const running = await startServer();
const u = running.url;
console.log(`
Motcua is running (started in ${((Date.now() - t0) / 1000).toFixed(1)} s)
  Web app:        ${u}/   (citizen portal; /can-bo officials, /mot-cua one-stop desk, /quan-tri administration)
  API:            ${u}/api/v1
  API docs:       ${u}/docs
  OpenAPI:        ${u}/openapi.json
  Health:         ${u}/healthz  ${u}/readyz
  Database:       ${running.ctx.config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${running.ctx.config.dataDir}/pg`}
Demo accounts are listed in README.md (password motcua2026).`);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    await running.stop().catch(() => {});
    process.exit(0);
  });
}

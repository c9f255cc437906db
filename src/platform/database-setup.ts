import type { AppConfig } from './config.ts';
import { startEmbeddedPostgres, type EmbeddedHandle } from './db/embedded.ts';

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR. */
export async function resolveDatabaseUrl(config: AppConfig, log: (m: string) => void): Promise<{ url: string; embedded?: EmbeddedHandle }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = await startEmbeddedPostgres(config.dataDir, 'motcua', (m) => {
    if (/error|fatal|panic/i.test(m)) log(`[postgres] ${m}`);
  });
  return { url: embedded.url, embedded };
}

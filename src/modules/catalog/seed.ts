import { readFile } from 'node:fs/promises';
import type { Db } from '../../platform/db/database.ts';
import { createProcedure, validateDefinition } from './service.ts';

/** The day the two-level local government (and this catalog) took effect. */
const CATALOG_FROM = '2025-07-01';

/** Publishes the demo catalog; procedures already present are left as they are. */
export async function seedCatalog(db: Db): Promise<number> {
  const defs: unknown[] = JSON.parse(await readFile(new URL('./seed/procedures.json', import.meta.url), 'utf8'));
  const have = new Set((await db.selectFrom('procedure').select('code').execute()).map((r) => r.code));
  let n = 0;
  for (const raw of defs) {
    const code = (raw as { code: string }).code;
    if (have.has(code)) continue;
    await validateDefinition(db, raw).catch((e) => {
      throw new Error(`seed procedure ${code} is invalid: ${e.en ?? e.message}`);
    });
    await createProcedure(db, raw, CATALOG_FROM, null);
    n++;
  }
  return n;
}

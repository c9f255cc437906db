import type { Executor } from '../../platform/db/database.ts';
import { DISPLAY_POLICIES, purposeRows } from './purposes.ts';
import './tables.ts';

/** The dated purposes and the display policy; rows already present (or changed by an administrator) are kept. */
export async function seedPrivacy(db: Executor): Promise<void> {
  await db.insertInto('access_purpose').values(purposeRows()).onConflict((oc) => oc.columns(['code', 'valid_from']).doNothing()).execute();
  await db.insertInto('access_display_policy').values(DISPLAY_POLICIES).onConflict((oc) => oc.column('valid_from').doNothing()).execute();
}

import type { Executor } from '../../platform/db/database.ts';
import { groupVersion } from './definition.ts';
import './tables.ts';

/** The interconnected application a child dossier belongs to (shown on the dossier), or null. */
export async function interconnectLink(db: Executor, dossierId: string) {
  const r = await db.selectFrom('interconnect_part').innerJoin('interconnect_application', 'interconnect_application.id', 'interconnect_part.application_id')
    .select(['interconnect_application.id', 'interconnect_application.code', 'interconnect_application.group_code', 'interconnect_application.group_version', 'interconnect_part.key'])
    .where('interconnect_part.dossier_id', '=', dossierId).executeTakeFirst();
  if (!r) return null;
  const g = groupVersion(r.group_code, r.group_version);
  return { applicationId: r.id, code: r.code, groupName: g?.name ?? r.group_code, groupNameEn: g?.nameEn ?? r.group_code, partKey: r.key };
}

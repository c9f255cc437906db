import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { invalidateOrgCache } from './service.ts';

/**
 * Sensible defaults for the signature data of agencies that have none yet: People's Committees
 * are collective bodies headed by a Chủ tịch; commune police by a Trưởng Công an xã/phường;
 * the tax office by a Trưởng Thuế; the notary office by a Trưởng phòng; other provincial bodies
 * (departments, city police, social insurance) by a Giám đốc. Values already set are kept.
 */
export async function seedAgencyHeads(db: Executor): Promise<number> {
  const r = await sql`
    update org_unit set
      head_title = coalesce(head_title, case
        when sector = 'people_committee' then 'Chủ tịch'
        when sector = 'police' and level = 'commune' then coalesce('Trưởng ' || substring(name from '^(Công an (?:phường|xã|đặc khu))'), 'Trưởng Công an')
        when sector = 'tax' then 'Trưởng Thuế thành phố'
        when sector = 'notary' then 'Trưởng phòng'
        else 'Giám đốc' end),
      head_title_full = coalesce(head_title_full, case
        when sector = 'police' and level = 'commune' then 'Trưởng ' || name
        when sector = 'tax' then 'Trưởng ' || name
        when sector = 'notary' then 'Trưởng ' || name
        when sector = 'people_committee' then 'Chủ tịch ' || name
        else 'Giám đốc ' || name end),
      collective = (sector = 'people_committee')
    where kind = 'agency' and (head_title is null or head_title_full is null)`.execute(db);
  invalidateOrgCache();
  return Number(r.numAffectedRows ?? 0);
}

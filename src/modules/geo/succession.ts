import type { Tx } from '../../platform/db/database.ts';
import './tables.ts';

/**
 * Records that administrative units were merged into `successorCode` on `onDate` (a resolution
 * of the Standing Committee of the National Assembly): each old unit gets valid_to and
 * successor_code, so `currentSuccessor` leads any old address to the unit in force.
 * Units already closed are left alone (idempotent); a unit is never its own successor.
 */
export async function recordSuccession(tx: Tx, codes: string[], successorCode: string, onDate: string, source: string): Promise<number> {
  const old = [...new Set(codes)].filter((c) => c !== successorCode);
  if (!old.length) return 0;
  const r = await tx.updateTable('admin_unit').set({ valid_to: onDate, successor_code: successorCode, source })
    .where('code', 'in', old).where('valid_to', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

/** Creates the successor unit when the resolution names a new one (same level and province as `likeCode`). */
export async function ensureAdminUnit(tx: Tx, u: { code: string; name: string; nameEn: string; fullName: string; fullNameEn: string }, likeCode: string, validFrom: string, source: string): Promise<void> {
  const like = await tx.selectFrom('admin_unit').selectAll().where('code', '=', likeCode).executeTakeFirstOrThrow();
  await tx.insertInto('admin_unit').values({
    code: u.code, level: like.level, name: u.name, name_en: u.nameEn, full_name: u.fullName, full_name_en: u.fullNameEn,
    province_code: like.province_code, valid_from: validFrom, valid_to: null, successor_code: null, source,
  }).onConflict((oc) => oc.column('code').doNothing()).execute();
}

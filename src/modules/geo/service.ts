import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import './tables.ts';

export interface AdminUnit {
  code: string;
  level: 'province' | 'commune';
  name: string;
  nameEn: string;
  fullName: string;
  fullNameEn: string;
  provinceCode: string | null;
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
}

const cols = ['code', 'level', 'name', 'name_en', 'full_name', 'full_name_en', 'province_code', 'valid_from', 'valid_to', 'successor_code'] as const;

function toUnit(r: any): AdminUnit {
  return {
    code: r.code, level: r.level, name: r.name, nameEn: r.name_en, fullName: r.full_name, fullNameEn: r.full_name_en,
    provinceCode: r.province_code, validFrom: r.valid_from, validTo: r.valid_to, successorCode: r.successor_code,
  };
}

/** Units valid on `onDate` (default today), optionally filtered. */
export async function listAdminUnits(db: Executor, f: { province?: string; level?: 'province' | 'commune'; q?: string; onDate?: string }): Promise<AdminUnit[]> {
  let q = db.selectFrom('admin_unit').select(cols as any);
  const on = f.onDate ?? new Date().toISOString().slice(0, 10);
  q = q.where('valid_from', '<=', on).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]));
  if (f.province) q = q.where('province_code', '=', f.province);
  if (f.level) q = q.where('level', '=', f.level);
  if (f.q) q = q.where(sql<boolean>`search_norm(full_name) like '%' || search_norm(${f.q}) || '%'`);
  const rows = await q.orderBy('code').execute();
  return rows.map(toUnit);
}

export async function getAdminUnit(db: Executor, code: string): Promise<AdminUnit | undefined> {
  const r = await db.selectFrom('admin_unit').select(cols as any).where('code', '=', code).executeTakeFirst();
  return r ? toUnit(r) : undefined;
}

/**
 * Follows successor links to the unit in force (a dossier or address of a dissolved unit
 * passes to its successor).
 */
export async function currentSuccessor(db: Executor, code: string): Promise<string> {
  let cur = code;
  for (let i = 0; i < 10; i++) {
    const r = await db.selectFrom('admin_unit').select(['successor_code']).where('code', '=', cur).executeTakeFirst();
    if (!r?.successor_code) return cur;
    cur = r.successor_code;
  }
  return cur;
}

import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

interface RawWard { Code: string; Name: string; NameEn: string; FullName: string; FullNameEn: string; ProvinceCode: string }
interface RawProvince { Code: string; Name: string; NameEn: string; FullName: string; FullNameEn: string; Wards: RawWard[] }

const SOURCE = 'GSO via thanglequoc/vietnamese-provinces-database (MIT); NQ 202/2025/QH15, NQ 30/2026/QH16';
/** The two-level local government took effect on 1 July 2025. */
const REFORM_DATE = '2025-07-01';

/** Loads the 34 provinces and 3,321 communes/wards; existing rows are left as they are. */
export async function seedAdminUnits(db: Executor): Promise<number> {
  const raw: RawProvince[] = JSON.parse(await readFile(new URL('./data/vn-admin-units.json', import.meta.url), 'utf8'));
  const rows: (string | null)[][] = [];
  for (const p of raw) {
    rows.push([p.Code, 'province', p.Name, p.NameEn, p.FullName, p.FullNameEn, null]);
    for (const w of p.Wards) rows.push([w.Code, 'commune', w.Name, w.NameEn, w.FullName, w.FullNameEn, p.Code]);
  }
  const col = (i: number) => rows.map((r) => r[i]);
  // Provinces first (wards reference them): the input lists each province before its wards and
  // the insert below keeps that order within one statement.
  const r = await sql`insert into admin_unit (code, level, name, name_en, full_name, full_name_en, province_code, valid_from, source)
    select t.code, t.level, t.name, t.name_en, t.full_name, t.full_name_en, t.province_code, ${REFORM_DATE}::date, ${SOURCE}
    from unnest(${col(0)}::text[], ${col(1)}::text[], ${col(2)}::text[], ${col(3)}::text[], ${col(4)}::text[], ${col(5)}::text[], ${col(6)}::text[])
      as t(code, level, name, name_en, full_name, full_name_en, province_code)
    order by t.level desc
    on conflict (code) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { listAdminUnits } from '../geo/service.ts';
import { invalidateOrgCache } from './service.ts';

interface AgencyData {
  province: string;
  provinceSuffix: string;
  divisions: Record<string, [string, string, string][]>;
  provinceAgencies: [string, string, string, string, string][];
}

interface Row {
  code: string; kind: string; slug: string; parentCode: string | null; sector: string | null; level: string | null;
  name: string; nameEn: string; adminUnit: string | null; address: string | null;
}

/** Hanoi's agencies: the City People's Committee, departments, police, social insurance, tax, and every commune/ward. */
export async function seedAgencies(db: Executor): Promise<number> {
  const data: AgencyData = JSON.parse(await readFile(new URL('./data/hanoi.json', import.meta.url), 'utf8'));
  const rows: Row[] = [];
  const addAgency = (code: string, sector: string, level: 'province' | 'commune', name: string, nameEn: string, adminUnit: string, address: string | null, deskName: string) => {
    rows.push({ code, kind: 'agency', slug: 'agency', parentCode: null, sector, level, name, nameEn, adminUnit, address });
    rows.push({ code: `${code}.desk`, kind: 'desk', slug: 'desk', parentCode: code, sector: null, level: null, name: deskName, nameEn: 'One-stop desk (reception and return of results)', adminUnit, address });
    rows.push({ code: `${code}.leadership`, kind: 'leadership', slug: 'leadership', parentCode: code, sector: null, level: null, name: 'Lãnh đạo', nameEn: 'Leadership', adminUnit, address: null });
    const divs = data.divisions[`${sector}:${level}`] ?? data.divisions[sector] ?? [];
    for (const [slug, vi, en] of divs) {
      rows.push({ code: `${code}.${slug}`, kind: 'division', slug, parentCode: code, sector: null, level: null, name: vi, nameEn: en, adminUnit, address: null });
    }
  };
  for (const [code, sector, name, nameEn, address] of data.provinceAgencies) {
    addAgency(code, sector, 'province', name, nameEn, data.province, address, 'Trung tâm Phục vụ hành chính công thành phố Hà Nội');
  }
  const wards = await listAdminUnits(db, { province: data.province, level: 'commune' });
  // "Phường Ba Đình" → "phường Ba Đình" inside a name: "Ủy ban nhân dân phường Ba Đình".
  const inName = (full: string) => full.charAt(0).toLowerCase() + full.slice(1);
  for (const w of wards) {
    const base = `${w.code.slice(0, 3)}.${w.code.slice(3, 5)}`;
    addAgency(`${base}.01.${data.provinceSuffix}`, 'people_committee', 'commune', `Ủy ban nhân dân ${inName(w.fullName)}`, `People's Committee of ${w.fullNameEn}`, w.code, null,
      `Bộ phận Một cửa ${inName(w.fullName)}`);
    addAgency(`${base}.02.${data.provinceSuffix}`, 'police', 'commune', `Công an ${inName(w.fullName)}`, `Police of ${w.fullNameEn}`, w.code, null,
      `Bộ phận Tiếp nhận hồ sơ Công an ${inName(w.fullName)}`);
  }
  const col = <K extends keyof Row>(k: K) => rows.map((r) => r[k]);
  // Parents first: agencies have no parent; their children resolve the parent by code.
  const r = await sql`
    with input as (
      select * from unnest(${col('code')}::text[], ${col('kind')}::text[], ${col('slug')}::text[], ${col('parentCode')}::text[],
        ${col('sector')}::text[], ${col('level')}::text[], ${col('name')}::text[], ${col('nameEn')}::text[], ${col('adminUnit')}::text[], ${col('address')}::text[])
        as t(code, kind, slug, parent_code, sector, level, name, name_en, admin_unit_code, address)
    ), agencies as (
      insert into org_unit (code, kind, slug, sector, level, name, name_en, admin_unit_code, address)
      select code, kind, slug, sector, level, name, name_en, admin_unit_code, address from input where parent_code is null
      on conflict (code) do nothing returning id, code
    )
    insert into org_unit (code, kind, slug, parent_id, name, name_en, admin_unit_code, address)
    select i.code, i.kind, i.slug, coalesce(a.id, o.id), i.name, i.name_en, i.admin_unit_code, i.address
    from input i left join agencies a on a.code = i.parent_code left join org_unit o on o.code = i.parent_code
    where i.parent_code is not null
    on conflict (code) do nothing`.execute(db);
  invalidateOrgCache();
  return Number(r.numAffectedRows ?? 0);
}

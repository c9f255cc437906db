import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { sql } from 'kysely';
import { Api, as, startTestServer, type TestServer } from '../../../test/server.ts';
import { LocalPopulationRegistry, provinceCommunes } from './service.ts';
import { SECONDARY_INDEXES, withoutSecondaryIndexes } from './load.ts';
import { DEMO_HOUSEHOLDS, DEMO_SEED } from './seed.ts';
import { demoIdNumbers, demoPopulation } from './demo.ts';
import { generatePopulation, type PersonRow } from './generator.ts';

let srv: TestServer;
let staff: Api;
beforeAll(async () => {
  srv = await startTestServer();
  staff = await as(srv.base, 'badinh.tiepnhan');
});
afterAll(() => srv?.stop());

// Staff must say why they look a person up (Decree 13/2023; see the privacy module).
const person = (api: Api, id: string) => api.get(`/api/v1/population/people/${id}?purpose=identity_verification`);

describe(`population database adapter (${inject('pgKind')})`, () => {
  it('seeds the demo households and the synthetic population once', async () => {
    const r = await sql<{ source: string; n: number }>`select source, count(*)::int as n from population_household group by source order by source`.execute(srv.ctx.db);
    expect(r.rows).toEqual([{ source: 'demo', n: 4 }, { source: 'synthetic', n: DEMO_HOUSEHOLDS }]);
  });

  it('stores exactly what the generator produced (the bulk loader loses nothing)', async () => {
    const { provinceFullName, communes } = await provinceCommunes(srv.ctx.db, '01');
    const expected = [...demoPopulation(), ...generatePopulation({ households: DEMO_HOUSEHOLDS, seed: DEMO_SEED, provinceCode: '01', provinceFullName, communes, excludeIds: demoIdNumbers() })];
    // Births registered through Motcua since (the seeded interconnected demo registers one) are not the generator's.
    const rows = await srv.ctx.db.selectFrom('population_person').selectAll()
      .where('id_number', 'not in', srv.ctx.db.selectFrom('population_birth_registration').select('id_number')).orderBy('id_number').execute();
    const asRow = (r: (typeof rows)[number]): PersonRow => ({
      idNumber: r.id_number, fullName: r.full_name, dateOfBirth: r.date_of_birth, sex: r.sex, ethnicity: r.ethnicity, religion: r.religion,
      nationality: r.nationality, placeOfOrigin: r.place_of_origin, birthRegistrationCode: r.birth_registration_code,
      birthRegistrationPlace: r.birth_registration_place, permanentCommuneCode: r.permanent_commune_code, permanentAddress: r.permanent_address,
      currentCommuneCode: r.current_commune_code, currentAddress: r.current_address, householdId: r.household_id, householdRole: r.household_role,
      maritalStatus: r.marital_status, fatherIdNumber: r.father_id_number, motherIdNumber: r.mother_id_number, spouseIdNumber: r.spouse_id_number,
    });
    const want = expected.flatMap((h) => h.members).sort((a, b) => a.idNumber.localeCompare(b.idNumber));
    expect(rows.map(asRow)).toEqual(want);
    expect(want.some((p) => p.currentAddress !== p.permanentAddress)).toBe(true);
    const households = await srv.ctx.db.selectFrom('population_household').selectAll().orderBy('id').execute();
    expect(households).toEqual(expected.map((h) => ({ id: h.household.id, head_id_number: h.household.headIdNumber, commune_code: h.household.communeCode,
      address: h.household.address, source: h.household.source })).sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('gives staff a person with household and relations', async () => {
    const r = await person(staff, '001090012345');
    expect(r.status).toBe(200);
    expect(r.body.person).toMatchObject({
      idNumber: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14', sex: 'Nam', ethnicity: 'Kinh', nationality: 'Việt Nam',
      birthRegistration: { provinceCode: '001', place: 'Hà Nội' },
      permanentAddress: { communeCode: '00004', text: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội' },
      householdRole: 'head', householdRoleVi: 'Chủ hộ', maritalStatus: 'married', maritalStatusVi: 'Đã kết hôn',
    });
    expect(r.body.household).toMatchObject({ id: '019999999001', headIdNumber: '001090012345', address: { communeCode: '00004' } });
    // The demo data registers the birth of An's daughter Nguyễn Minh Châu through an interconnected application.
    expect(r.body.household.members.map((m: any) => [m.fullName, m.roleVi])).toEqual([
      ['Nguyễn Văn An', 'Chủ hộ'], ['Phạm Thu Hằng', 'Vợ'], ['Nguyễn Minh Khôi', 'Con'], ['Nguyễn Bảo Ngọc', 'Con'], ['Nguyễn Minh Châu', 'Con'],
    ]);
    const rel = r.body.relations;
    expect(rel.father).toMatchObject({ idNumber: '001062002871', fullName: 'Nguyễn Văn Thành', householdId: '019999999002' });
    expect(rel.mother).toMatchObject({ fullName: 'Vũ Thị Hạnh' });
    expect(rel.spouse).toMatchObject({ idNumber: '036192004518', fullName: 'Phạm Thu Hằng' });
    expect(rel.children.map((c: any) => c.fullName)).toEqual(['Nguyễn Minh Khôi', 'Nguyễn Bảo Ngọc', 'Nguyễn Minh Châu']);

    // His father lives elsewhere and lists him among his children.
    const f = await person(staff, '001062002871');
    expect(f.body.relations.children.map((c: any) => c.idNumber)).toEqual(['001090012345']);
    expect(f.body.relations.spouse.fullName).toBe('Vũ Thị Hạnh');
    // The other demo citizens.
    expect((await person(staff, '001195006789')).body.person).toMatchObject({ fullName: 'Trần Thị Bình', sex: 'Nữ', maritalStatus: 'single', householdRole: 'child' });
    const c = await person(staff, '001301004321');
    expect(c.body.person).toMatchObject({ fullName: 'Lê Hoàng Cường', sex: 'Nữ', dateOfBirth: '2001-03-20' });
    expect(c.body.relations.father.fullName).toBe('Lê Quang Hải');
    expect(c.body.household.members.find((m: any) => m.fullName === 'Đặng Thị Nhàn')).toMatchObject({ role: 'mother', roleVi: 'Mẹ' });
  });

  it('serves synthetic people with consistent relations', async () => {
    const { rows } = await sql<{ id_number: string }>`select p.id_number from population_person p
      join population_household h on h.id = p.household_id
      where h.source = 'synthetic' and p.spouse_id_number is not null
        and exists (select 1 from population_person c where c.father_id_number = p.id_number)
      order by p.id_number limit 1`.execute(srv.ctx.db);
    const id = rows[0].id_number;
    const r = await person(staff, id);
    expect(r.status).toBe(200);
    const { person: p, relations, household } = r.body;
    expect(relations.spouse.idNumber).toBe(p.spouseIdNumber);
    expect((await person(staff, p.spouseIdNumber)).body.relations.spouse.idNumber).toBe(id);
    expect(relations.children.length).toBeGreaterThan(0);
    for (const c of relations.children) expect(c.fullName.split(' ')[0]).toBe(p.fullName.split(' ')[0]);
    expect(household.members.some((m: any) => m.idNumber === id)).toBe(true);
    // The registry answers null for unknown people and households.
    const reg = new LocalPopulationRegistry(srv.ctx.db);
    expect(await reg.lookupPerson('096005000000')).toBeNull();
    expect(await reg.household('01nope')).toBeNull();
    expect(await reg.relations('096005000000')).toBeNull();
  });

  it('is for staff only', async () => {
    const anon = await person(new Api(srv.base), '001090012345');
    expect(anon.status).toBe(401);
    expect(anon.headers.get('content-type')).toMatch(/problem\+json/);
    const citizen = await as(srv.base, '001090012345');
    const r = await person(citizen, '001090012345');
    expect(r.status).toBe(403);
    expect(r.body.message_vi).toMatch(/cán bộ/);
  });

  it('answers 404 for an unknown person and 400 with the rule broken for a malformed ID number', async () => {
    const nf = await person(staff, '096005000000');
    expect(nf.status).toBe(404);
    expect(nf.headers.get('content-type')).toMatch(/problem\+json/);
    expect(nf.body).toMatchObject({ code: 'not_found', message_vi: expect.stringContaining('dân cư') });

    const short = await person(staff, '12345');
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ field: 'idNumber', message_vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.', message_en: 'The personal ID number must be exactly 12 digits.' }]);
    const province = await person(staff, '003090012345');
    expect(province.status).toBe(400);
    expect(province.body.errors[0].message_en).toMatch(/\(003\) are not a province code/);
    expect((await person(staff, 'abcdefghijkl')).status).toBe(400);
  });

  it('drops and rebuilds exactly the secondary indexes the migration made (bulk loads)', async () => {
    const defs = async () => (await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes
      where tablename in ('population_person', 'population_household') and indexname not like '%_pkey' order by indexname`.execute(srv.ctx.db)).rows;
    const before = await defs();
    expect(before.map((r) => r.indexname)).toEqual(Object.keys(SECONDARY_INDEXES).sort());
    const { result } = await withoutSecondaryIndexes(srv.ctx.db, async () => (await defs()).length);
    expect(result).toBe(0);
    expect(await defs()).toEqual(before);
  });
});

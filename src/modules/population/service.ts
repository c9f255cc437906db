import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { getAdminUnit, listAdminUnits } from '../geo/service.ts';
import { centurySexDigit, type CommuneRef } from './generator.ts';
import crypto from 'node:crypto';
import {
  HOUSEHOLD_ROLES, MARITAL_STATUSES,
  type BirthRegistration, type HouseholdRecord, type PersonRecord, type PersonSummary, type PopulationRegistry, type RegistryStatus, type Relations,
} from './registry.ts';
import type { PopulationPersonTable } from './tables.ts';
import { findPeople, identityPaths, prefillValues, rulesFor, verifyIdentity, type IdentityCheck } from './prefill.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { Problem } from '../../platform/http/problem.ts';
import './tables.ts';

export type { PopulationRegistry } from './registry.ts';
export type { IdentityCheck } from './prefill.ts';

const ROLE_ORDER = ['head', 'wife', 'husband', 'father', 'mother', 'father_in_law', 'mother_in_law', 'child', 'daughter_in_law', 'son_in_law', 'grandchild', 'other'];

function toRecord(r: PopulationPersonTable): PersonRecord {
  return {
    idNumber: r.id_number, fullName: r.full_name, dateOfBirth: r.date_of_birth, sex: r.sex,
    ethnicity: r.ethnicity, religion: r.religion, nationality: r.nationality, placeOfOrigin: r.place_of_origin,
    birthRegistration: { provinceCode: r.birth_registration_code, place: r.birth_registration_place },
    permanentAddress: { communeCode: r.permanent_commune_code, text: r.permanent_address },
    currentAddress: { communeCode: r.current_commune_code, text: r.current_address },
    householdId: r.household_id, householdRole: r.household_role, householdRoleVi: HOUSEHOLD_ROLES[r.household_role].vi,
    maritalStatus: r.marital_status, maritalStatusVi: MARITAL_STATUSES[r.marital_status].vi,
    fatherIdNumber: r.father_id_number, motherIdNumber: r.mother_id_number, spouseIdNumber: r.spouse_id_number,
  };
}

const summary = (r: Pick<PopulationPersonTable, 'id_number' | 'full_name' | 'date_of_birth' | 'sex' | 'household_id'>): PersonSummary =>
  ({ idNumber: r.id_number, fullName: r.full_name, dateOfBirth: r.date_of_birth, sex: r.sex, householdId: r.household_id });

/** The population registry over the local tables (synthetic population, demo households). */
export class LocalPopulationRegistry implements PopulationRegistry {
  readonly name = 'local';
  constructor(private db: Executor) {}

  async lookupPerson(idNumber: string): Promise<PersonRecord | null> {
    const r = await this.db.selectFrom('population_person').selectAll().where('id_number', '=', idNumber).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async household(householdId: string): Promise<HouseholdRecord | null> {
    const h = await this.db.selectFrom('population_household').selectAll().where('id', '=', householdId).executeTakeFirst();
    if (!h) return null;
    const members = await this.db.selectFrom('population_person')
      .select(['id_number', 'full_name', 'date_of_birth', 'sex', 'household_id', 'household_role'])
      .where('household_id', '=', householdId).orderBy('date_of_birth').execute();
    members.sort((a, b) => ROLE_ORDER.indexOf(a.household_role) - ROLE_ORDER.indexOf(b.household_role));
    return {
      id: h.id, headIdNumber: h.head_id_number, address: { communeCode: h.commune_code, text: h.address },
      members: members.map((m) => ({ ...summary(m), role: m.household_role, roleVi: HOUSEHOLD_ROLES[m.household_role].vi })),
    };
  }

  async relations(idNumber: string): Promise<Relations | null> {
    const p = await this.db.selectFrom('population_person').select(['father_id_number', 'mother_id_number', 'spouse_id_number'])
      .where('id_number', '=', idNumber).executeTakeFirst();
    if (!p) return null;
    const linked = [p.father_id_number, p.mother_id_number, p.spouse_id_number].filter((x): x is string => !!x);
    const rows = await this.db.selectFrom('population_person')
      .select(['id_number', 'full_name', 'date_of_birth', 'sex', 'household_id', 'father_id_number', 'mother_id_number'])
      .where((eb) => eb.or([
        ...(linked.length ? [eb('id_number', 'in', linked)] : []),
        eb('father_id_number', '=', idNumber),
        eb('mother_id_number', '=', idNumber),
      ]))
      .orderBy('date_of_birth').execute();
    const by = (id: string | null) => {
      const r = id ? rows.find((x) => x.id_number === id) : undefined;
      return r ? summary(r) : null;
    };
    return {
      father: by(p.father_id_number), mother: by(p.mother_id_number), spouse: by(p.spouse_id_number),
      children: rows.filter((r) => r.father_id_number === idNumber || r.mother_id_number === idNumber).map(summary),
    };
  }

  async registerBirth(b: BirthRegistration): Promise<{ idNumber: string; householdId: string | null }> {
    const done = await this.db.selectFrom('population_birth_registration').innerJoin('population_person', 'population_person.id_number', 'population_birth_registration.id_number')
      .select(['population_person.id_number', 'population_person.household_id']).where('registration_ref', '=', b.registrationRef).executeTakeFirst();
    if (done) return { idNumber: done.id_number, householdId: done.household_id };
    // The child joins the mother's household (else the father's), at its registered address.
    const parentIds = [b.motherIdNumber, b.fatherIdNumber].filter((x): x is string => !!x);
    const parents = parentIds.length ? await this.db.selectFrom('population_person').selectAll().where('id_number', 'in', parentIds).execute() : [];
    const parent = parents.find((x) => x.id_number === b.motherIdNumber) ?? parents[0];
    if (!parent) {
      throw new Problem(422, 'parents_unknown', 'Không tìm thấy cha hoặc mẹ của trẻ trong Cơ sở dữ liệu quốc gia về dân cư.', 'Neither parent is in the national population database.');
    }
    const female = b.sex === 'Nữ';
    const year = Number(b.dateOfBirth.slice(0, 4));
    const prefix = b.registration.provinceCode + centurySexDigit(year, female) + String(year % 100).padStart(2, '0');
    for (let attempt = 0; attempt < 20; attempt++) {
      const idNumber = prefix + String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
      const inserted = await this.db.insertInto('population_person').values({
        id_number: idNumber, full_name: b.fullName, date_of_birth: b.dateOfBirth, sex: b.sex,
        ethnicity: b.ethnicity ?? parent.ethnicity, religion: 'Không', nationality: b.nationality ?? 'Việt Nam',
        place_of_origin: b.placeOfOrigin ?? parent.place_of_origin,
        birth_registration_code: b.registration.provinceCode, birth_registration_place: b.registration.place,
        permanent_commune_code: parent.permanent_commune_code, permanent_address: parent.permanent_address,
        current_commune_code: parent.current_commune_code, current_address: parent.current_address,
        household_id: parent.household_id, household_role: parent.household_role === 'head' || parent.household_role === 'wife' || parent.household_role === 'husband' ? 'child' : 'grandchild',
        marital_status: 'single',
        father_id_number: parents.find((x) => x.id_number === b.fatherIdNumber)?.id_number ?? null,
        mother_id_number: parents.find((x) => x.id_number === b.motherIdNumber)?.id_number ?? null,
        spouse_id_number: null,
      }).onConflict((oc) => oc.doNothing()).returning('id_number').executeTakeFirst();
      if (!inserted) continue; // that number is taken: draw another
      await this.db.insertInto('population_birth_registration').values({ registration_ref: b.registrationRef, id_number: idNumber }).execute();
      return { idNumber, householdId: parent.household_id };
    }
    throw new Error(`no free ID number for prefix ${prefix}`);
  }

  async status(): Promise<RegistryStatus> {
    // Exact counts up to a million rows; beyond that the planner's estimate (count(*) scans the table).
    const est = await sql<{ relname: string; n: number }>`select relname, greatest(reltuples, 0)::bigint as n from pg_class
      where relname in ('population_person', 'population_household') and relkind = 'r'`.execute(this.db);
    const guess = (t: string) => Number(est.rows.find((r) => r.relname === t)?.n ?? 0);
    const estimated = guess('population_person') > 1_000_000;
    const count = async (t: 'population_person' | 'population_household') => estimated ? guess(t)
      : Number((await this.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return {
      adapter: this.name,
      description: {
        vi: 'Dữ liệu dân cư cục bộ (dân cư tổng hợp và hộ gia đình minh họa) trong cơ sở dữ liệu của hệ thống — chưa kết nối Cơ sở dữ liệu quốc gia về dân cư',
        en: 'Local population data (synthetic population and demo households) in this system\'s database — not connected to the national population database',
      },
      people: await count('population_person'), households: await count('population_household'), estimated,
    };
  }
}

/** The registry in use. A connector to the real database would be chosen here by configuration. */
export function populationRegistry(db: Executor): PopulationRegistry {
  return new LocalPopulationRegistry(db);
}

/** The province's communes/wards in force, for the generator (from the geo module). */
export async function provinceCommunes(db: Executor, provinceCode: string): Promise<{ provinceFullName: string; communes: CommuneRef[] }> {
  const province = await getAdminUnit(db, provinceCode);
  if (!province || province.level !== 'province') throw new Error(`province ${provinceCode} not found in admin_unit (seed the geo module first)`);
  const communes = (await listAdminUnits(db, { province: provinceCode, level: 'commune' })).map((u) => ({ code: u.code, fullName: u.fullName }));
  return { provinceFullName: province.fullName, communes };
}

/** True when the local population has anyone in it. */
export async function hasPeople(db: Executor): Promise<boolean> {
  const r = await sql<{ x: number }>`select 1 as x from population_person limit 1`.execute(db);
  return r.rows.length > 0;
}

/** The signed-in citizen's record with the values a procedure's form takes from it. */
export async function prefillFor(db: Executor, p: Principal, procedureCode: string | null, formSchema: unknown) {
  const registry = populationRegistry(db);
  const person = p.idNumber ? await registry.lookupPerson(p.idNumber) : null;
  const rules = procedureCode ? rulesFor(procedureCode, formSchema) : [];
  const account = { phone: p.phone, email: p.email };
  if (!person) return { found: false as const, person: null, household: null, relations: null, prefill: prefillValues(rules, null, account) };
  const [household, relations, people] = await Promise.all([
    registry.household(person.householdId), registry.relations(person.idNumber), findPeople(registry, person, new Set(rules.map((r) => r.person))),
  ]);
  return { found: true as const, person, household, relations, prefill: prefillValues(rules, people, account) };
}

/**
 * Re-verifies, on submission, the identity fields a citizen sent against the registry. A field
 * that differs from the registry throws 422 with one error per altered field; a citizen the
 * registry does not know is checked by structure only (the form's schema), and says so.
 */
export async function verifySubmittedIdentity(db: Executor, p: Principal, procedureCode: string, formSchema: unknown, form: unknown): Promise<IdentityCheck> {
  const registry = populationRegistry(db);
  const rules = rulesFor(procedureCode, formSchema);
  const checkedAt = new Date().toISOString();
  let self: PersonRecord | null;
  try {
    self = p.idNumber ? await registry.lookupPerson(p.idNumber) : null;
  } catch {
    throw new Problem(503, 'population_unavailable', 'Không kết nối được Cơ sở dữ liệu quốc gia về dân cư để đối chiếu thông tin. Vui lòng thử lại sau ít phút.',
      'The national population database could not be reached to verify your details. Please try again in a few minutes.');
  }
  if (!self) return { result: 'not_found', checkedAt, verified: [], unverified: identityPaths(rules, form) };
  const people = await findPeople(registry, self, new Set(rules.map((r) => r.person)));
  const { errors, verified, unverified } = verifyIdentity(rules, people, form);
  if (errors.length) {
    throw new Problem(422, 'identity_mismatch',
      `Thông tin nhân thân đã bị thay đổi so với Cơ sở dữ liệu quốc gia về dân cư (${errors.length} trường). Các trường này được điền tự động và không được sửa; hãy tải lại trang để điền lại.`,
      `Identity details were changed from the national population database (${errors.length} field${errors.length > 1 ? 's' : ''}). These fields are filled in automatically and must not be changed; reload the page to fill them again.`,
      { errors });
  }
  return { result: 'population', adapter: registry.name, checkedAt, verified, unverified };
}

import type { Generated } from 'kysely';
import type { HouseholdRole, MaritalStatus, Sex } from './registry.ts';

export interface PopulationHouseholdTable {
  id: string;
  head_id_number: string;
  commune_code: string;
  address: string;
  source: 'synthetic' | 'demo';
}

export interface PopulationPersonTable {
  id_number: string;
  full_name: string;
  /** 'YYYY-MM-DD' */
  date_of_birth: string;
  sex: Sex;
  ethnicity: string;
  religion: string;
  nationality: string;
  place_of_origin: string;
  birth_registration_code: string;
  birth_registration_place: string;
  permanent_commune_code: string;
  permanent_address: string;
  current_commune_code: string;
  current_address: string;
  household_id: string;
  household_role: HouseholdRole;
  marital_status: MaritalStatus;
  father_id_number: string | null;
  mother_id_number: string | null;
  spouse_id_number: string | null;
}

export interface PopulationBirthRegistrationTable {
  registration_ref: string;
  id_number: string;
  registered_at: Generated<Date>;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    population_birth_registration: PopulationBirthRegistrationTable;
    population_household: PopulationHouseholdTable;
    population_person: PopulationPersonTable;
  }
}

/**
 * What the national population database (Cơ sở dữ liệu quốc gia về dân cư) answers about a person,
 * and the interface every population-data source implements: the local synthetic population
 * (LocalPopulationRegistry in service.ts) today, a connector to the real database later.
 */

export type Sex = 'Nam' | 'Nữ';

/** Relation to the head of household (quan hệ với chủ hộ). */
export type HouseholdRole =
  | 'head' | 'wife' | 'husband' | 'child' | 'father' | 'mother' | 'father_in_law' | 'mother_in_law'
  | 'daughter_in_law' | 'son_in_law' | 'grandchild' | 'other';

export type MaritalStatus = 'single' | 'married' | 'divorced' | 'widowed';

export const HOUSEHOLD_ROLES: Record<HouseholdRole, { vi: string; en: string }> = {
  head: { vi: 'Chủ hộ', en: 'Head of household' },
  wife: { vi: 'Vợ', en: 'Wife' },
  husband: { vi: 'Chồng', en: 'Husband' },
  child: { vi: 'Con', en: 'Child' },
  father: { vi: 'Bố', en: 'Father' },
  mother: { vi: 'Mẹ', en: 'Mother' },
  father_in_law: { vi: 'Bố vợ', en: 'Father-in-law' },
  mother_in_law: { vi: 'Mẹ vợ', en: 'Mother-in-law' },
  daughter_in_law: { vi: 'Con dâu', en: 'Daughter-in-law' },
  son_in_law: { vi: 'Con rể', en: 'Son-in-law' },
  grandchild: { vi: 'Cháu', en: 'Grandchild' },
  other: { vi: 'Khác', en: 'Other' },
};

export const MARITAL_STATUSES: Record<MaritalStatus, { vi: string; en: string }> = {
  single: { vi: 'Chưa kết hôn', en: 'Never married' },
  married: { vi: 'Đã kết hôn', en: 'Married' },
  divorced: { vi: 'Ly hôn', en: 'Divorced' },
  widowed: { vi: 'Góa', en: 'Widowed' },
};

export interface Address {
  /** Commune/ward code (admin_unit) in force. */
  communeCode: string;
  /** Full address as printed: "Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội". */
  text: string;
}

export interface PersonRecord {
  /** 12-digit personal identification number. */
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: Sex;
  ethnicity: string;
  religion: string;
  nationality: string;
  /** Quê quán (province). */
  placeOfOrigin: string;
  /** Nơi đăng ký khai sinh: the 3-digit province code on the ID number, and its name. */
  birthRegistration: { provinceCode: string; place: string };
  /** Nơi thường trú. */
  permanentAddress: Address;
  /** Nơi ở hiện tại (the same as the permanent address unless registered elsewhere). */
  currentAddress: Address;
  householdId: string;
  householdRole: HouseholdRole;
  householdRoleVi: string;
  maritalStatus: MaritalStatus;
  maritalStatusVi: string;
  fatherIdNumber: string | null;
  motherIdNumber: string | null;
  spouseIdNumber: string | null;
}

/** A relative as the population database lists them. */
export interface PersonSummary {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  householdId: string;
}

export interface HouseholdMember extends PersonSummary {
  role: HouseholdRole;
  roleVi: string;
}

export interface HouseholdRecord {
  id: string;
  headIdNumber: string;
  address: Address;
  members: HouseholdMember[];
}

export interface Relations {
  father: PersonSummary | null;
  mother: PersonSummary | null;
  spouse: PersonSummary | null;
  children: PersonSummary[];
}

/**
 * A source of population data. Every method resolves to null for an unknown person or household;
 * a connector to the real database raises on transport errors (the caller answers 503).
 */
export interface PopulationRegistry {
  /** The adapter's name, recorded with each verification ("local", or e.g. "ndxp" for a national connector). */
  readonly name: string;
  lookupPerson(idNumber: string): Promise<PersonRecord | null>;
  household(householdId: string): Promise<HouseholdRecord | null>;
  relations(idNumber: string): Promise<Relations | null>;
  /**
   * A birth has been registered: the database issues the child's personal identification number
   * (số định danh cá nhân) and records the child in a parent's household. Idempotent per
   * `registrationRef` (the same registration answers the same number).
   */
  registerBirth(b: BirthRegistration): Promise<{ idNumber: string; householdId: string | null }>;
  /** Which source answers and, where it can tell cheaply, how many people and households it holds (for administrators). */
  status(): Promise<RegistryStatus>;
}

export interface RegistryStatus {
  /** Adapter name, e.g. "local" (the synthetic population in this database) or a connector's name. */
  adapter: string;
  description: { vi: string; en: string };
  people: number | null;
  households: number | null;
  /** True when the counts are the planner's estimates (large tables), not exact counts. */
  estimated: boolean;
}

export interface BirthRegistration {
  /** The birth-registration dossier's code: re-registering it returns the number already issued. */
  registrationRef: string;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: Sex;
  ethnicity?: string;
  nationality?: string;
  placeOfOrigin?: string;
  /** 3-digit province code of the registering authority (Hà Nội: 001) and its name. */
  registration: { provinceCode: string; place: string };
  motherIdNumber?: string | null;
  fatherIdNumber?: string | null;
}

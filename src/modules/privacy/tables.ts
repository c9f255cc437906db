import type { Generated } from 'kysely';

export interface AccessPurposeTable {
  code: string;
  /** 'YYYY-MM-DD' */
  valid_from: string;
  valid_to: string | null;
  name: string;
  name_en: string;
  legal_basis: string;
  legal_basis_en: string;
  selectable: boolean;
  needs_note: Generated<boolean>;
  sort: Generated<number>;
}

export interface AccessDisplayPolicyTable {
  valid_from: string;
  show_official_name: boolean;
  show_official_title: boolean;
  note: string | null;
}

export type AccessObjectKind = 'population_record' | 'citizen_account' | 'dossier' | 'document' | 'slip' | 'file' | 'access_log' | 'dossier_search';

export interface PersonalDataAccessTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string;
  actor_name: string;
  actor_title: string | null;
  actor_roles: string[];
  agency_id: string | null;
  agency_name: string | null;
  agency_name_en: string | null;
  subject_user_id: string | null;
  subject_id_number: string | null;
  subject_name: string | null;
  object_kind: AccessObjectKind;
  object_ref: string | null;
  object_label: string | null;
  dossier_id: string | null;
  dossier_code: string | null;
  purpose_code: string;
  purpose_name: string;
  purpose_name_en: string;
  purpose_note: string | null;
  legal_basis: string;
  legal_basis_en: string;
  ip: string | null;
  session_id: string | null;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    access_purpose: AccessPurposeTable;
    access_display_policy: AccessDisplayPolicyTable;
    personal_data_access: PersonalDataAccessTable;
  }
}

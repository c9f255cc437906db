import type { Generated } from 'kysely';

export type ApplicationStatus = 'in_progress' | 'completed' | 'partly_completed' | 'refused' | 'withdrawn';
export type PartState = 'waiting' | 'ready' | 'sent' | 'in_process' | 'approved' | 'refused' | 'cancelled' | 'failed';

export interface InterconnectApplicationTable {
  id: Generated<string>;
  code: string;
  group_code: string;
  group_version: number;
  applicant_user_id: string;
  applicant_name: string;
  applicant: unknown;
  commune_code: string | null;
  form: unknown;
  documents: unknown;
  status: Generated<ApplicationStatus>;
  submitted_at: Generated<Date>;
  finished_at: Date | null;
}

export interface InterconnectPartTable {
  id: Generated<string>;
  application_id: string;
  key: string;
  position: number;
  procedure_code: string | null;
  agency_id: string | null;
  depends_on: string[];
  state: PartState;
  dossier_id: string | null;
  external_ref: string | null;
  outputs: Generated<unknown>;
  reasons: unknown;
  cancelled_because: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Date | null;
  updated_at: Generated<Date>;
}

export interface InterconnectEventTable {
  id: Generated<number>;
  application_id: string;
  at: Generated<Date>;
  kind: string;
  part_key: string | null;
  data: unknown;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    interconnect_application: InterconnectApplicationTable;
    interconnect_part: InterconnectPartTable;
    interconnect_event: InterconnectEventTable;
  }
}

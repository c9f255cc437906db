import type { Generated } from 'kysely';

export interface DossierTable {
  id: Generated<string>;
  code: string;
  procedure_id: string;
  procedure_version_id: string;
  procedure_code: string;
  procedure_name: string;
  agency_id: string;
  status: number;
  channel: number;
  applicant_user_id: string | null;
  applicant_name: string;
  applicant_id_number: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  form: unknown;
  process: unknown;
  current_step: number | null;
  step_unit_id: string | null;
  step_role: string | null;
  step_assignee_id: string | null;
  step_started_at: Date | null;
  step_due_at: Date | null;
  submitted_at: Generated<Date>;
  received_at: Date | null;
  due_at: Date | null;
  paused_at: Date | null;
  resume_status: number | null;
  finished_at: Date | null;
  returned_at: Date | null;
  outcome: 'approved' | 'refused' | null;
  supplement_count: Generated<number>;
  extension_count: Generated<number>;
  fee_amount: number | null;
  /** The fee quoted at submission (payments/fees.ts FeeQuote) with the exemption claimed, if any. */
  fee_quote: unknown;
  /** How the result is delivered (dossiers/postal.ts Delivery): method, postal address, tracking number once posted. */
  delivery: unknown;
  checklist: unknown;
  /** The applicant's identity fields against the population database (population/prefill.ts IdentityCheck). */
  identity_check: unknown;
  overdue_at: Date | null;
  version: Generated<number>;
  created_by: string;
}

export interface DossierActionTable {
  dossier_id: string;
  seq: number;
  action: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string | null;
  at: Generated<Date>;
  from_status: number | null;
  to_status: number;
  from_step: number | null;
  to_step: number | null;
  from_unit_id: string | null;
  to_unit_id: string | null;
  to_assignee_id: string | null;
  step_due_at: Date | null;
  note: string | null;
  data: unknown;
}

export interface DossierDocumentTable {
  dossier_id: string;
  document_code: string;
  file_id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  added_seq: number;
  /** upload | store (reused from the personal data store) | desk | result. */
  source: Generated<'upload' | 'store' | 'desk' | 'result'>;
  store_item_id: string | null;
  /** For store items: what the store said about the document when it was reused. */
  origin: unknown;
}

export interface DossierCodeCounterTable {
  agency_code: string;
  day: string;
  last: number;
}

export interface DossierDraftTable {
  id: string;
  user_id: string;
  procedure_code: string;
  agency_code: string | null;
  form: unknown;
  documents: unknown;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    dossier_draft: DossierDraftTable;
    dossier: DossierTable;
    dossier_action: DossierActionTable;
    dossier_document: DossierDocumentTable;
    dossier_code_counter: DossierCodeCounterTable;
  }
}

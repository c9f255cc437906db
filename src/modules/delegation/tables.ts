import type { Generated } from 'kysely';

export interface AuthorityDelegationTable {
  id: Generated<string>;
  authority_id: string;
  /** One agency, or null when the delegate is a class (delegate_sector/level, maybe limited to delegate_ids). */
  delegate_id: string | null;
  delegate_sector: string | null;
  delegate_level: string | null;
  delegate_ids: Generated<string[]>;
  procedure_codes: string[];
  field_code: string | null;
  valid_from: string;
  valid_to: string | null;
  planned_valid_to: string | null;
  decision_no: string;
  decision_date: string;
  signer: string;
  conditions: string;
  created_at: Generated<Date>;
  created_by: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  moved_from: string | null;
  merger_id: string | null;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    authority_delegation: AuthorityDelegationTable;
  }
}

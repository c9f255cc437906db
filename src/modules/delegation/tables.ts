import type { Generated } from 'kysely';

export interface AuthorityDelegationTable {
  id: Generated<string>;
  authority_id: string;
  delegate_id: string;
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

export interface IssuedResultTable {
  id: string;
  code: string;
  dossier_id: string;
  dossier_code: string;
  procedure_code: string;
  title: string;
  agency_id: string;
  agency_name: string;
  applicant_name: string;
  signer_id: string;
  signer_name: string;
  signature_lines: unknown;
  file_id: string;
  storage_key: string;
  size: number;
  sha256: string;
  cert_serial: string;
  cert_subject: string;
  cert_not_after: Date;
  issued_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoked_by_name: string | null;
  revoke_reason: string | null;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    issued_result: IssuedResultTable;
  }
}

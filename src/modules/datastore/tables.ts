import type { Generated } from 'kysely';

export type StoreSource = 'upload' | 'desk' | 'result' | 'population';

export interface PersonalDocumentTable {
  id: Generated<string>;
  owner_id: string;
  document_type: string;
  title: string;
  number: string | null;
  issuer: string | null;
  /** 'YYYY-MM-DD' */
  issued_on: string | null;
  valid_until: string | null;
  source: StoreSource;
  source_dossier_id: string | null;
  source_dossier_code: string | null;
  file_id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_at: Generated<Date>;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    personal_document: PersonalDocumentTable;
  }
}

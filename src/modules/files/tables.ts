import type { Generated } from 'kysely';

export interface StoredFileTable {
  id: Generated<string>;
  owner_id: string;
  storage_key: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: Generated<Date>;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    stored_file: StoredFileTable;
  }
}

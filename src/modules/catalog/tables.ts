import type { Generated } from 'kysely';

export interface ProcedureTable {
  id: Generated<string>;
  code: string;
  created_at: Generated<Date>;
}

export interface ProcedureVersionTable {
  id: Generated<string>;
  procedure_id: string;
  version: number;
  effective_from: string;
  definition: unknown;
  name: string;
  field_code: string;
  level: string;
  sector: string;
  online_level: string;
  search_text: string;
  search_name: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    procedure: ProcedureTable;
    procedure_version: ProcedureVersionTable;
  }
}

import type { Generated } from 'kysely';

export interface UnitMergerTable {
  id: Generated<string>;
  resolution_no: string;
  resolution_date: string | null;
  effective_on: string;
  source_ids: string[];
  target_id: string | null;
  target_new: unknown;
  note: Generated<string>;
  status: Generated<'recorded' | 'applied' | 'cancelled'>;
  created_at: Generated<Date>;
  created_by: string | null;
  applied_at: Date | null;
  applied_by: string | null;
  result: unknown;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    unit_merger: UnitMergerTable;
  }
}

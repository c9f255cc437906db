import type { Generated } from 'kysely';

export interface DossierRatingTable {
  dossier_id: string;
  user_id: string;
  agency_id: string;
  level: 'very_satisfied' | 'satisfied' | 'unsatisfied';
  comment: string | null;
  created_at: Generated<Date>;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    dossier_rating: DossierRatingTable;
  }
}

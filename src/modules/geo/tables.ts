import type { Generated } from 'kysely';

export interface AdminUnitTable {
  code: string;
  level: 'province' | 'commune';
  name: string;
  name_en: string;
  full_name: string;
  full_name_en: string;
  province_code: string | null;
  valid_from: string;
  valid_to: string | null;
  successor_code: string | null;
  source: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    admin_unit: AdminUnitTable;
  }
}
export type { Generated };

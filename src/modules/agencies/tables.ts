import type { Generated } from 'kysely';

export interface OrgUnitTable {
  id: Generated<string>;
  code: string;
  kind: 'agency' | 'desk' | 'leadership' | 'division';
  slug: string;
  parent_id: string | null;
  sector: string | null;
  level: 'central' | 'province' | 'commune' | null;
  name: string;
  name_en: string;
  admin_unit_code: string | null;
  address: string | null;
  phone: string | null;
  valid_from: Generated<string>;
  valid_to: string | null;
  successor_id: string | null;
  head_title: string | null;
  head_title_full: string | null;
  collective: Generated<boolean>;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    org_unit: OrgUnitTable;
  }
}

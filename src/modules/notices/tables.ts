import type { Generated } from 'kysely';

export interface NoticeTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  dedupe_key: string;
  title_vi: string;
  title_en: string;
  body_vi: string;
  body_en: string;
  dossier_id: string | null;
  created_at: Generated<Date>;
  read_at: Date | null;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    notice: NoticeTable;
  }
}

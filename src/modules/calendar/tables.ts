import type { Generated } from 'kysely';

export interface CalendarSettingTable {
  id: Generated<number>;
  effective_from: string;
  working_periods: unknown;
  weekend: number[];
  same_day_cutoff: string;
  note: string | null;
  created_at: Generated<Date>;
}

export interface CalendarDayTable {
  date: string;
  kind: 'day_off' | 'workday';
  name: string;
  name_en: string;
  source: string;
  updated_at: Generated<Date>;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    calendar_setting: CalendarSettingTable;
    calendar_day: CalendarDayTable;
  }
}

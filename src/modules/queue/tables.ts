import type { Generated } from 'kysely';

export type TicketStatus = 'waiting' | 'called' | 'served' | 'no_show';

export interface QueueGroupTable {
  id: Generated<string>;
  agency_id: string;
  code: string;
  prefix: string;
  name: string;
  name_en: string;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface QueueCounterTable {
  id: Generated<string>;
  agency_id: string;
  number: number;
  name: string;
  name_en: string;
  active: Generated<boolean>;
}

export interface QueueCounterGroupTable {
  counter_id: string;
  group_id: string;
}

export interface QueueTicketCounterTable {
  group_id: string;
  day: string;
  last: number;
}

export interface QueueTicketTable {
  id: Generated<string>;
  agency_id: string;
  group_id: string;
  day: string;
  seq: number;
  number: string;
  status: Generated<TicketStatus>;
  issued_at: Generated<Date>;
  counter_id: string | null;
  called_by: string | null;
  called_at: Date | null;
  call_count: Generated<number>;
  finished_at: Date | null;
  finished_by: string | null;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    queue_group: QueueGroupTable;
    queue_counter: QueueCounterTable;
    queue_counter_group: QueueCounterGroupTable;
    queue_ticket_counter: QueueTicketCounterTable;
    queue_ticket: QueueTicketTable;
  }
}

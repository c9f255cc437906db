import type { Generated } from 'kysely';

export type MessageState = 'pending' | 'sending' | 'sent' | 'dead';

export interface ConnectorMessageTable {
  id: Generated<string>;
  connector: string;
  operation: string;
  key: string;
  payload: unknown;
  subject_kind: string;
  subject_id: string;
  label: string;
  agency_id: string | null;
  state: Generated<MessageState>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  locked_until: Date | null;
  last_error: string | null;
  last_status: number | null;
  external_ref: string | null;
  accepted_at: Date | null;
  decision: 'approved' | 'refused' | null;
  decided_at: Date | null;
  decision_body: unknown;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ConnectorAttemptTable {
  id: Generated<number>;
  message_id: string;
  at: Generated<Date>;
  http_status: number | null;
  error: string | null;
  response: unknown;
  duration_ms: number | null;
}

export interface ConnectorEventTable {
  id: Generated<number>;
  connector: string;
  event_id: string;
  message_id: string | null;
  kind: 'accepted' | 'decision' | 'dead' | 'rejected';
  body: unknown;
  answer_status: number | null;
  answer: unknown;
  created_at: Generated<Date>;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    connector_message: ConnectorMessageTable;
    connector_attempt: ConnectorAttemptTable;
    connector_event: ConnectorEventTable;
  }
}

import type { Generated } from 'kysely';

export type Channel = 'email' | 'sms' | 'inapp';

export interface NotificationTemplateTable {
  event: string;
  channel: Channel;
  subject_vi: string;
  subject_en: string;
  body_vi: string;
  body_en: string;
  updated_at: Generated<Date>;
}

export interface NotificationPreferenceTable {
  user_id: string;
  email: boolean;
  sms: boolean;
  updated_at: Generated<Date>;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  dedupe_key: string;
  event: string;
  channel: Channel;
  dossier_id: string;
  action_seq: number;
  user_id: string | null;
  address: string | null;
  params: unknown;
  state: Generated<'pending' | 'sending' | 'sent' | 'dead'>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  locked_until: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Generated<Date>;
}

export interface DevMailboxTable {
  id: Generated<number>;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body: string;
  outbox_id: number | null;
  created_at: Generated<Date>;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    notification_template: NotificationTemplateTable;
    notification_preference: NotificationPreferenceTable;
    notification_outbox: NotificationOutboxTable;
    dev_mailbox: DevMailboxTable;
  }
}

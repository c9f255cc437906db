import type { Generated } from 'kysely';

export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'cancelled';

export interface PaymentOrderTable {
  id: Generated<string>;
  order_no: string;
  dossier_id: string;
  dossier_code: string;
  procedure_name: string;
  agency_id: string;
  payer_user_id: string;
  payer_name: string;
  amount: string | number;
  description: string;
  status: Generated<PaymentStatus>;
  expires_at: Date;
  created_at: Generated<Date>;
  settled_at: Date | null;
  transaction_no: string | null;
  receipt_no: string | null;
  failure_reason: string | null;
  needs_review: Generated<boolean>;
}

export interface PaymentCallbackTable {
  id: Generated<string>;
  received_at: Generated<Date>;
  order_no: string | null;
  transaction_no: string | null;
  payload: unknown;
  signature_valid: boolean;
  response_status: number | null;
  response: unknown;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    payment_order: PaymentOrderTable;
    payment_callback: PaymentCallbackTable;
  }
}

-- Online payment orders for a dossier's fees (one open order per dossier) and every gateway callback received.
create table if not exists payment_order (
  id uuid primary key default gen_random_uuid(),
  order_no text not null unique,
  dossier_id uuid not null,
  dossier_code text not null,
  procedure_name text not null,
  agency_id uuid not null,
  payer_user_id uuid not null,
  payer_name text not null,
  amount bigint not null check (amount > 0),
  description text not null,
  status text not null default 'pending' check (status in ('pending', 'paid', 'failed', 'expired')),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  settled_at timestamptz,
  transaction_no text unique,
  receipt_no text unique,
  failure_reason text,
  -- Paid at the gateway although the dossier no longer waited for it (e.g. paid in cash meanwhile): a refund case for the finance officer.
  needs_review boolean not null default false
);
create unique index if not exists payment_order_one_open on payment_order (dossier_id) where status = 'pending';
create index if not exists payment_order_agency_day on payment_order (agency_id, created_at);
create index if not exists payment_order_dossier on payment_order (dossier_id, created_at);

create table if not exists payment_callback (
  id bigserial primary key,
  received_at timestamptz not null default now(),
  order_no text,
  transaction_no text,
  payload jsonb not null,
  signature_valid boolean not null,
  response_status int,
  response jsonb
);
-- A replayed callback (same gateway transaction) answers what the first one answered.
create unique index if not exists payment_callback_tx on payment_callback (transaction_no) where signature_valid and response_status = 200;

create sequence if not exists payment_receipt_seq;

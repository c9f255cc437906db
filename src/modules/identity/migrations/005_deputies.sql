-- Personal delegation (giao quyền / ủy quyền cá nhân): an official hands their inbox and roles to
-- a deputy for a date range (local dates, both inclusive). The deputy holds the delegator's grants
-- while it is in force (identity/grants.ts); revoking keeps the row. Nothing is deleted.
create table if not exists personal_delegation (
  id uuid primary key default gen_random_uuid(),
  delegator_id uuid not null references app_user (id),
  deputy_id uuid not null references app_user (id),
  from_date date not null,
  to_date date not null,
  reason text not null,
  created_at timestamptz not null default now(),
  created_by uuid not null references app_user (id),
  revoked_at timestamptz,
  revoked_by uuid references app_user (id),
  check (from_date <= to_date),
  check (delegator_id <> deputy_id)
);
create index if not exists personal_delegation_deputy on personal_delegation (deputy_id, to_date) where revoked_at is null;
create index if not exists personal_delegation_delegator on personal_delegation (delegator_id, to_date);

-- A staff member's position in their agency, for the signature block (Decree 30/2020/NĐ-CP):
-- 'head' signs in their own name (or "TM." for a collective body), 'deputy' signs "KT." for the head.
alter table app_user add column if not exists position text check (position in ('head', 'deputy'));

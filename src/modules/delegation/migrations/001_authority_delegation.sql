-- Delegation of authority (ủy quyền): agency A (the authority that legally decides) delegates
-- procedures — listed by code, or a whole field (lĩnh vực) — to agency B for a window of local
-- dates (both inclusive; valid_to null = until revoked), by a decision with a number, a date and
-- a signer, under conditions. New dossiers route to B when a delegation is in force on the day
-- of receipt. Revoking shortens valid_to (planned_valid_to keeps what the decision said);
-- a merger ends a delegation and continues it under the successor (moved_from). Nothing is deleted.
create table if not exists authority_delegation (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references org_unit (id),
  delegate_id uuid not null references org_unit (id),
  procedure_codes text[] not null default '{}',
  field_code text,
  valid_from date not null,
  valid_to date,
  planned_valid_to date,
  decision_no text not null,
  decision_date date not null,
  signer text not null,
  conditions text not null default '',
  created_at timestamptz not null default now(),
  created_by uuid,
  revoked_at timestamptz,
  revoked_by uuid,
  revoke_reason text,
  moved_from uuid references authority_delegation (id),
  merger_id uuid,
  check (authority_id <> delegate_id),
  check (cardinality(procedure_codes) > 0 or field_code is not null),
  -- A delegation revoked before it started ends the day before it would have started.
  check (valid_to is null or valid_to >= valid_from - 1)
);
create index if not exists authority_delegation_authority on authority_delegation (authority_id, valid_from);
create index if not exists authority_delegation_delegate on authority_delegation (delegate_id);

-- A dossier (hồ sơ) and its append-only action log. Current state lives on the dossier row and is
-- written in the same transaction as the action that changed it; `version` = seq of the last action.
create table if not exists dossier (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,                    -- {agency code}-{yyMMdd}-{sequence}
  procedure_id uuid not null,
  procedure_version_id uuid not null,
  procedure_code text not null,
  procedure_name text not null,
  agency_id uuid not null,
  status smallint not null check (status between 1 and 10),
  channel smallint not null check (channel in (1, 2, 3)),   -- 1 in person, 2 online, 3 post
  applicant_user_id uuid,
  applicant_name text not null,
  applicant_id_number text,
  applicant_phone text,
  applicant_email text,
  form jsonb not null,
  process jsonb,                                -- internal steps resolved to units at receipt
  current_step int,
  step_unit_id uuid,
  step_role text,
  step_assignee_id uuid,
  step_started_at timestamptz,
  step_due_at timestamptz,
  submitted_at timestamptz not null default now(),
  received_at timestamptz,
  due_at timestamptz,                           -- appointment (hẹn trả) date
  paused_at timestamptz,                        -- agency clock paused (waiting for the citizen)
  resume_status smallint,                       -- status to go back to after a supplement/payment
  finished_at timestamptz,
  returned_at timestamptz,
  outcome text check (outcome in ('approved', 'refused')),
  supplement_count int not null default 0,
  extension_count int not null default 0,
  fee_amount bigint,
  overdue_at timestamptz,
  version int not null default 1,
  created_by uuid not null
);
create index if not exists dossier_inbox on dossier (step_unit_id, step_role, step_due_at) where status in (1, 2, 4, 9);
create index if not exists dossier_applicant on dossier (applicant_user_id, submitted_at desc);
create index if not exists dossier_agency_status on dossier (agency_id, status, submitted_at desc);
create index if not exists dossier_due on dossier (due_at) where status in (2, 4, 5, 6) and overdue_at is null;

create table if not exists dossier_action (
  dossier_id uuid not null references dossier (id),
  seq int not null,
  action text not null,
  actor_id uuid,
  actor_name text not null,
  actor_role text,
  at timestamptz not null default now(),
  from_status smallint,
  to_status smallint not null,
  from_step int,
  to_step int,
  from_unit_id uuid,
  to_unit_id uuid,
  to_assignee_id uuid,
  step_due_at timestamptz,
  note text,
  data jsonb,
  primary key (dossier_id, seq)
);

-- The action log is append-only.
create or replace function dossier_action_immutable() returns trigger language plpgsql as $$
begin raise exception 'dossier_action is append-only'; end $$;
drop trigger if exists dossier_action_no_change on dossier_action;
create trigger dossier_action_no_change before update or delete on dossier_action
  for each row execute function dossier_action_immutable();

create table if not exists dossier_document (
  dossier_id uuid not null references dossier (id),
  document_code text not null,
  file_id uuid not null,
  filename text not null,
  mime text not null,
  size bigint not null,
  sha256 text not null,
  storage_key text not null,
  added_seq int not null,                       -- the action that attached it
  primary key (dossier_id, document_code, file_id)
);

create table if not exists dossier_code_counter (
  agency_code text not null,
  day date not null,
  last int not null,
  primary key (agency_code, day)
);

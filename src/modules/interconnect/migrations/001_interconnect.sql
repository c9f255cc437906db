-- Interconnected applications (hồ sơ liên thông): one application by a citizen, fanned out into
-- parts — a child dossier at an agency in Motcua, or a request to a system outside it — with
-- dependencies between them (the group's definition in groups.json, by code and version).
create sequence if not exists interconnect_code_seq;

create table if not exists interconnect_application (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  group_code text not null,
  group_version int not null,
  applicant_user_id uuid not null,
  applicant_name text not null,
  -- What the fan-out needs to file child dossiers as the applicant (ID number, e-ID level, contacts).
  applicant jsonb not null,
  commune_code text,
  form jsonb not null,
  documents jsonb not null,
  status text not null default 'in_progress'
    check (status in ('in_progress', 'completed', 'partly_completed', 'refused', 'withdrawn')),
  submitted_at timestamptz not null default now(),
  finished_at timestamptz
);
create index if not exists interconnect_application_applicant on interconnect_application (applicant_user_id, submitted_at desc);

create table if not exists interconnect_part (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references interconnect_application (id),
  key text not null,
  position int not null,
  procedure_code text,
  agency_id uuid,
  depends_on text[] not null,
  state text not null check (state in ('waiting', 'ready', 'sent', 'in_process', 'approved', 'refused', 'cancelled', 'failed')),
  -- One child dossier per part, ever: the fan-out writes it and this link in one transaction.
  dossier_id uuid unique,
  external_ref text,
  outputs jsonb not null default '{}',
  reasons jsonb,
  cancelled_because text,
  attempts int not null default 0,
  last_error text,
  next_attempt_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (application_id, key)
);
create index if not exists interconnect_part_ready on interconnect_part (next_attempt_at nulls first) where state = 'ready';
create index if not exists interconnect_part_agency on interconnect_part (agency_id) where agency_id is not null;

-- What happened to the application, for the citizen's timeline. Append-only.
create table if not exists interconnect_event (
  id bigserial primary key,
  application_id uuid not null references interconnect_application (id),
  at timestamptz not null default now(),
  kind text not null,
  part_key text,
  data jsonb
);
create index if not exists interconnect_event_application on interconnect_event (application_id, id);
create or replace function interconnect_event_append_only() returns trigger language plpgsql as $$
begin raise exception 'interconnect_event is append-only'; end $$;
drop trigger if exists interconnect_event_no_change on interconnect_event;
create trigger interconnect_event_no_change before update or delete on interconnect_event
  for each row execute function interconnect_event_append_only();

-- Personal-data access log (Decree 13/2023/NĐ-CP, then Law 91/2025/QH15): every time an official
-- opens a citizen's personal record or documents, who, whose data, what, why, on what legal basis,
-- when and from where. Citizens read their own entries; supervisors audit their agency's.

-- The purposes staff may state, as dated reference data (a new wording or legal basis is a new
-- row from a date; the old row gets its valid_to). Seeded by the module's seed.
create table if not exists access_purpose (
  code text not null,
  valid_from date not null,
  valid_to date,                               -- last day in force; null = still in force
  name text not null,
  name_en text not null,
  legal_basis text not null,
  legal_basis_en text not null,
  selectable boolean not null,                 -- staff may pick it when looking a person up; false = only derived (dossier work, audits)
  needs_note boolean not null default false,   -- e.g. an inspection names its decision
  sort int not null default 0,
  primary key (code, valid_from),
  check (valid_to is null or valid_to >= valid_from)
);

-- What a citizen is shown about the officials who viewed their data, as dated policy.
create table if not exists access_display_policy (
  valid_from date primary key,
  show_official_name boolean not null,
  show_official_title boolean not null,
  note text
);

create table if not exists personal_data_access (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid not null,
  actor_name text not null,
  actor_title text,
  actor_roles text[] not null,                 -- the official's roles in the agency at the time
  agency_id uuid,
  agency_name text,
  agency_name_en text,
  subject_user_id uuid,                        -- the citizen's account, when known
  subject_id_number text,                      -- the citizen's personal ID number, when known
  subject_name text,
  object_kind text not null check (object_kind in ('population_record', 'citizen_account', 'dossier', 'document', 'slip', 'file', 'access_log')),
  object_ref text,                             -- dossier id, file id, slip kind
  object_label text,                           -- what a person reads: dossier code, file name
  dossier_id uuid,
  dossier_code text,
  purpose_code text not null,
  purpose_name text not null,
  purpose_name_en text not null,
  purpose_note text,
  legal_basis text not null,
  legal_basis_en text not null,
  ip text,
  session_id text
);

-- The citizen's view (newest first) by ID number or by account; the agency's audit by time, official, purpose.
create index if not exists personal_data_access_subject_idn on personal_data_access (subject_id_number, at desc) where subject_id_number is not null;
create index if not exists personal_data_access_subject_user on personal_data_access (subject_user_id, at desc) where subject_user_id is not null;
create index if not exists personal_data_access_agency on personal_data_access (agency_id, at desc);
create index if not exists personal_data_access_actor on personal_data_access (actor_id, at desc);

-- Append-only, like dossier_action: nobody edits or removes what was looked at.
create or replace function personal_data_access_immutable() returns trigger language plpgsql as $$
begin raise exception 'personal_data_access is append-only'; end $$;
drop trigger if exists personal_data_access_no_change on personal_data_access;
create trigger personal_data_access_no_change before update or delete on personal_data_access
  for each row execute function personal_data_access_immutable();
drop trigger if exists personal_data_access_no_truncate on personal_data_access;
create trigger personal_data_access_no_truncate before truncate on personal_data_access
  for each statement execute function personal_data_access_immutable();

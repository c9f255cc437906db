-- Applications a citizen started and saved to finish later. Deleted when submitted.
create table if not exists dossier_draft (
  id uuid primary key,
  user_id uuid not null,
  procedure_code text not null,
  agency_code text,
  form jsonb not null default '{}',
  documents jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists dossier_draft_user on dossier_draft (user_id, updated_at desc);

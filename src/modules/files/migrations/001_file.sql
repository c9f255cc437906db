-- Uploaded files (content in FileStorage under storage_key). A file belongs to the user who
-- uploaded it and can be attached to several of their dossiers (reuse, once-only).
create table if not exists stored_file (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,
  storage_key text not null unique,
  filename text not null,
  mime text not null,
  size bigint not null,
  sha256 text not null,
  created_at timestamptz not null default now()
);
create index if not exists stored_file_owner on stored_file (owner_id, created_at desc);

-- The personal data store (kho dữ liệu cá nhân): per citizen, documents already digitized and earlier
-- e-results, offered for reuse in new dossiers instead of a new upload (once-only). An item points at a
-- stored_file (files module) and keeps a copy of its metadata, like dossier_document does, so listing
-- and serving it needs no other module's tables. Removing an item never touches dossiers already filed.
create table if not exists personal_document (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null,                       -- the citizen (app_user)
  document_type text not null,                  -- code in document-types.json
  title text not null,
  number text,                                  -- số hiệu / số giấy tờ
  issuer text,                                  -- cơ quan cấp
  issued_on date,
  valid_until date,                             -- null: no expiry
  source text not null check (source in ('upload', 'desk', 'result', 'population')),
  source_dossier_id uuid,                       -- desk / result: the dossier it came from
  source_dossier_code text,
  file_id uuid not null,
  filename text not null,
  mime text not null,
  size bigint not null,
  sha256 text not null,
  storage_key text not null,
  created_at timestamptz not null default now(),
  unique (owner_id, file_id)
);
create index if not exists personal_document_owner on personal_document (owner_id, created_at desc);

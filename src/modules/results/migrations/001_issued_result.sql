-- Electronic results (kết quả điện tử) issued by Motcua: one row per signed PDF. The bytes live in
-- stored_file (files module); sha256 is kept here so verification needs no other module's tables
-- and an uploaded copy can be recognised by its hash. A revoked result stays, marked and explained.
create table if not exists issued_result (
  id uuid primary key,
  code text not null unique,                  -- short verification code printed under the QR code
  dossier_id uuid not null,
  dossier_code text not null,
  procedure_code text not null,
  title text not null,                        -- document title (the procedure's result type)
  agency_id uuid not null,
  agency_name text not null,
  applicant_name text not null,
  signer_id uuid not null,
  signer_name text not null,
  signature_lines jsonb not null,             -- the printed block (TUQ./KT./TM. …)
  file_id uuid not null,
  storage_key text not null,
  size bigint not null,
  sha256 text not null,
  cert_serial text not null,
  cert_subject text not null,
  cert_not_after timestamptz not null,
  issued_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by uuid,
  revoked_by_name text,
  revoke_reason text
);
create index if not exists issued_result_dossier on issued_result (dossier_id);
create index if not exists issued_result_sha256 on issued_result (sha256);

-- Provenance of each dossier document (once-only): a fresh upload by the citizen, an item reused from
-- the citizen's personal data store (with a copy of what the store said about it, so removing the
-- item later loses nothing), a scan made at the desk, or an e-result of this dossier.
alter table dossier_document add column if not exists source text not null default 'upload'
  check (source in ('upload', 'store', 'desk', 'result'));
alter table dossier_document add column if not exists store_item_id uuid;
alter table dossier_document add column if not exists origin jsonb;
-- Documents filed before this column existed: results by their code, walk-in scans by the channel.
update dossier_document set source = 'result' where document_code = 'result' and source = 'upload';
update dossier_document dd set source = 'desk' from dossier d
  where d.id = dd.dossier_id and d.channel <> 2 and dd.document_code <> 'result' and dd.source = 'upload';

-- What the submission check found about the applicant's identity fields: compared with the population
-- database (which fields matched, which it had no value for), no record (structure only), or filed in person.
alter table dossier add column if not exists identity_check jsonb;

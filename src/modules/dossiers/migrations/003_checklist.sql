-- What the desk checked when receiving a walk-in applicant's paper documents (code, original/copy, count):
-- printed on the receipt slip even for documents that were not scanned.
alter table dossier add column if not exists checklist jsonb;

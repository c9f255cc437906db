-- The delegation of authority a dossier was routed by (decision number, delegating authority),
-- recorded at submission; and the signature block of its signed result (TUQ./KT./TM. lines,
-- signer), recorded at signing so slips and result PDFs print exactly what was signed.
alter table dossier add column if not exists delegation jsonb;
alter table dossier add column if not exists signature jsonb;
-- Mergers move the open dossiers of an agency: find them by agency quickly.
create index if not exists dossier_agency_open on dossier (agency_id) where status in (1, 2, 4, 5, 6, 9);

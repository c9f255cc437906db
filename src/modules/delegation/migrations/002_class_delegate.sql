-- A delegation may name as delegate one agency (delegate_id, as before) or a CLASS of agencies:
-- every active agency of a sector at a level (delegate_sector, delegate_level — e.g. every ward
-- and commune People's Committee: people_committee / commune), optionally only those listed in
-- delegate_ids. "The level closest to the people decides": the applicant then files at the
-- delegate of their choice (the ward where they live). Exactly one of the two forms is set.
alter table authority_delegation alter column delegate_id drop not null;
alter table authority_delegation add column if not exists delegate_sector text;
alter table authority_delegation add column if not exists delegate_level text;
alter table authority_delegation add column if not exists delegate_ids uuid[] not null default '{}';
alter table authority_delegation add constraint authority_delegation_one_delegate_form check (
  (delegate_id is not null and delegate_sector is null and delegate_level is null and cardinality(delegate_ids) = 0)
  or (delegate_id is null and delegate_sector is not null and delegate_level is not null)
);
create index if not exists authority_delegation_delegate_class on authority_delegation (delegate_sector, delegate_level) where delegate_id is null;

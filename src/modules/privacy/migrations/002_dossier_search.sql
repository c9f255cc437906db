-- Searching dossiers by a person's ID number or phone is a look-up of that person: logged too.
alter table personal_data_access drop constraint if exists personal_data_access_object_kind_check;
alter table personal_data_access add constraint personal_data_access_object_kind_check
  check (object_kind in ('population_record', 'citizen_account', 'dossier', 'document', 'slip', 'file', 'access_log', 'dossier_search'));

-- Births registered through Motcua: the personal identification number the population database
-- issued for each birth-registration dossier, so a retried registration gets the same number.
create table if not exists population_birth_registration (
  registration_ref text primary key,
  id_number text not null unique references population_person (id_number),
  registered_at timestamptz not null default now()
);

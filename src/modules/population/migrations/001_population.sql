-- A local stand-in for the national population database (CSDL quốc gia về dân cư): households and
-- the people registered in them, as the population-data adapter returns them. Filled with a
-- synthetic population (generator.ts); a real connector does not use these tables.
create table if not exists population_household (
  id text primary key,                          -- household number (province code + 10 digits)
  head_id_number text not null,
  commune_code text not null,                   -- commune/ward (admin_unit code) of the registered address
  address text not null,                        -- full address line
  source text not null check (source in ('synthetic', 'demo'))
);
create index if not exists population_household_commune on population_household (commune_code);

create table if not exists population_person (
  id_number text primary key check (id_number ~ '^[0-9]{12}$'),
  full_name text not null,
  date_of_birth date not null,
  sex text not null check (sex in ('Nam', 'Nữ')),
  ethnicity text not null,
  religion text not null,
  nationality text not null,
  place_of_origin text not null,                -- quê quán
  birth_registration_code text not null,        -- 3-digit province code of birth registration (ID digits 1–3)
  birth_registration_place text not null,
  permanent_commune_code text not null,         -- nơi thường trú
  permanent_address text not null,
  current_commune_code text not null,           -- nơi ở hiện tại
  current_address text not null,
  household_id text not null references population_household (id),
  household_role text not null check (household_role in ('head', 'wife', 'husband', 'child', 'father', 'mother',
    'father_in_law', 'mother_in_law', 'daughter_in_law', 'son_in_law', 'grandchild', 'other')),
  marital_status text not null check (marital_status in ('single', 'married', 'divorced', 'widowed')),
  father_id_number text,
  mother_id_number text,
  spouse_id_number text
);
create index if not exists population_person_household on population_person (household_id);
create index if not exists population_person_father on population_person (father_id_number) where father_id_number is not null;
create index if not exists population_person_mother on population_person (mother_id_number) where mother_id_number is not null;

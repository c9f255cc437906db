create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- Search normal form: lower case, no diacritics (đ → d), and y → i because Vietnamese
-- spells "ký"/"kí", "lý"/"lí" both ways.
create or replace function search_norm(t text) returns text
  language sql immutable parallel safe strict
  as $$ select translate(lower(public.unaccent('public.unaccent'::regdictionary, t)), 'y', 'i') $$;

create table if not exists procedure (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,          -- national code, e.g. 1.001193
  created_at timestamptz not null default now()
);

-- Every edit is a new version effective from a date; dossiers keep the version they were filed under.
create table if not exists procedure_version (
  id uuid primary key default gen_random_uuid(),
  procedure_id uuid not null references procedure (id),
  version int not null,
  effective_from date not null,
  definition jsonb not null,
  name text not null,
  field_code text not null,
  level text not null,
  sector text not null,
  online_level text not null,
  search_text text not null,          -- search_norm(name + keywords)
  search_name text not null,          -- search_norm(name)
  created_at timestamptz not null default now(),
  created_by uuid,
  unique (procedure_id, version)
);
create index if not exists procedure_version_current on procedure_version (procedure_id, effective_from desc, version desc);
create index if not exists procedure_version_trgm on procedure_version using gin (search_text gin_trgm_ops);

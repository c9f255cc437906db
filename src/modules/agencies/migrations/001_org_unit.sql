-- Agencies (cơ quan) and their internal units: the one-stop desk, the leadership and divisions.
-- Agencies carry the agency code used in dossier codes (e.g. 000.00.12.H26).
create table if not exists org_unit (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  kind text not null check (kind in ('agency', 'desk', 'leadership', 'division')),
  slug text not null,                 -- 'desk', 'leadership' or the division code, e.g. 'hanh-chinh-tu-phap'
  parent_id uuid references org_unit (id),
  sector text,                        -- agencies: people_committee, justice, police, …
  level text check (level in ('central', 'province', 'commune')),
  name text not null,
  name_en text not null,
  admin_unit_code text,               -- the province or commune it serves
  address text,
  phone text,
  valid_from date not null default '2025-07-01',
  valid_to date,
  successor_id uuid references org_unit (id)
);
create index if not exists org_unit_parent on org_unit (parent_id);
create index if not exists org_unit_sector on org_unit (sector, level) where kind = 'agency';

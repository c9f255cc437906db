-- Administrative units (provinces and communes/wards) with validity dates and a successor,
-- so a merger by resolution is recorded as data: the old unit gets valid_to and successor_code.
create table if not exists admin_unit (
  code text primary key,
  level text not null check (level in ('province', 'commune')),
  name text not null,
  name_en text not null,
  full_name text not null,
  full_name_en text not null,
  province_code text references admin_unit (code),
  valid_from date not null,
  valid_to date,
  successor_code text references admin_unit (code),
  source text not null
);
create index if not exists admin_unit_province on admin_unit (province_code);

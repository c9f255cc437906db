-- The working-day calendar as dated data. Settings are versioned by effective date; days
-- override the computed holidays (official schedules: days off, make-up working Saturdays).
create table if not exists calendar_setting (
  id serial primary key,
  effective_from date not null unique,
  working_periods jsonb not null,     -- [{"start":"08:00","end":"12:00"},…]
  weekend int[] not null,             -- ISO weekdays (6 = Saturday, 7 = Sunday)
  same_day_cutoff text not null,      -- same-day procedures received after this are due next working day
  note text,
  created_at timestamptz not null default now()
);
create table if not exists calendar_day (
  date date primary key,
  kind text not null check (kind in ('day_off', 'workday')),
  name text not null,
  name_en text not null,
  source text not null,               -- e.g. 'computed: Labour Code 2019 art. 112' or an official notice number
  updated_at timestamptz not null default now()
);

-- The one-stop desk's queue (xếp hàng lấy số): counter groups per agency (the services a ticket is
-- for, each with its letter), counters (Quầy 1, 2, …) serving one or more groups, and tickets
-- numbered per group per local day (A001, A002, …). Times are UTC; `day` is the local
-- (Asia/Ho_Chi_Minh) calendar date the number belongs to.
create table if not exists queue_group (
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null,                      -- org_unit of kind 'agency'
  code text not null check (code ~ '^[a-z0-9-]{1,60}$'),
  prefix text not null check (prefix ~ '^[A-Z]{1,2}$'),
  name text not null,
  name_en text not null,
  sort int not null default 0,
  active boolean not null default true,
  unique (agency_id, code),
  unique (agency_id, prefix)                    -- so a number is unique within the agency's day
);

create table if not exists queue_counter (
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null,
  number int not null check (number between 1 and 999),
  name text not null,                           -- 'Quầy 1'
  name_en text not null,
  active boolean not null default true,
  unique (agency_id, number)
);

create table if not exists queue_counter_group (
  counter_id uuid not null references queue_counter (id) on delete cascade,
  group_id uuid not null references queue_group (id) on delete cascade,
  primary key (counter_id, group_id)
);

-- Last number issued per group and local day: bumped in the statement that inserts the ticket,
-- so numbers are dense and unique under any concurrency (as dossier_code_counter).
create table if not exists queue_ticket_counter (
  group_id uuid not null references queue_group (id) on delete cascade,
  day date not null,
  last int not null,
  primary key (group_id, day)
);

create table if not exists queue_ticket (
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null,
  group_id uuid not null references queue_group (id),
  day date not null,
  seq int not null,
  number text not null,                         -- prefix + sequence: 'A001'
  status text not null default 'waiting' check (status in ('waiting', 'called', 'served', 'no_show')),
  issued_at timestamptz not null default now(),
  counter_id uuid references queue_counter (id),
  called_by uuid,
  called_at timestamptz,                        -- the latest call (a recall moves it)
  call_count int not null default 0,
  finished_at timestamptz,
  finished_by uuid,
  unique (group_id, day, seq)
);
create index if not exists queue_ticket_waiting on queue_ticket (agency_id, day, issued_at, seq) where status = 'waiting';
create index if not exists queue_ticket_by_counter on queue_ticket (counter_id, called_at desc) where counter_id is not null;
create index if not exists queue_ticket_calls on queue_ticket (agency_id, day, called_at desc) where called_at is not null;

-- Staff and citizen accounts, role grants scoped to organisation units, and sign-in sessions.
create table if not exists app_user (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('staff', 'citizen')),
  username text unique,               -- staff login name; citizens sign in with their ID number
  password_hash text,
  full_name text not null,
  id_number text unique,              -- 12-digit personal identification number
  date_of_birth date,
  sex text,
  phone text,
  email text,
  address text,
  title text,                         -- staff job title printed on slips
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);
create table if not exists role_grant (
  user_id uuid not null references app_user (id) on delete cascade,
  role text not null,
  unit_id uuid not null,              -- org unit (agency, desk, division or leadership)
  primary key (user_id, role, unit_id)
);
create index if not exists role_grant_unit on role_grant (unit_id, role);
create table if not exists user_session (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references app_user (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index if not exists user_session_user on user_session (user_id);

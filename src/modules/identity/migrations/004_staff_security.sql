-- Staff account security: password life cycle, TOTP second factor, lockout, session activity,
-- sign-in audit and the audit of account administration. Policy values are data (security_policy).

alter table app_user add column if not exists must_change_password boolean not null default false;
alter table app_user add column if not exists password_changed_at timestamptz;
-- Seeded demo accounts (password motcua2026): exempt from mandatory 2FA while
-- security_policy.demo_accounts_exempt is true, so demos and tests can sign in with a password only.
alter table app_user add column if not exists demo_account boolean not null default false;
alter table app_user add column if not exists disabled_at timestamptz;
-- Databases seeded before this migration: mark the demo accounts the seed created.
update app_user set demo_account = true
 where username in ('admin', 'catp.tiepnhan', 'catp.canbo', 'catp.truongphong', 'catp.lanhdao', 'catp.giamsat',
                    'badinh.tiepnhan', 'badinh.chuyenvien', 'badinh.truongphong', 'badinh.chutich',
                    'ca.badinh.tiepnhan', 'ca.badinh.canbo', 'ca.badinh.truongca', 'bhxh.tiepnhan', 'bhxh.canbo', 'bhxh.lanhdao')
    or id_number in ('001090012345', '001195006789', '001301004321');
create index if not exists app_user_kind_name on app_user (kind, full_name);

-- One row: the policy in force. Edited by a city-level system administrator.
create table if not exists security_policy (
  id boolean primary key default true check (id),
  mfa_required_roles text[] not null default '{system_admin,signing_authority}',
  demo_accounts_exempt boolean not null default true,
  password_min_length int not null default 12 check (password_min_length between 8 and 64),
  lockout_threshold int not null default 5 check (lockout_threshold between 3 and 50),
  lockout_base_minutes int not null default 15 check (lockout_base_minutes between 1 and 1440),
  lockout_max_minutes int not null default 1440 check (lockout_max_minutes between 1 and 43200),
  ip_failure_limit int not null default 100 check (ip_failure_limit between 5 and 10000),
  ip_window_minutes int not null default 15 check (ip_window_minutes between 1 and 1440),
  session_idle_minutes int not null default 30 check (session_idle_minutes between 5 and 1440),
  session_absolute_hours int not null default 12 check (session_absolute_hours between 1 and 720),
  updated_at timestamptz not null default now(),
  updated_by uuid
);
insert into security_policy (id) values (true) on conflict do nothing;

-- TOTP (RFC 6238). The secret is AES-256-GCM encrypted with a key outside the database.
-- confirmed_at null = enrolment started, not yet proven by a first code.
create table if not exists user_totp (
  user_id uuid primary key references app_user (id) on delete cascade,
  secret_enc text not null,
  confirmed_at timestamptz,
  last_step bigint not null default 0,   -- highest time step accepted: a code cannot be used twice
  created_at timestamptz not null default now()
);
create table if not exists user_recovery_code (
  user_id uuid not null references app_user (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- A password was right but a second step remains (TOTP code, mandatory enrolment, password change).
create table if not exists login_challenge (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references app_user (id) on delete cascade,
  step text not null check (step in ('totp', 'enrol_totp', 'change_password')),
  attempts int not null default 0,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  ip text,
  user_agent text
);
create index if not exists login_challenge_user on login_challenge (user_id);

-- Consecutive failures per login name (known or not: an unknown name is throttled exactly like a
-- real one, so lockout does not reveal which accounts exist).
create table if not exists login_throttle (
  login_name text primary key,
  failures int not null default 0,
  lock_count int not null default 0,
  locked_until timestamptz,
  updated_at timestamptz not null default now()
);

alter table user_session add column if not exists last_seen_at timestamptz not null default now();
alter table user_session add column if not exists auth_method text;
alter table user_session add column if not exists revoked_by uuid;
create index if not exists user_session_active on user_session (user_id) where revoked_at is null;

-- Every sign-in attempt and sign-out. Append-only. Never holds passwords, codes or tokens.
create table if not exists sign_in_event (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id uuid,                          -- null when the login name matched no account
  login_name text,
  method text not null,                  -- password, totp, recovery_code, eid, logout, session
  outcome text not null,                 -- success, failure, locked, throttled, second_factor
  reason text,
  ip text,
  user_agent text,
  session_id uuid
);
create index if not exists sign_in_event_user on sign_in_event (user_id, at desc);
create index if not exists sign_in_event_at on sign_in_event (at desc);
create index if not exists sign_in_event_ip_fail on sign_in_event (ip, at) where outcome = 'failure';

-- Changes to accounts, roles and security settings: who did what to whom. Append-only.
create table if not exists account_event (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  user_id uuid,
  action text not null,
  detail jsonb not null default '{}'
);
create index if not exists account_event_user on account_event (user_id, at desc);

create or replace function identity_audit_immutable() returns trigger language plpgsql as $$
begin raise exception '% is append-only', tg_table_name; end $$;
drop trigger if exists sign_in_event_no_change on sign_in_event;
create trigger sign_in_event_no_change before update or delete on sign_in_event
  for each row execute function identity_audit_immutable();
drop trigger if exists account_event_no_change on account_event;
create trigger account_event_no_change before update or delete on account_event
  for each row execute function identity_audit_immutable();
drop trigger if exists sign_in_event_no_truncate on sign_in_event;
create trigger sign_in_event_no_truncate before truncate on sign_in_event
  for each statement execute function identity_audit_immutable();
drop trigger if exists account_event_no_truncate on account_event;
create trigger account_event_no_truncate before truncate on account_event
  for each statement execute function identity_audit_immutable();

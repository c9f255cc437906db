-- Citizen sign-in with the national e-ID over OpenID Connect (identity/eid).

-- One row per sign-in attempt: the secrets of the authorization request, kept server-side and
-- consumed exactly once by the callback (a replayed callback finds it consumed). `browser_hash`
-- binds the attempt to the browser that started it (a cookie), against login CSRF.
create table if not exists eid_login_tx (
  state_hash text primary key,
  nonce text not null,
  code_verifier text not null,
  return_to text not null,
  browser_hash text not null,
  issuer text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  consumed_at timestamptz
);
create index if not exists eid_login_tx_expires on eid_login_tx (expires_at);

-- The e-ID identities a citizen account has signed in with (subject per issuer; a province that
-- moves from the demo provider to the real one gets a second row for the same person).
create table if not exists eid_identity (
  issuer text not null,
  subject text not null,
  user_id uuid not null references app_user (id) on delete cascade,
  first_login_at timestamptz not null default now(),
  last_login_at timestamptz not null default now(),
  primary key (issuer, subject)
);
create index if not exists eid_identity_user on eid_identity (user_id);

-- Sessions opened through the e-ID: the ID token is kept as id_token_hint for RP-initiated logout.
create table if not exists eid_session (
  session_id uuid primary key references user_session (id) on delete cascade,
  issuer text not null,
  subject text not null,
  id_token text not null,
  created_at timestamptz not null default now()
);

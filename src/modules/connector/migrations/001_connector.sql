-- Connector to agencies outside Motcua (issue 5). A request to an external system is written to an
-- outbox in the caller's transaction (never lost, one per connector and key), delivered by a job
-- with signed HTTP, retried with backoff, and kept as a dead letter officials can inspect and retry.

create table if not exists connector_message (
  id uuid primary key default gen_random_uuid(),
  connector text not null,
  operation text not null,
  -- The caller's idempotency key, re-sent as Idempotency-Key on every attempt.
  key text not null,
  payload jsonb not null,
  subject_kind text not null,
  subject_id text not null,
  label text not null,
  -- The agency on whose behalf (its supervisors see the message); null = city administrators only.
  agency_id uuid,
  state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'dead')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- A claim is a lease: a sender that crashed mid-send gives the row back after it expires.
  locked_until timestamptz,
  last_error text,
  last_status integer,
  -- What the external system answered when it accepted the request.
  external_ref text,
  accepted_at timestamptz,
  -- Its decision (by callback or status poll).
  decision text check (decision in ('approved', 'refused')),
  decided_at timestamptz,
  decision_body jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (connector, key)
);
create index if not exists connector_message_due on connector_message (next_attempt_at) where state in ('pending', 'sending');
create index if not exists connector_message_list on connector_message (created_at desc);
create index if not exists connector_message_undecided on connector_message (accepted_at) where state = 'sent' and decision is null;
create index if not exists connector_message_ref on connector_message (connector, external_ref);

-- Every delivery attempt: when, the HTTP status (null when no answer), the error, the answer body.
create table if not exists connector_attempt (
  id bigserial primary key,
  message_id uuid not null references connector_message (id) on delete cascade,
  at timestamptz not null default now(),
  http_status integer,
  error text,
  response jsonb,
  duration_ms integer
);
create index if not exists connector_attempt_message on connector_attempt (message_id, id);

-- Events given to the subscribers (accepted, decision, dead) and incoming callbacks, each once:
-- event_id is unique per connector (the external system's event id for callbacks), and a message
-- has at most one 'accepted' and one 'decision' event. `answer` is what a replayed callback gets.
create table if not exists connector_event (
  id bigserial primary key,
  connector text not null,
  event_id text not null,
  message_id uuid references connector_message (id) on delete cascade,
  kind text not null check (kind in ('accepted', 'decision', 'dead', 'rejected')),
  body jsonb not null,
  answer_status integer,
  answer jsonb,
  created_at timestamptz not null default now(),
  unique (connector, event_id)
);
create unique index if not exists connector_event_once on connector_event (message_id, kind) where kind in ('accepted', 'decision');
create index if not exists connector_event_message on connector_event (message_id, id);

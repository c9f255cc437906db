-- Responses of POST requests sent with an Idempotency-Key, stored in the same transaction
-- as the change they describe, so a retry replays the first answer instead of acting twice.
create table if not exists idempotency_key (
  scope text not null,            -- who sent it (user id or 'anonymous')
  key text not null,
  request_hash text not null,
  status_code int,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);
create index if not exists idempotency_key_created on idempotency_key (created_at);

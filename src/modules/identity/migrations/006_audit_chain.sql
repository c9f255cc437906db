-- Tamper-evident sign-in and account audits (issue 6): the same mechanism as the personal-data
-- access log (src/platform/migrations/002_audit_chain.sql): one hash chain PER ACCOUNT (user_id;
-- sign-ins under names that match no account share the chain '-'), positions given under the
-- chain's head row. Writers record these rows last in their transaction (or on their own), after
-- any lock on the account, so the head row adds no lock-order inversion.
-- The same field lists are in src/modules/audit-chains.ts for the verifier: change both or neither.

alter table sign_in_event add column if not exists chain_seq bigint,
  add column if not exists prev_hash bytea, add column if not exists hash bytea;
alter table account_event add column if not exists chain_seq bigint,
  add column if not exists prev_hash bytea, add column if not exists hash bytea;

create or replace function sign_in_event_chain_fields(e sign_in_event) returns text[]
language sql immutable parallel safe as $$
  select array[e.id::text, audit_chain_instant(e.at), e.user_id::text, e.login_name, e.method, e.outcome, e.reason, e.ip, e.user_agent, e.session_id::text]
$$;
create or replace function account_event_chain_fields(e account_event) returns text[]
language sql immutable parallel safe as $$
  select array[e.id::text, audit_chain_instant(e.at), e.actor_id::text, e.user_id::text, e.action, e.detail::text]
$$;

-- Existing rows: link them in id order, account by account, and record the heads.
alter table sign_in_event disable trigger sign_in_event_no_change;
alter table account_event disable trigger account_event_no_change;
do $$
declare r record; prev bytea; cur text; n bigint; h bytea; t text;
begin
  foreach t in array array['sign_in_event', 'account_event'] loop
    prev := null; cur := null; n := 0;
    for r in execute format('select e.ctid as rid, coalesce(e.user_id::text, ''-'') as chain, %I_chain_fields(e) as f from %I e order by e.user_id nulls first, e.id', t, t) loop
      if cur is distinct from r.chain then
        if cur is not null then insert into audit_chain_head (log, chain, seq, hash) values (t, cur, n, prev); end if;
        prev := null; cur := r.chain; n := 0;
      end if;
      n := n + 1;
      h := audit_chain_hash(array[t, r.chain, n::text, encode(prev, 'hex')] || r.f);
      execute format('update %I set chain_seq = $1, prev_hash = $2, hash = $3 where ctid = $4', t) using n, prev, h, r.rid;
      prev := h;
    end loop;
    if cur is not null then insert into audit_chain_head (log, chain, seq, hash) values (t, cur, n, prev); end if;
  end loop;
end $$;
alter table sign_in_event enable trigger sign_in_event_no_change;
alter table account_event enable trigger account_event_no_change;
alter table sign_in_event alter column chain_seq set not null, alter column hash set not null;
alter table account_event alter column chain_seq set not null, alter column hash set not null;
create unique index if not exists sign_in_event_chain on sign_in_event (user_id nulls first, chain_seq) nulls not distinct;
create unique index if not exists account_event_chain on account_event (user_id nulls first, chain_seq) nulls not distinct;

create or replace function sign_in_event_chain() returns trigger language plpgsql as $$
declare link record;
begin
  link := audit_chain_append('sign_in_event', coalesce(new.user_id::text, '-'), sign_in_event_chain_fields(new));
  new.chain_seq := link.n; new.prev_hash := link.prev; new.hash := link.h;
  return new;
end $$;
drop trigger if exists sign_in_event_chain on sign_in_event;
create trigger sign_in_event_chain before insert on sign_in_event for each row execute function sign_in_event_chain();

create or replace function account_event_chain() returns trigger language plpgsql as $$
declare link record;
begin
  link := audit_chain_append('account_event', coalesce(new.user_id::text, '-'), account_event_chain_fields(new));
  new.chain_seq := link.n; new.prev_hash := link.prev; new.hash := link.h;
  return new;
end $$;
drop trigger if exists account_event_chain on account_event;
create trigger account_event_chain before insert on account_event for each row execute function account_event_chain();

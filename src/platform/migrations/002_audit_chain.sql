-- Tamper-evident logs: each append-only log row carries prev_hash (the hash of the row before it in
-- its chain) and hash = SHA-256 of a canonical encoding of
--   [log name, chain key, position in the chain, prev_hash as hex, ...the row's content as text].
-- The hash is computed by a BEFORE INSERT trigger on each log (the owning module's migration), so
-- every writer stays unchanged. `npm run audit:verify` (scripts/audit-verify.ts) recomputes the
-- hashes independently in TypeScript (src/platform/audit-chain.ts) and reports each break.
--
-- Canonical encoding (audit_chain_hash): each field in order is '-' when null, else
-- '<byte length in UTF-8>:<text>'; fields are concatenated without separators and the UTF-8
-- bytes are hashed. Content fields are rendered as: uuid/int/text as their text form, instants as
-- microseconds since the epoch (independent of the session's TimeZone and DateStyle), jsonb and
-- arrays as jsonb text.

create or replace function audit_chain_hash(fields text[]) returns bytea
language sql immutable parallel safe as $$
  select sha256(convert_to(coalesce(string_agg(
    case when f is null then '-' else octet_length(convert_to(f, 'UTF8'))::text || ':' || f end, '' order by i), ''), 'UTF8'))
  from unnest(fields) with ordinality as x(f, i)
$$;

-- An instant as text: microseconds since 1970-01-01 UTC.
create or replace function audit_chain_instant(t timestamptz) returns text
language sql immutable parallel safe as $$ select (extract(epoch from t) * 1000000)::bigint::text $$;

-- The last link of each chain of logs that have no natural head (dossier_action uses the dossier's
-- version). Taking this row FOR UPDATE serialises writers of one chain until they commit, so two
-- inserts never link to the same predecessor; it also lets the verifier detect rows deleted from
-- the END of a chain (seq here > last row's position).
create table if not exists audit_chain_head (
  log text not null,
  chain text not null,
  seq bigint not null,          -- position of the last row (0 = empty)
  hash bytea,                   -- its hash
  primary key (log, chain)
);

-- Heads only move forward, one step at a time, and are never removed.
create or replace function audit_chain_head_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then raise exception 'audit_chain_head rows are never removed'; end if;
  if new.log <> old.log or new.chain <> old.chain or new.seq <> old.seq + 1 then
    raise exception 'audit_chain_head only advances by one';
  end if;
  return new;
end $$;
drop trigger if exists audit_chain_head_guard on audit_chain_head;
create trigger audit_chain_head_guard before update or delete on audit_chain_head
  for each row execute function audit_chain_head_guard();

-- Appends one link to chain (p_log, p_chain) for a row whose content fields are p_fields:
-- returns its position n, the predecessor's hash (null for the first) and its own hash.
create or replace function audit_chain_append(p_log text, p_chain text, p_fields text[], out n bigint, out prev bytea, out h bytea)
language plpgsql as $$
begin
  select c.seq, c.hash into n, prev from audit_chain_head c where c.log = p_log and c.chain = p_chain for update;
  if not found then
    insert into audit_chain_head (log, chain, seq, hash) values (p_log, p_chain, 0, null) on conflict do nothing;
    select c.seq, c.hash into n, prev from audit_chain_head c where c.log = p_log and c.chain = p_chain for update;
  end if;
  n := n + 1;
  h := audit_chain_hash(array[p_log, p_chain, n::text, encode(prev, 'hex')] || p_fields);
  update audit_chain_head c set seq = n, hash = h where c.log = p_log and c.chain = p_chain;
end $$;

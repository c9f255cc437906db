-- audit_chain_append (002_audit_chain.sql) in one UPDATE … RETURNING instead of SELECT … FOR UPDATE
-- then UPDATE: the head keeps its predecessor's hash too, so the new link, its position and both
-- hashes come back from the statement that also locks the head. Under concurrency the UPDATE waits
-- for the head's current holder and recomputes on the committed version (READ COMMITTED re-check),
-- so two writers still never link to the same predecessor. Same chains, same hashes.
alter table audit_chain_head add column if not exists prev_hash bytea;

create or replace function audit_chain_append(p_log text, p_chain text, p_fields text[], out n bigint, out prev bytea, out h bytea)
language plpgsql as $$
begin
  update audit_chain_head c set seq = c.seq + 1, prev_hash = c.hash,
      hash = audit_chain_hash(array[p_log, p_chain, (c.seq + 1)::text, encode(c.hash, 'hex')] || p_fields)
    where c.log = p_log and c.chain = p_chain
    returning c.seq, c.prev_hash, c.hash into n, prev, h;
  if found then return; end if;
  -- The chain's first row.
  insert into audit_chain_head (log, chain, seq, hash) values (p_log, p_chain, 1, audit_chain_hash(array[p_log, p_chain, '1', null] || p_fields))
    on conflict do nothing
    returning seq, prev_hash, hash into n, prev, h;
  if found then return; end if;
  -- Another transaction created the head meanwhile (and has committed): link after its row.
  update audit_chain_head c set seq = c.seq + 1, prev_hash = c.hash,
      hash = audit_chain_hash(array[p_log, p_chain, (c.seq + 1)::text, encode(c.hash, 'hex')] || p_fields)
    where c.log = p_log and c.chain = p_chain
    returning c.seq, c.prev_hash, c.hash into n, prev, h;
end $$;

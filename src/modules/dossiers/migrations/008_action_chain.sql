-- Tamper-evident action log (issue 6): one hash chain PER DOSSIER, linked in seq order.
-- Per dossier rather than one global chain: act() (and transfer, and the submission's single
-- statement for seq 1) already writes a dossier's actions one at a time under the dossier's row
-- lock with seq = version + 1, so linking needs no extra lock and concurrent submissions or actions
-- on different dossiers never wait for each other. The dossier's `version` is the chain head: the
-- verifier checks that the last action's seq equals it (rows deleted from the end).
-- Shared pieces (audit_chain_hash, audit_chain_instant) are in src/platform/migrations/002_audit_chain.sql;
-- the same field list is in src/modules/audit-chains.ts for the verifier: change both or neither.

alter table dossier_action add column if not exists prev_hash bytea, add column if not exists hash bytea;

-- The row's content in canonical text form (everything but the chain key, position and hashes).
create or replace function dossier_action_chain_fields(a dossier_action) returns text[]
language sql immutable parallel safe as $$
  select array[a.action, a.actor_id::text, a.actor_name, a.actor_role, audit_chain_instant(a.at),
    a.from_status::text, a.to_status::text, a.from_step::text, a.to_step::text,
    a.from_unit_id::text, a.to_unit_id::text, a.to_assignee_id::text, audit_chain_instant(a.step_due_at),
    a.note, a.data::text]
$$;

-- Existing rows (migrated databases): link them in order, dossier by dossier.
alter table dossier_action disable trigger dossier_action_no_change;
do $$
declare r record; prev bytea; cur uuid; h bytea;
begin
  for r in select a.ctid as rid, a.dossier_id, a.seq, dossier_action_chain_fields(a) as f from dossier_action a order by a.dossier_id, a.seq loop
    if cur is distinct from r.dossier_id then prev := null; cur := r.dossier_id; end if;
    h := audit_chain_hash(array['dossier_action', r.dossier_id::text, r.seq::text, encode(prev, 'hex')] || r.f);
    update dossier_action set prev_hash = prev, hash = h where ctid = r.rid;
    prev := h;
  end loop;
end $$;
alter table dossier_action enable trigger dossier_action_no_change;
alter table dossier_action alter column hash set not null;

-- Every new row: link to the dossier's previous action (the writer holds the dossier's row lock).
create or replace function dossier_action_chain() returns trigger language plpgsql as $$
declare prev bytea;
begin
  if new.seq > 1 then
    select a.hash into prev from dossier_action a where a.dossier_id = new.dossier_id and a.seq < new.seq order by a.seq desc limit 1;
  end if;
  new.prev_hash := prev;
  new.hash := audit_chain_hash(array['dossier_action', new.dossier_id::text, new.seq::text, encode(prev, 'hex')] || dossier_action_chain_fields(new));
  return new;
end $$;
drop trigger if exists dossier_action_chain on dossier_action;
create trigger dossier_action_chain before insert on dossier_action
  for each row execute function dossier_action_chain();

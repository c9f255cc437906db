-- Tamper-evident personal-data access log (issue 6): one hash chain PER AGENCY (the agency whose
-- official looked; entries without an agency form their own chain '-'), in the order the rows were
-- linked (chain_seq). Per agency rather than global: a writer holds its chain's head row
-- (audit_chain_head, src/platform/migrations/002_audit_chain.sql) from its INSERT until it commits,
-- so one global chain would queue every official's dossier view behind every other's commit.
-- The same field list is in src/modules/audit-chains.ts for the verifier: change both or neither.

alter table personal_data_access add column if not exists chain_seq bigint,
  add column if not exists prev_hash bytea, add column if not exists hash bytea;

create or replace function personal_data_access_chain_fields(a personal_data_access) returns text[]
language sql immutable parallel safe as $$
  select array[a.id::text, audit_chain_instant(a.at), a.actor_id::text, a.actor_name, a.actor_title, to_jsonb(a.actor_roles)::text,
    a.agency_id::text, a.agency_name, a.agency_name_en, a.subject_user_id::text, a.subject_id_number, a.subject_name,
    a.object_kind, a.object_ref, a.object_label, a.dossier_id::text, a.dossier_code,
    a.purpose_code, a.purpose_name, a.purpose_name_en, a.purpose_note, a.legal_basis, a.legal_basis_en, a.ip, a.session_id]
$$;

-- Existing rows (migrated databases): link them in id order, agency by agency, and record the heads.
alter table personal_data_access disable trigger personal_data_access_no_change;
do $$
declare r record; prev bytea; cur text; n bigint := 0; h bytea;
begin
  for r in select a.ctid as rid, coalesce(a.agency_id::text, '-') as chain, personal_data_access_chain_fields(a) as f
           from personal_data_access a order by a.agency_id nulls first, a.id loop
    if cur is distinct from r.chain then
      if cur is not null then
        insert into audit_chain_head (log, chain, seq, hash) values ('personal_data_access', cur, n, prev);
      end if;
      prev := null; cur := r.chain; n := 0;
    end if;
    n := n + 1;
    h := audit_chain_hash(array['personal_data_access', r.chain, n::text, encode(prev, 'hex')] || r.f);
    update personal_data_access set chain_seq = n, prev_hash = prev, hash = h where ctid = r.rid;
    prev := h;
  end loop;
  if cur is not null then
    insert into audit_chain_head (log, chain, seq, hash) values ('personal_data_access', cur, n, prev);
  end if;
end $$;
alter table personal_data_access enable trigger personal_data_access_no_change;
alter table personal_data_access alter column chain_seq set not null, alter column hash set not null;
-- One row per position in a chain; also the verifier's scan order.
create unique index if not exists personal_data_access_chain on personal_data_access (agency_id nulls first, chain_seq) nulls not distinct;

create or replace function personal_data_access_chain() returns trigger language plpgsql as $$
declare link record;
begin
  link := audit_chain_append('personal_data_access', coalesce(new.agency_id::text, '-'), personal_data_access_chain_fields(new));
  new.chain_seq := link.n;
  new.prev_hash := link.prev;
  new.hash := link.h;
  return new;
end $$;
drop trigger if exists personal_data_access_chain on personal_data_access;
create trigger personal_data_access_chain before insert on personal_data_access
  for each row execute function personal_data_access_chain();

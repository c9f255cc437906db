-- personal_data_access_chain_fields (003_access_chain.sql) as PL/pgSQL: same fields, same hashes.
-- Called from the trigger, a LANGUAGE sql function taking the row was planned again in every
-- transaction; PL/pgSQL keeps its plan for the session (trigger ~0.3 → ~0.2 ms, loaded machine).
create or replace function personal_data_access_chain_fields(a personal_data_access) returns text[]
language plpgsql immutable parallel safe as $$
begin
  return array[a.id::text, audit_chain_instant(a.at), a.actor_id::text, a.actor_name, a.actor_title, to_jsonb(a.actor_roles)::text,
    a.agency_id::text, a.agency_name, a.agency_name_en, a.subject_user_id::text, a.subject_id_number, a.subject_name,
    a.object_kind, a.object_ref, a.object_label, a.dossier_id::text, a.dossier_code,
    a.purpose_code, a.purpose_name, a.purpose_name_en, a.purpose_note, a.legal_basis, a.legal_basis_en, a.ip, a.session_id];
end $$;

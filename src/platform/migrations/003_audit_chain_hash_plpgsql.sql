-- audit_chain_hash (002_audit_chain.sql) as a PL/pgSQL loop: same encoding and result, but no
-- unnest/string_agg query to set up on every call from a trigger (measured roughly 2× cheaper per
-- row). Equality with the TypeScript encoding is tested in src/platform/audit-chain.int.test.ts.
create or replace function audit_chain_hash(fields text[]) returns bytea
language plpgsql immutable parallel safe as $$
declare s text := ''; f text;
begin
  foreach f in array fields loop
    if f is null then s := s || '-'; else s := s || octet_length(convert_to(f, 'UTF8'))::text || ':' || f; end if;
  end loop;
  return sha256(convert_to(s, 'UTF8'));
end $$;

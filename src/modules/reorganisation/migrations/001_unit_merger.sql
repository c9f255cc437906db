-- Administrative unit changes (sắp xếp đơn vị hành chính): "agencies A and B become C on date D"
-- by a resolution. Recorded first (with a preview of what will move), applied on D — at once when
-- D is today or earlier, otherwise by the daily job — in one transaction, exactly once.
create table if not exists unit_merger (
  id uuid primary key default gen_random_uuid(),
  resolution_no text not null,
  resolution_date date,
  effective_on date not null,
  source_ids uuid[] not null,                   -- the agencies that are dissolved into the target
  target_id uuid references org_unit (id),      -- the successor (existing, or created when applied)
  target_new jsonb,                             -- a successor to create: code, name, nameEn, adminUnit
  note text not null default '',
  status text not null default 'recorded' check (status in ('recorded', 'applied', 'cancelled')),
  created_at timestamptz not null default now(),
  created_by uuid,
  applied_at timestamptz,
  applied_by uuid,
  result jsonb,
  check (target_id is not null or target_new is not null)
);
create index if not exists unit_merger_due on unit_merger (effective_on) where status = 'recorded';

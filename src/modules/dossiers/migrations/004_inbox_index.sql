-- The inbox reads each (unit, role) in due order and counts overdue / due-soon: an index in that
-- order, covering the columns the counts look at, lets both run without touching the table.
drop index if exists dossier_inbox;
create index if not exists dossier_inbox_due on dossier (step_unit_id, step_role, (coalesce(step_due_at, submitted_at)), code)
  include (step_assignee_id, due_at, step_due_at, status, procedure_code)
  where status in (1, 2, 4, 9);

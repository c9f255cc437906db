-- Satisfaction with the handling of a dossier (Rất hài lòng / Hài lòng / Không hài lòng), one per dossier.
create table if not exists dossier_rating (
  dossier_id uuid primary key,
  user_id uuid not null,
  agency_id uuid not null,
  level text not null check (level in ('very_satisfied', 'satisfied', 'unsatisfied')),
  comment text,
  created_at timestamptz not null default now()
);
create index if not exists dossier_rating_agency on dossier_rating (agency_id, created_at);

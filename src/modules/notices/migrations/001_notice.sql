-- In-app notices for staff and citizens (reminders, status changes). One per (user, dedupe key).
create table if not exists notice (
  id bigserial primary key,
  user_id uuid not null,
  kind text not null,
  dedupe_key text not null,
  title_vi text not null,
  title_en text not null,
  body_vi text not null,
  body_en text not null,
  dossier_id uuid,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (user_id, dedupe_key)
);
create index if not exists notice_user on notice (user_id, created_at desc);

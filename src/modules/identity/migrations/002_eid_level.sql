-- The identity level of a citizen's national e-ID account (VNeID): 1 = registered online,
-- 2 = verified in person. Updated from the e-ID provider at each e-ID sign-in; null = unknown.
alter table app_user add column if not exists eid_level smallint check (eid_level in (1, 2));

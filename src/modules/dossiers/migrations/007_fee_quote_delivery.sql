-- The fee as quoted at submission (payments/fees.ts: fee rows, online discount, "0 đồng" policy,
-- the exemption claimed with its proof, total), and how the applicant wants the result delivered
-- (method, postal address; on return by post the tracking number is added).
alter table dossier add column if not exists fee_quote jsonb;
alter table dossier add column if not exists delivery jsonb;

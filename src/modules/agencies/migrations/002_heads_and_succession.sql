-- What a signature block needs to know about an agency (Decree 30/2020/NĐ-CP, Appendix I):
-- the title of its head ("Chủ tịch", "Giám đốc", "Trưởng Công an phường") and that title
-- qualified by the agency ("Giám đốc Sở Tư pháp thành phố Hà Nội", used after "TUQ."), and
-- whether it decides as a collective body (People's Committees sign "TM. ỦY BAN NHÂN DÂN").
-- Null titles are filled by the seed from the sector; an administrator may correct them.
alter table org_unit add column if not exists head_title text;
alter table org_unit add column if not exists head_title_full text;
alter table org_unit add column if not exists collective boolean not null default false;
-- A unit dissolved by a merger keeps its row (history shows its name) with valid_to = the
-- merger date and successor_id = the unit that took over its work.
create index if not exists org_unit_successor on org_unit (successor_id) where successor_id is not null;

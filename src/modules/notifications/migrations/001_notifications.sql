-- Notifications to applicants (issue 5). Messages are written to an outbox in the SAME transaction
-- as the dossier action that causes them (never lost), one row per recipient and channel with a
-- unique dedupe key (never doubled), and delivered by a background job.

-- Message templates are data: one per event and channel, Vietnamese and English, with {placeholders}.
create table if not exists notification_template (
  event text not null,
  channel text not null check (channel in ('email', 'sms', 'inapp')),
  subject_vi text not null,
  subject_en text not null,
  body_vi text not null,
  body_en text not null,
  updated_at timestamptz not null default now(),
  primary key (event, channel)
);

-- A citizen's chosen channels (in-app is always on). No row = defaults (email and SMS on).
create table if not exists notification_preference (
  user_id uuid primary key,
  email boolean not null default true,
  sms boolean not null default true,
  updated_at timestamptz not null default now()
);

create table if not exists notification_outbox (
  id bigserial primary key,
  -- dossier id : action seq : channel — the same action can never enqueue a channel twice.
  dedupe_key text not null unique,
  event text not null,
  channel text not null check (channel in ('email', 'sms', 'inapp')),
  dossier_id uuid not null,
  action_seq integer not null,
  user_id uuid,
  address text,
  -- Values for the template placeholders, captured when the action happened.
  params jsonb not null,
  state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'dead')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- A claim is a lease: a sender that crashed mid-send gives the row back after it expires.
  locked_until timestamptz,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists notification_outbox_due on notification_outbox (next_attempt_at) where state in ('pending', 'sending');
create index if not exists notification_outbox_dead on notification_outbox (created_at desc) where state = 'dead';
create index if not exists notification_outbox_dossier on notification_outbox (dossier_id);

-- What the development transports "sent" (no SMTP_URL / no SMS gateway): read on the dev mailbox page.
create table if not exists dev_mailbox (
  id bigserial primary key,
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  subject text,
  body text not null,
  outbox_id bigint,
  created_at timestamptz not null default now()
);

insert into notification_template (event, channel, subject_vi, subject_en, body_vi, body_en) values
('received', 'email', 'Hồ sơ {code} đã được tiếp nhận', 'Dossier {code} has been received',
 E'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) đã được tiếp nhận. Ngày hẹn trả kết quả: {dueAt}.\nTheo dõi hồ sơ: {link}\n\nTrân trọng.',
 E'Dear {name},\n\nYour dossier {code} ({procedure}) has been received. Results are due on {dueAt}.\nTrack it: {link}'),
('received', 'sms', '', '', 'Ho so {code} da duoc tiep nhan, hen tra {dueAt}. Tra cuu: {link}', 'Dossier {code} received, due {dueAt}. Track: {link}'),
('received', 'inapp', 'Hồ sơ {code} đã được tiếp nhận', 'Dossier {code} has been received', '{procedure} — hẹn trả kết quả {dueAt}.', '{procedure} — due {dueAt}.'),

('supplement_requested', 'email', 'Hồ sơ {code} cần bổ sung giấy tờ', 'Dossier {code} needs more documents',
 E'Kính gửi {name},\n\nCơ quan giải quyết yêu cầu bổ sung hồ sơ {code} ({procedure}):\n{items}\n\nHãy nộp bổ sung tại: {link}\n\nTrân trọng.',
 E'Dear {name},\n\nThe agency asks for more documents for dossier {code} ({procedure}):\n{items}\n\nSubmit them at: {link}'),
('supplement_requested', 'sms', '', '', 'Ho so {code} can bo sung giay to. Xem chi tiet: {link}', 'Dossier {code} needs more documents. Details: {link}'),
('supplement_requested', 'inapp', 'Hồ sơ {code} cần bổ sung giấy tờ', 'Dossier {code} needs more documents', '{procedure}: {items}', '{procedure}: {items}'),

('extended', 'email', 'Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {code}', 'Apology: new due date for dossier {code}',
 E'Kính gửi {name},\n\nCơ quan giải quyết thành thật xin lỗi vì chưa trả được kết quả hồ sơ {code} ({procedure}) đúng hẹn.\nLý do: {reason}\nNgày hẹn trả mới: {dueAt}.\nTheo dõi hồ sơ: {link}\n\nTrân trọng.',
 E'Dear {name},\n\nWe apologise: the result of dossier {code} ({procedure}) could not be delivered on time.\nReason: {reason}\nNew due date: {dueAt}.\nTrack it: {link}'),
('extended', 'sms', '', '', 'Xin loi: ho so {code} duoc hen lai ngay tra {dueAt}. Tra cuu: {link}', 'Sorry: dossier {code} is now due {dueAt}. Track: {link}'),
('extended', 'inapp', 'Xin lỗi: hồ sơ {code} được hẹn lại', 'Apology: dossier {code} has a new due date', '{procedure} — ngày hẹn trả mới {dueAt}. Lý do: {reason}', '{procedure} — new due date {dueAt}. Reason: {reason}'),

('payment_requested', 'email', 'Hồ sơ {code}: đề nghị nộp phí, lệ phí {amount}', 'Dossier {code}: please pay {amount}',
 E'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) cần nộp phí, lệ phí: {amount}.\nThanh toán trực tuyến tại: {link}\n\nTrân trọng.',
 E'Dear {name},\n\nDossier {code} ({procedure}) requires a fee of {amount}.\nPay online at: {link}'),
('payment_requested', 'sms', '', '', 'Ho so {code} can nop phi {amount}. Thanh toan: {link}', 'Dossier {code}: fee {amount}. Pay: {link}'),
('payment_requested', 'inapp', 'Hồ sơ {code}: đề nghị nộp phí {amount}', 'Dossier {code}: fee of {amount} requested', '{procedure} — số tiền {amount}.', '{procedure} — amount {amount}.'),

('result_ready', 'email', 'Hồ sơ {code} đã có kết quả', 'The result of dossier {code} is ready',
 E'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) đã có kết quả. Mời ông/bà nhận kết quả theo hình thức đã đăng ký.\nTheo dõi hồ sơ: {link}\n\nTrân trọng.',
 E'Dear {name},\n\nThe result of dossier {code} ({procedure}) is ready. Please collect it as you chose when applying.\nTrack it: {link}'),
('result_ready', 'sms', '', '', 'Ho so {code} da co ket qua. Tra cuu: {link}', 'Dossier {code}: result ready. Track: {link}'),
('result_ready', 'inapp', 'Hồ sơ {code} đã có kết quả', 'The result of dossier {code} is ready', '{procedure} — mời nhận kết quả.', '{procedure} — the result is ready.'),

('result_returned', 'email', 'Hồ sơ {code} đã trả kết quả', 'The result of dossier {code} has been handed over',
 E'Kính gửi {name},\n\nKết quả hồ sơ {code} ({procedure}) đã được trả. Cảm ơn ông/bà đã sử dụng dịch vụ.\nĐánh giá mức độ hài lòng: {link}\n\nTrân trọng.',
 E'Dear {name},\n\nThe result of dossier {code} ({procedure}) has been handed over. Thank you.\nRate the service: {link}'),
('result_returned', 'sms', '', '', 'Ket qua ho so {code} da duoc tra. Cam on ong/ba.', 'The result of dossier {code} has been handed over. Thank you.'),
('result_returned', 'inapp', 'Hồ sơ {code} đã trả kết quả', 'The result of dossier {code} has been handed over', '{procedure} — cảm ơn bạn đã sử dụng dịch vụ.', '{procedure} — thank you.')
on conflict (event, channel) do nothing;

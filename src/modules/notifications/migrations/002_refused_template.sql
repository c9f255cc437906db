-- A refusal (at the desk or after processing) is news the applicant must hear too.
insert into notification_template (event, channel, subject_vi, subject_en, body_vi, body_en) values
('refused', 'email', 'Hồ sơ {code} không được giải quyết', 'Dossier {code} was refused',
 E'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) không được giải quyết.\nLý do: {reason}\nXem chi tiết: {link}\n\nTrân trọng.',
 E'Dear {name},\n\nDossier {code} ({procedure}) was refused.\nReason: {reason}\nDetails: {link}'),
('refused', 'sms', '', '', 'Ho so {code} khong duoc giai quyet. Xem ly do: {link}', 'Dossier {code} was refused. Reason: {link}'),
('refused', 'inapp', 'Hồ sơ {code} không được giải quyết', 'Dossier {code} was refused', '{procedure} — lý do: {reason}', '{procedure} — reason: {reason}')
on conflict (event, channel) do nothing;

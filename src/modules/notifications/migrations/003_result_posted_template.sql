-- A result returned by post: the applicant is told the postal tracking number (UPU S10) and where to follow it.
insert into notification_template (event, channel, subject_vi, subject_en, body_vi, body_en) values
('result_posted', 'email', 'Kết quả hồ sơ {code} đã gửi qua bưu chính', 'The result of dossier {code} has been posted',
 E'Kính gửi {name},\n\nKết quả hồ sơ {code} ({procedure}) đã được gửi qua dịch vụ bưu chính công ích.\nSố hiệu bưu gửi: {trackingNo}\nTheo dõi hành trình: {trackingUrl}\nXem hồ sơ: {link}\n\nTrân trọng.',
 E'Dear {name},\n\nThe result of dossier {code} ({procedure}) has been sent by post.\nTracking number: {trackingNo}\nFollow it: {trackingUrl}\nDossier: {link}'),
('result_posted', 'sms', '', '', 'Ket qua ho so {code} da gui buu chinh, so hieu {trackingNo}. Tra cuu: {trackingUrl}', 'The result of dossier {code} was posted, tracking number {trackingNo}: {trackingUrl}'),
('result_posted', 'inapp', 'Kết quả hồ sơ {code} đã gửi qua bưu chính', 'The result of dossier {code} has been posted', '{procedure} — số hiệu bưu gửi {trackingNo}: {trackingUrl}', '{procedure} — tracking number {trackingNo}: {trackingUrl}')
on conflict (event, channel) do nothing;

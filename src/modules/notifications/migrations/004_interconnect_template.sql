-- Interconnected applications (liên thông): the citizen is told when a part is cancelled because
-- another was refused, when a system outside Motcua decides its part, and when the whole finishes.
insert into notification_template (event, channel, subject_vi, subject_en, body_vi, body_en) values
('interconnect_update', 'email', 'Hồ sơ liên thông {code}: {reason}', 'Interconnected application {code}: news',
 E'Kính gửi {name},\n\nHồ sơ liên thông {code} ({procedure}) có cập nhật:\n{items}\n\nXem tiến độ của từng cơ quan: {link}\n\nTrân trọng.',
 E'Dear {name},\n\nYour interconnected application {code} ({procedure}) has news:\n{items}\n\nEach agency''s progress: {link}'),
('interconnect_update', 'sms', '', '', 'Ho so lien thong {code}: {reason}. Xem: {link}', 'Interconnected application {code} has news: {link}'),
('interconnect_update', 'inapp', 'Hồ sơ liên thông {code}: {reason}', 'Interconnected application {code}: news', '{items}', '{items}')
on conflict (event, channel) do nothing;

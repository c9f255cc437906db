-- An open online order is cancelled when the desk takes the fee another way (cash, transfer):
-- the citizen's link and VietQR code stop being offered; a late gateway success is then flagged needs_review.
alter table payment_order drop constraint if exists payment_order_status_check;
alter table payment_order add constraint payment_order_status_check check (status in ('pending', 'paid', 'failed', 'expired', 'cancelled'));
-- The expiry job looks for open orders past their time.
create index if not exists payment_order_open_expiry on payment_order (expires_at) where status = 'pending';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get, newKey } from '../api';
import { fmtDateTime, fmtMoney } from '../format';
import { ErrorBox } from '../components/ui';
import './locales';

/**
 * The citizen's fee panel on the dossier page: the amount due, "Thanh toán trực tuyến" (opens one
 * payment order and goes to the gateway's checkout), the VietQR bank-transfer code, and each
 * attempt's status with the receipt of the paid one.
 */
export function PaymentPanel({ dossier, onChanged }: { dossier: any; onChanged: () => void }) {
  const { t } = useTranslation();
  const [orders, setOrders] = useState<any[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  const waiting = dossier.status === 6;
  const load = useCallback(() => get(`/dossiers/${dossier.id}/payments`).then((r) => setOrders(r.items), setError), [dossier.id]);
  useEffect(() => { load(); }, [load, dossier.version]);
  // Back from the gateway (?payment=success|failure): the callback may land a moment later; look again once.
  const returned = new URLSearchParams(window.location.search).get('payment');
  useEffect(() => {
    if (!returned) return;
    const timer = setTimeout(() => { load(); onChanged(); }, 1500);
    return () => clearTimeout(timer);
  }, [returned, load, onChanged]);
  if (!waiting && !orders?.length) return null;
  const open = orders?.find((o) => o.status === 'pending' && o.checkoutUrl);
  const amount = dossier.feeAmount ?? open?.amount ?? orders?.[0]?.amount;

  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const o = await api('POST', `/dossiers/${dossier.id}/payments`, {}, { idempotencyKey: key.current });
      window.location.assign(o.checkoutUrl);
    } catch (e) {
      setError(e);
      key.current = newKey();
      setBusy(false);
    }
  };
  const openQr = async () => {
    setError(null);
    try {
      await api('POST', `/dossiers/${dossier.id}/payments`, {}, { idempotencyKey: key.current });
      await load();
    } catch (e) { setError(e); }
  };

  return (
    <section className="card" aria-labelledby="h-pay">
      <h2 id="h-pay">{t('pay.title')}</h2>
      <ErrorBox error={error} />
      {returned === 'success' && <p className="alert alert-info" role="status">{t('pay.returnedSuccess')}</p>}
      {returned === 'failure' && waiting && <p className="alert alert-info" role="status">{t('pay.returnedFailure')}</p>}
      <dl className="facts">
        <dt>{t(waiting ? 'pay.amount' : 'pay.amountSettled')}</dt><dd><b>{fmtMoney(amount)}</b></dd>
      </dl>
      {waiting && (
        <>
          <p>{t('pay.waiting')}</p>
          <p>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={pay}>
              {orders?.some((o) => o.status === 'failed') && !open ? t('pay.again') : t('pay.payOnline')}
            </button>{' '}
            {!open && <button type="button" className="btn" onClick={openQr}>{t('pay.qrTitle')}</button>}
          </p>
        </>
      )}
      {waiting && open?.vietQr && (
        <div>
          <h3>{t('pay.qrTitle')}</h3>
          <img src={open.vietQr.image} width={240} height={240} alt={t('pay.qrAlt', { amount: fmtMoney(open.amount), account: open.vietQr.accountNo })} />
          <dl className="facts">
            <dt>{t('pay.bank')}</dt><dd>{open.vietQr.bankName}</dd>
            <dt>{t('pay.account')}</dt><dd>{open.vietQr.accountNo}</dd>
            <dt>{t('pay.accountName')}</dt><dd>{open.vietQr.accountName}</dd>
            <dt>{t('pay.note')}</dt><dd><code>{open.vietQr.note}</code></dd>
            <dt>{t('pay.expires')}</dt><dd>{fmtDateTime(open.expiresAt)}</dd>
          </dl>
        </div>
      )}
      {!!orders?.length && (
        <>
          <h3>{t('pay.history')}</h3>
          <ul>
            {orders.map((o) => (
              <li key={o.id}>
                {fmtDateTime(o.createdAt)} — {o.orderNo} — {fmtMoney(o.amount)} — <b>{t(`pay.st.${o.status}`)}</b>
                {o.status === 'paid' && o.receiptNo && <> — {t('pay.receiptNo')} {o.receiptNo}: <a href={`/api/v1/payments/${o.id}/receipt.pdf`}>{t('pay.receipt')}</a></>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

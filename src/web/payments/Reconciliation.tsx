import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { fmtDateTime, fmtMoney } from '../format';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import { useSession } from '../session';
import './locales';

interface Recon {
  agency: { code: string; name: string }; date: string;
  orders: { id: string; orderNo: string; dossierId: string; dossierCode: string; amount: number; status: string; settledAt: string | null; transactionNo: string | null; receiptNo: string | null; needsReview: boolean }[];
  totals: { orders: number; paid: number; paidAmount: number; failed: number; pending: number; expired: number; cancelled?: number; needsReview: number };
  gateway: { paidAmount: number | null; transactions: number | null; error: string | null };
  matched: boolean;
  discrepancies: { kind: string; orderNo: string; transactionNo: string | null; amount: number; gatewayAmount?: number }[];
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * The finance officer's daily reconciliation (GET /payments/reconciliation): the agency's online
 * payment orders of a Vietnamese day checked against the gateway's report. Held by the agency's
 * supervisor today (no separate finance role yet).
 */
export default function Reconciliation() {
  const { t } = useTranslation();
  const pick = useLocalName();
  const { hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const [agencies, setAgencies] = useState<{ code: string; name: string; nameEn: string }[] | null>(null);
  const agency = params.get('coQuan') ?? agencies?.[0]?.code ?? '';
  const date = params.get('ngay') ?? today();
  const [data, setData] = useState<Recon | null>(null);
  const [error, setError] = useState<unknown>(null);
  const allowed = hasRole('supervisor');

  useEffect(() => {
    if (!allowed) return;
    get<{ agencies: { code: string; name: string; nameEn: string }[] }>('/supervision/summary').then((s) => setAgencies(s.agencies), setError);
  }, [allowed]);
  useEffect(() => {
    if (!agency) return;
    setData(null);
    setError(null);
    get<Recon>(`/payments/reconciliation?agencyCode=${encodeURIComponent(agency)}&date=${date}`).then(setData, setError);
  }, [agency, date]);

  const set = (k: string, v: string) => { const p = new URLSearchParams(params); p.set(k, v); setParams(p, { replace: true }); };
  if (!allowed) return <Page title={t('recon.title')}><p className="alert alert-info">{t('staff.sup.notAllowed')}</p></Page>;
  return (
    <Page title={t('recon.title')}>
      <form className="card" onSubmit={(e) => e.preventDefault()}>
        <div className="desk-inline" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'end' }}>
          <div>
            <label htmlFor="recon-agency">{t('recon.agency')}</label>
            <select id="recon-agency" value={agency} onChange={(e) => set('coQuan', e.target.value)}>
              {(agencies ?? []).map((a) => <option key={a.code} value={a.code}>{pick(a.name, a.nameEn)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="recon-date">{t('recon.date')}</label>
            <input id="recon-date" type="date" value={date} max={today()} onChange={(e) => e.target.value && set('ngay', e.target.value)} />
          </div>
        </div>
      </form>
      <ErrorBox error={error} />
      {!data ? (!error && <Loading />) : (
        <>
          <section className="card" aria-labelledby="recon-totals">
            <h2 id="recon-totals">{data.agency.name} — {date.split('-').reverse().join('/')}</h2>
            {data.gateway.error ? <p className="alert alert-error">{t('recon.gatewayError', { error: data.gateway.error })}</p>
              : <p className={`alert ${data.matched ? 'alert-ok' : 'alert-error'}`} role="status" data-testid="recon-status">{data.matched ? t('recon.matched') : t('recon.notMatched')}</p>}
            <dl className="facts">
              <dt>{t('recon.orders')}</dt><dd>{data.totals.orders}</dd>
              <dt>{t('recon.paid')}</dt><dd>{data.totals.paid}</dd>
              <dt>{t('recon.paidAmount')}</dt><dd><b data-testid="recon-paid-amount">{fmtMoney(data.totals.paidAmount)}</b></dd>
              <dt>{t('recon.gatewayAmount')}</dt><dd>{fmtMoney(data.gateway.paidAmount)}</dd>
              <dt>{t('recon.failed')} / {t('recon.pending')} / {t('recon.expired')} / {t('recon.cancelled')}</dt>
              <dd>{data.totals.failed} / {data.totals.pending} / {data.totals.expired} / {data.totals.cancelled ?? 0}</dd>
              <dt>{t('recon.needsReview')}</dt><dd>{data.totals.needsReview}</dd>
            </dl>
          </section>
          {data.discrepancies.length > 0 && (
            <section className="card" aria-labelledby="recon-diff">
              <h2 id="recon-diff">{t('recon.discrepancies')}</h2>
              <div className="table-wrap">
                <table>
                  <thead><tr><th>{t('recon.status')}</th><th>{t('recon.orderNo')}</th><th>{t('recon.transactionNo')}</th><th>{t('recon.amount')}</th></tr></thead>
                  <tbody>{data.discrepancies.map((x, i) => (
                    <tr key={i}><td>{t(`recon.kind.${x.kind}`)}</td><td className="mono">{x.orderNo}</td><td className="mono">{x.transactionNo ?? '—'}</td><td>{fmtMoney(x.amount)}{x.gatewayAmount !== undefined ? ` / ${fmtMoney(x.gatewayAmount)}` : ''}</td></tr>
                  ))}</tbody>
                </table>
              </div>
            </section>
          )}
          <section className="card" aria-labelledby="recon-list">
            <h2 id="recon-list">{t('recon.orders')}</h2>
            {data.orders.length === 0 ? <p>{t('recon.none')}</p> : (
              <div className="table-wrap">
                <table>
                  <thead><tr><th>{t('recon.orderNo')}</th><th>{t('recon.dossier')}</th><th>{t('recon.amount')}</th><th>{t('recon.status')}</th><th>{t('recon.transactionNo')}</th><th>{t('recon.receiptNo')}</th></tr></thead>
                  <tbody>{data.orders.map((o) => (
                    <tr key={o.id}>
                      <td className="mono">{o.orderNo}</td>
                      <td><Link to={`/can-bo/ho-so/${o.dossierId}`}>{o.dossierCode}</Link></td>
                      <td style={{ whiteSpace: 'nowrap' }}>{fmtMoney(o.amount)}</td>
                      <td>{t(`pay.st.${o.status}`)}{o.needsReview && <> · <b>{t('recon.needsReview')}</b></>}{o.settledAt && <div className="small">{fmtDateTime(o.settledAt)}</div>}</td>
                      <td className="mono">{o.transactionNo ?? '—'}</td>
                      <td>{o.receiptNo ? <a href={`/api/v1/payments/${o.id}/receipt.pdf`} target="_blank" rel="noreferrer">{o.receiptNo}</a> : '—'}</td>
                    </tr>
                  ))}</tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

import { useTranslation } from 'react-i18next';
import { fmtDateTime, fmtMoney } from '../format';
import { useLocalName } from '../components/ui';
import './locales';

export interface Delivery {
  method: 'post' | 'in_person' | 'online'; choice: string | null; address: string | null; recipient: string | null; phone: string | null;
  trackingNo?: string; carrier?: string; trackingUrl?: string; postedAt?: string;
}

/** How the result is delivered (dt/dd rows for a facts list): by post with the address, and once posted the tracking number with the carrier's link. */
export function DeliveryFacts({ delivery }: { delivery: Delivery | null }) {
  const { t } = useTranslation();
  if (!delivery) return null;
  return (
    <>
      <dt>{t('delivery.title')}</dt>
      <dd data-testid="delivery">
        {delivery.choice ?? t(`delivery.method.${delivery.method}`)}
        {delivery.address && <div className="small">{delivery.recipient ? `${delivery.recipient} — ` : ''}{delivery.address}</div>}
      </dd>
      {delivery.trackingNo && (
        <>
          <dt>{t('delivery.trackingNo')}</dt>
          <dd data-testid="tracking-no">
            <b>{delivery.trackingNo}</b>{' '}
            {delivery.trackingUrl && <a href={delivery.trackingUrl} target="_blank" rel="noreferrer">{t('delivery.track')}</a>}
            {delivery.postedAt && <div className="small">{t('delivery.postedAt')}: {fmtDateTime(delivery.postedAt)}</div>}
          </dd>
        </>
      )}
    </>
  );
}

/** The fee as quoted at submission (dt/dd rows): the total, the "0 đồng" policy, the exemption claimed (its proof is among the documents). */
export function QuotedFeeFacts({ quote }: { quote: any }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  if (!quote) return null;
  return (
    <>
      <dt>{t('fee.quoted')}</dt>
      <dd data-testid="quoted-fee">
        <b>{fmtMoney(quote.total)}</b>
        {quote.policy && <div className="small">{pick(quote.policy.name, quote.policy.nameEn)}</div>}
      </dd>
      {quote.exemption && (
        <>
          <dt>{t('fee.claim')}</dt>
          <dd data-testid="exemption-claim">{pick(quote.exemption.name, quote.exemption.nameEn)} ({quote.exemption.percent}%, −{fmtMoney(quote.exemption.amount)})</dd>
        </>
      )}
    </>
  );
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** A UPU S10 item number (EB123456785VN) with the right check digit; null when fine, else what is wrong ('format' | 'checkDigit'). */
export function s10Error(raw: string): null | 'format' | 'checkDigit' {
  const m = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(raw.trim().toUpperCase());
  if (!m) return 'format';
  const c = 11 - ([...m[2]].reduce((s, d, i) => s + Number(d) * S10_WEIGHTS[i], 0) % 11);
  return (c === 10 ? 0 : c === 11 ? 5 : c) === Number(m[3]) ? null : 'checkDigit';
}

/** The desk's postal tracking number field (returning a result by post). */
export function TrackingNoInput({ id, value, onChange, error }: { id: string; value: string; onChange: (v: string) => void; error?: string | false | null }) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={id}>{t('delivery.trackingNo')}<span className="desk-req" aria-hidden="true"> *</span></label>
      <input id={id} aria-required="true" value={value} onChange={(e) => onChange(e.target.value.toUpperCase())} autoComplete="off" spellCheck={false} maxLength={20}
        placeholder="EB123456785VN" aria-invalid={!!error} aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`} />
      <div id={`${id}-hint`} className="small muted">{t('delivery.trackingHint')}</div>
      {error && <div id={`${id}-err`} className="field-error">{error}</div>}
    </div>
  );
}

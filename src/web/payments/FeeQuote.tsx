import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { fmtMoney } from '../format';
import { useLocalName } from '../components/ui';
import { FileDrop, type Uploaded } from '../components/FileDrop';
import './locales';

export interface FeeQuoteRow { name: string; nameEn: string; basis: string; amount: number; onlineDiscount: number; waived: number; exempted: number; due: number }
export interface Exemption { code: string; name: string; nameEn: string; percent: number; basis: string; proof: { name: string; nameEn: string } }
export interface FeeQuote {
  procedureCode: string; channel: 'online' | 'in_person'; rows: FeeQuoteRow[]; subtotal: number; onlineDiscount: number; total: number;
  policy: { code: string; name: string; nameEn: string; basis: string; effectiveTo: string | null; waived: number } | null;
  exemption: (Exemption & { amount: number }) | null;
  exemptionsAvailable?: Exemption[];
}

/** The fee a dossier would owe (GET /procedures/{code}/fee-quote), refreshed when the channel or the claimed exemption changes. */
export function useFeeQuote(code: string | undefined, channel: 'online' | 'in_person', exemption?: string) {
  const [quote, setQuote] = useState<FeeQuote | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    const q = new URLSearchParams({ channel, ...(exemption ? { exemption } : {}) });
    get(`/procedures/${encodeURIComponent(code)}/fee-quote?${q}`).then((x) => { if (live) { setQuote(x); setError(null); } }, (e) => { if (live) setError(e); });
    return () => { live = false; };
  }, [code, channel, exemption]);
  return { quote, error };
}

/** The breakdown: each fee row, the online discount, the "0 đồng" policy, the exemption, and the total ("0 đồng" when nothing is due). */
export function FeeBreakdown({ quote, testId = 'fee-breakdown' }: { quote: FeeQuote; testId?: string }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  if (quote.rows.length === 0) return <p data-testid={testId}><span data-testid="fee-total">{t('fee.none')}</span></p>;
  return (
    <div data-testid={testId}>
      <div className="table-wrap">
        <table className="fee-table">
          <caption className="sr-only-label">{t('fee.caption')}</caption>
          <tbody>
            {quote.rows.map((r, i) => (
              <tr key={i}><th scope="row">{pick(r.name, r.nameEn)}<div className="small muted">{r.basis}</div></th><td className="num" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{fmtMoney(r.amount)}</td></tr>
            ))}
            {quote.onlineDiscount > 0 && <tr><th scope="row">{t('fee.onlineDiscount')}</th><td className="num" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>−{fmtMoney(quote.onlineDiscount)}</td></tr>}
            {quote.policy && (
              <tr data-testid="fee-policy">
                <th scope="row">{pick(quote.policy.name, quote.policy.nameEn)}<div className="small muted">{quote.policy.basis}</div></th>
                <td className="num" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>−{fmtMoney(quote.policy.waived)}</td>
              </tr>
            )}
            {quote.exemption && (
              <tr data-testid="fee-exemption">
                <th scope="row">{t('fee.exemption', { name: pick(quote.exemption.name, quote.exemption.nameEn), percent: quote.exemption.percent })}<div className="small muted">{quote.exemption.basis}</div></th>
                <td className="num" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>−{fmtMoney(quote.exemption.amount)}</td>
              </tr>
            )}
            <tr className="total"><th scope="row">{quote.channel === 'online' ? t('fee.totalOnline') : t('fee.totalInPerson')}</th><td className="num" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}><b data-testid="fee-total">{fmtMoney(quote.total)}</b></td></tr>
          </tbody>
        </table>
      </div>
      {quote.total === 0 && <p className="alert alert-ok" role="status">{t('fee.zero')}</p>}
    </div>
  );
}

/** A citizen claims an exemption (miễn, giảm) among those offered for the procedure, with its proof document. */
export function ExemptionClaim({ options, code, onCode, proof, onProof, error }: {
  options: Exemption[]; code: string; onCode: (c: string) => void; proof: Uploaded[]; onProof: (f: Uploaded[]) => void; error?: string;
}) {
  const { t } = useTranslation();
  const pick = useLocalName();
  if (options.length === 0) return null;
  const chosen = options.find((x) => x.code === code);
  return (
    <fieldset className="exemption-claim">
      <legend>{t('fee.claimTitle')}</legend>
      <label htmlFor="exemption">{t('fee.claimLabel')}</label>
      <select id="exemption" value={code} onChange={(e) => onCode(e.target.value)} aria-invalid={!!error} aria-describedby={error ? 'exemption-err' : undefined}>
        <option value="">{t('fee.noClaim')}</option>
        {options.map((x) => <option key={x.code} value={x.code}>{pick(x.name, x.nameEn)} ({x.percent === 100 ? t('fee.free') : t('fee.percentOff', { percent: x.percent })})</option>)}
      </select>
      {chosen && (
        <div style={{ marginTop: '.5rem' }}>
          <FileDrop label={t('fee.proof', { name: pick(chosen.proof.name, chosen.proof.nameEn) })} files={proof} onChange={onProof} />
        </div>
      )}
      {error && <div id="exemption-err" className="field-error" role="alert">{error}</div>}
    </fieldset>
  );
}

/** The procedure page's fee facts: online and at the desk, today, with the "0 đồng" policy when one applies. */
export function ProcedureFees({ code }: { code: string }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const online = useFeeQuote(code, 'online').quote;
  const desk = useFeeQuote(code, 'in_person').quote;
  if (!online || !desk) return <span className="muted">…</span>;
  if (desk.rows.length === 0) return <span data-testid="procedure-fee">{t('fee.none')}</span>;
  return (
    <div data-testid="procedure-fee">
      {desk.rows.map((r, i) => <div key={i}>{pick(r.name, r.nameEn)}: {fmtMoney(r.amount)}</div>)}
      <div className="small">
        {t('fee.inPerson')}: <b>{fmtMoney(desk.total)}</b> · {t('fee.online')}: <b data-testid="procedure-fee-online">{fmtMoney(online.total)}</b>
      </div>
      {online.policy && <div className="small">{pick(online.policy.name, online.policy.nameEn)}</div>}
      {(online.exemptionsAvailable?.length ?? 0) > 0 && <div className="small muted">{t('fee.exemptionsOffered', { list: online.exemptionsAvailable!.map((x) => pick(x.name, x.nameEn)).join('; ') })}</div>}
    </div>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get } from '../api';
import { fmtDateTime } from '../format';
import { ErrorBox, Page, StatusBadge, Timeliness, useLocalName } from '../components/ui';

/** Not received, withdrawn, stopped, returned: no step is in progress any more. */
const CLOSED = [3, 7, 8, 10];

export default function Track() {
  const { code: codeParam } = useParams();
  const { t } = useTranslation();
  const pick = useLocalName();
  const nav = useNavigate();
  const [code, setCode] = useState(codeParam ?? '');
  const [verify, setVerify] = useState('');
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setCode(codeParam ?? ''), [codeParam]);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setData(null);
    try {
      setData(await get(`/public/tracking/${encodeURIComponent(code.trim())}?verify=${encodeURIComponent(verify.trim())}`));
      if (code.trim() !== codeParam) nav(`/tra-cuu/${encodeURIComponent(code.trim())}`, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? new ApiError(404, t('track.notFound'), t('track.notFound'), 'not_found') : err);
    }
  }
  return (
    <Page title={t('track.title')}>
      <form className="card narrow" onSubmit={onSubmit}>
        <label htmlFor="t-code">{t('track.code')}</label>
        <input id="t-code" value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" placeholder="000.00.11.H26-261121-0001" />
        <label htmlFor="t-verify">{t('track.verify')}</label>
        <input id="t-verify" value={verify} onChange={(e) => setVerify(e.target.value)} required inputMode="numeric" minLength={4} maxLength={12} autoComplete="off" />
        <button className="btn btn-primary" type="submit">{t('track.submit')}</button>
      </form>
      <ErrorBox error={error} />
      {data && (
        <section className="card" aria-live="polite">
          <h2>{data.code}</h2>
          <p>{data.procedure.name}</p>
          <dl className="facts">
            <dt>{t('dossier.status')}</dt><dd><StatusBadge status={data.status} name={data.statusName} /> <Timeliness value={data.timeliness} /></dd>
            <dt>{t('dossier.agency')}</dt><dd>{data.agency?.name}</dd>
            <dt>{t('dossier.submitted')}</dt><dd>{fmtDateTime(data.submittedAt)}</dd>
            <dt>{t('dossier.received')}</dt><dd>{fmtDateTime(data.receivedAt)}</dd>
            <dt>{t('dossier.due')}</dt><dd>{fmtDateTime(data.dueAt)}</dd>
            {data.currentStep && !CLOSED.includes(data.status) && <><dt>{t('track.step')}</dt><dd>{data.currentStep.name}{data.currentStep.unit ? ` — ${data.currentStep.unit}` : ''}</dd></>}
          </dl>
          {data.waitingForApplicant && <p className="alert alert-info">{t('track.waiting')}</p>}
          <h3>{t('dossier.timeline')}</h3>
          <ol className="timeline">
            {data.timeline.map((e: any) => (
              <li key={e.seq}>
                <b>{pick(e.statusName.vi, e.statusName.en)}</b> <span className="muted small">{fmtDateTime(e.at)}</span>
                {e.step && <div className="small">{e.step}{e.unit ? ` — ${e.unit}` : ''}</div>}
                {e.judgement && <Timeliness value={e.judgement} />}
              </li>
            ))}
          </ol>
        </section>
      )}
    </Page>
  );
}

import './strings';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, newKey, api } from '../../api';
import { fmtDateTime } from '../../format';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { ROLES } from './StaffList';

interface Policy {
  mfaRequiredRoles: string[]; demoAccountsExempt: boolean; passwordMinLength: number; lockoutThreshold: number; lockoutBaseMinutes: number; lockoutMaxMinutes: number;
  ipFailureLimit: number; ipWindowMinutes: number; sessionIdleMinutes: number; sessionAbsoluteHours: number; updatedAt?: string; editable?: boolean;
}
const NUMBERS: [keyof Policy, string, number, number][] = [
  ['passwordMinLength', 'pwMin', 8, 64], ['lockoutThreshold', 'lockThreshold', 3, 50], ['lockoutBaseMinutes', 'lockBase', 1, 1440], ['lockoutMaxMinutes', 'lockMax', 1, 43200],
  ['ipFailureLimit', 'ipLimit', 5, 10000], ['ipWindowMinutes', 'ipWindow', 1, 1440], ['sessionIdleMinutes', 'idle', 5, 1440], ['sessionAbsoluteHours', 'absolute', 1, 720],
];

/** /quan-tri/chinh-sach-bao-mat — the policy as data: read by every administrator, edited at city level. */
export default function SecurityPolicy() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [p, setP] = useState<Policy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void get<Policy>('/admin/security-policy').then(setP, setError);
  }, []);
  useEffect(() => { document.title = `${t('usr.policyTitle')} — ${t('app.name')}`; }, [t]);
  const fe = error instanceof ApiError ? error.byField(i18n.language) : {};
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!p) return;
    setError(null);
    setSaved(false);
    try {
      const { updatedAt: _u, editable: _e, ...body } = p;
      await api('PUT', '/admin/security-policy', body, { idempotencyKey: newKey() });
      setSaved(true);
      setP(await get<Policy>('/admin/security-policy'));
    } catch (err) {
      setError(err);
    }
  }
  if (!p) return <Page title={t('usr.policyTitle')}>{error ? <ErrorBox error={error} /> : <Loading />}</Page>;
  const cityWide = !!p.editable;
  return (
    <Page title={t('usr.policyTitle')}>
      <p className="adm-crumbs"><Link to="/quan-tri/can-bo">{t('usr.back')}</Link></p>
      <p className="muted">{t('usr.policyLead')}</p>
      {p.updatedAt && <p className="small muted">{t('usr.policyUpdated', { at: fmtDateTime(p.updatedAt) })}</p>}
      {!cityWide && <div className="alert alert-info" role="status">{t('usr.policyReadOnly')}</div>}
      <form className="card" onSubmit={submit} noValidate>
        <ErrorBox error={error} />
        {saved && <div className="alert alert-ok" role="status">{t('usr.policySaved')}</div>}
        <fieldset disabled={!cityWide} className="usr-unit">
          <legend>{t('usr.mfaRoles')}</legend>
          <div className="adm-checkgrid">
            {ROLES.map((r) => (
              <div className="adm-check" key={r}>
                <input id={`${id}-r-${r}`} type="checkbox" checked={p.mfaRequiredRoles.includes(r)}
                  onChange={(e) => setP({ ...p, mfaRequiredRoles: e.target.checked ? [...p.mfaRequiredRoles, r] : p.mfaRequiredRoles.filter((x) => x !== r) })} />
                <label htmlFor={`${id}-r-${r}`}>{t(`usr.role.${r}`)}</label>
              </div>
            ))}
          </div>
          <div className="adm-check">
            <input id={`${id}-demo`} type="checkbox" checked={p.demoAccountsExempt} onChange={(e) => setP({ ...p, demoAccountsExempt: e.target.checked })} />
            <label htmlFor={`${id}-demo`}>{t('usr.demoExempt')}</label>
          </div>
        </fieldset>
        <fieldset disabled={!cityWide} className="adm-grid">
          {NUMBERS.map(([k, label, min, max]) => (
            <div className="adm-field" key={k}>
              <label htmlFor={`${id}-${k}`}>{t(`usr.${label}`)}</label>
              <input id={`${id}-${k}`} type="number" min={min} max={max} value={p[k] as number} onChange={(e) => setP({ ...p, [k]: Number(e.target.value) })}
                aria-invalid={fe[k] ? true : undefined} aria-describedby={fe[k] ? `${id}-${k}-err` : undefined} />
              {fe[k] && <p id={`${id}-${k}-err`} className="field-error">{fe[k]}</p>}
            </div>
          ))}
        </fieldset>
        {cityWide && <button className="btn btn-primary" type="submit">{t('usr.save')}</button>}
      </form>
    </Page>
  );
}

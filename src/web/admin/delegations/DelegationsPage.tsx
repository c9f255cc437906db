import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, newKey, post } from '../../api';
import { fmtDate } from '../../format';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { addStrings } from '../../i18n';
import { delegationStrings } from './locales';

addStrings(delegationStrings);

interface Delegation {
  id: string; decisionNo: string; decisionDate: string; signer: string; conditions: string; state: 'scheduled' | 'in_force' | 'ended' | 'revoked';
  authority: { code: string; name: string; nameEn: string }; delegate: { code: string; name: string; nameEn: string };
  delegateClass: { sector: string; level: string; count: number; agencies: { code: string; name: string }[] | null } | null;
  procedureCodes: string[]; fieldCode: string | null; validFrom: string; validTo: string | null; revokeReason: string | null; movedFrom: string | null;
}

const EMPTY = { authorityCode: '', delegateCode: '', procedureCodes: '', fieldCode: '', validFrom: '', validTo: '', decisionNo: '', decisionDate: '', signer: '', conditions: '' };
/** Classes of delegates offered (sector:level): "every ward People's Committee", "every ward police". */
const CLASSES = ['people_committee:commune', 'police:commune'] as const;
type DelegateForm = 'one' | (typeof CLASSES)[number];

/** /quan-tri/uy-quyen: the delegation decisions, recording a new one, revoking one. */
export default function DelegationsPage() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Delegation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState(EMPTY);
  // One agency, or a class of agencies (optionally only those listed).
  const [to, setTo] = useState<DelegateForm>('one');
  const [only, setOnly] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [revoke, setRevoke] = useState({ reason: '', lastDay: '' });
  const key = useRef(newKey());

  const load = useCallback(() => get<{ items: Delegation[] }>('/delegations').then((r) => setItems(r.items), setError), []);
  useEffect(() => { void load(); }, [load]);

  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const onCreate = async (e: React.FormEvent) => {
    e.preventDefault();
    setFieldErrors({}); setError(null); setNotice(null);
    try {
      const d = await post<Delegation>('/delegations', {
        authorityCode: form.authorityCode.trim(),
        ...(to === 'one' ? { delegateCode: form.delegateCode.trim() } : {
          delegateClass: { sector: to.split(':')[0], level: to.split(':')[1], agencyCodes: only.split(/[,\s]+/).filter(Boolean) },
        }),
        procedureCodes: form.procedureCodes.split(/[,\s]+/).filter(Boolean), fieldCode: form.fieldCode.trim() || null,
        validFrom: form.validFrom, validTo: form.validTo || null, decisionNo: form.decisionNo, decisionDate: form.decisionDate, signer: form.signer, conditions: form.conditions,
      }, key.current);
      key.current = newKey();
      setForm(EMPTY); setTo('one'); setOnly('');
      setNotice(t('dlg.saved', { no: d.decisionNo }));
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setFieldErrors(err.byField(i18n.language));
      setError(err);
    }
  };
  const onRevoke = async (d: Delegation) => {
    setError(null); setNotice(null);
    try {
      await post(`/delegations/${d.id}/revoke`, { reason: revoke.reason, ...(revoke.lastDay ? { lastDay: revoke.lastDay } : {}) }, newKey());
      setRevoking(null); setRevoke({ reason: '', lastDay: '' });
      setNotice(t('dlg.revoked', { no: d.decisionNo }));
      await load();
    } catch (err) { setError(err); }
  };
  const field = (k: keyof typeof EMPTY, type = 'text', span = '') => (
    <div className={`adm-field ${span}`}>
      <label htmlFor={`dlg-${k}`}>{t(`dlg.${k}`)}</label>
      {k === 'conditions'
        ? <textarea id={`dlg-${k}`} value={form[k]} onChange={set(k)} rows={2} />
        : <input id={`dlg-${k}`} type={type} value={form[k]} onChange={set(k)} aria-invalid={!!fieldErrors[k]} aria-describedby={fieldErrors[k] ? `dlg-${k}-err` : undefined} />}
      {fieldErrors[k] && <div id={`dlg-${k}-err`} className="field-error">{fieldErrors[k]}</div>}
    </div>
  );

  return (
    <Page title={t('dlg.title')}>
      <nav aria-label={t('adm.breadcrumb')} className="adm-crumbs small"><Link to="/quan-tri">{t('adm.homeTitle')}</Link> › {t('dlg.title')}</nav>
      <p className="muted">{t('dlg.lead')}</p>
      {notice && <p className="alert alert-ok" role="status">{notice}</p>}
      <ErrorBox error={error} />
      <section className="card" aria-labelledby="h-dlg-list">
        <h2 id="h-dlg-list">{t('dlg.list')}</h2>
        {!items ? <Loading /> : items.length === 0 ? <p>{t('dlg.none')}</p> : (
          <div className="table-wrap">
            <table className="stack">
              <thead><tr><th scope="col">{t('dlg.decision')}</th><th scope="col">{t('dlg.authority')} → {t('dlg.delegate')}</th><th scope="col">{t('dlg.scope')}</th><th scope="col">{t('dlg.window')}</th><th scope="col">{t('dlg.state')}</th><th scope="col"><span className="sr-only-label">{t('adm.actions')}</span></th></tr></thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <td data-label={t('dlg.decision')}><b>{d.decisionNo}</b><div className="small muted">{fmtDate(d.decisionDate)} · {d.signer}</div>{d.movedFrom && <div className="small muted">{t('dlg.movedFrom')}</div>}</td>
                    <td data-label={t('dlg.authority')}>{d.authority.name} <span className="adm-mono small">({d.authority.code})</span> → <b>{d.delegate.name}</b> {d.delegateClass
                      ? <span className="badge badge-info" data-testid="delegate-class">{t('dlg.classCount', { count: d.delegateClass.count })}</span>
                      : <span className="adm-mono small">({d.delegate.code})</span>}
                      {d.conditions && <div className="small muted">{t('dlg.conditions')}: {d.conditions}</div>}</td>
                    <td data-label={t('dlg.scope')} className="adm-mono">{[...d.procedureCodes, ...(d.fieldCode ? [t('dlg.field', { code: d.fieldCode })] : [])].join(', ')}</td>
                    <td data-label={t('dlg.window')}>{fmtDate(d.validFrom)} – {d.validTo ? fmtDate(d.validTo) : t('dlg.until')}</td>
                    <td data-label={t('dlg.state')}>{t(`dlg.states.${d.state}`)}{d.revokeReason && <div className="small muted">{t('dlg.revokedNote', { reason: d.revokeReason })}</div>}</td>
                    <td>
                      {(d.state === 'in_force' || d.state === 'scheduled') && !d.revokeReason && (revoking === d.id ? (
                        <div>
                          <label htmlFor={`rv-r-${d.id}`}>{t('dlg.revokeReason')}</label>
                          <input id={`rv-r-${d.id}`} value={revoke.reason} onChange={(e) => setRevoke({ ...revoke, reason: e.target.value })} />
                          <label htmlFor={`rv-d-${d.id}`}>{t('dlg.revokeLastDay')}</label>
                          <input id={`rv-d-${d.id}`} type="date" value={revoke.lastDay} onChange={(e) => setRevoke({ ...revoke, lastDay: e.target.value })} />
                          <div className="btn-row"><button type="button" className="btn btn-danger btn-small" onClick={() => void onRevoke(d)}>{t('dlg.revokeConfirm')}</button>
                            <button type="button" className="btn btn-small" onClick={() => setRevoking(null)}>{t('dlg.cancel')}</button></div>
                        </div>
                      ) : <button type="button" className="btn btn-small" onClick={() => setRevoking(d.id)}>{t('dlg.revoke')}</button>)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <form className="card" aria-labelledby="h-dlg-new" onSubmit={onCreate} noValidate>
        <h2 id="h-dlg-new">{t('dlg.create')}</h2>
        <div className="adm-grid">
          {field('authorityCode')}
          <fieldset className="adm-field span-4">
            <legend>{t('dlg.delegateForm')}</legend>
            <label><input type="radio" name="dlg-to" value="one" checked={to === 'one'} onChange={() => setTo('one')} /> {t('dlg.toOne')}</label>
            {CLASSES.map((c) => (
              <label key={c}><input type="radio" name="dlg-to" value={c} checked={to === c} onChange={() => setTo(c)} /> {t(`dlg.toClass.${c.replace(':', '_')}`)}</label>
            ))}
            {fieldErrors.delegateClass && <div className="field-error">{fieldErrors.delegateClass}</div>}
          </fieldset>
          {to === 'one' ? field('delegateCode', 'text', 'span-2') : (
            <div className="adm-field span-2">
              <label htmlFor="dlg-only">{t('dlg.onlyThese')}</label>
              <input id="dlg-only" value={only} onChange={(e) => setOnly(e.target.value)} aria-describedby="dlg-only-help" />
              <div id="dlg-only-help" className="small muted">{t('dlg.onlyHelp')}</div>
              {Object.entries(fieldErrors).filter(([k]) => k.startsWith('delegateClass.')).map(([k, m]) => <div key={k} className="field-error">{m}</div>)}
              {fieldErrors.delegateCode && <div className="field-error">{fieldErrors.delegateCode}</div>}
            </div>
          )}
          {field('procedureCodes', 'text', 'span-2')}
          {field('fieldCode')}{field('validFrom', 'date')}{field('validTo', 'date')}{field('decisionNo')}
          {field('decisionDate', 'date')}{field('signer', 'text', 'span-2')}{field('conditions', 'text', 'span-4')}
        </div>
        <div className="btn-row"><button type="submit" className="btn btn-primary">{t('dlg.save')}</button></div>
      </form>
    </Page>
  );
}

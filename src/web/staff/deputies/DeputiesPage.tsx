import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, newKey, post } from '../../api';
import { fmtDate } from '../../format';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { useSession } from '../../session';
import { addStrings } from '../../i18n';
import { deputyStrings } from './locales';

addStrings(deputyStrings);

interface Deleg { id: string; delegator: { id: string; name: string }; deputy: { id: string; name: string }; from: string; to: string; reason: string; state: string }
interface Mine { given: Deleg[]; received: Deleg[]; candidates: { id: string; fullName: string; title: string | null }[]; delegatedGrants: { delegator: { name: string } }[] }

function Table({ rows, onRevoke, who }: { rows: Deleg[]; onRevoke?: (d: Deleg) => void; who: 'deputy' | 'delegator' | 'both' }) {
  const { t } = useTranslation();
  if (!rows.length) return <p className="muted">{t('dep.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="stack">
        <thead><tr>{who !== 'deputy' && <th scope="col">{t('dep.delegator')}</th>}{who !== 'delegator' && <th scope="col">{t('dep.deputy')}</th>}<th scope="col">{t('dep.period')}</th><th scope="col">{t('dep.reason')}</th><th scope="col">{t('dep.state')}</th>{onRevoke && <th scope="col"><span className="sr-only-label">{t('dep.revoke')}</span></th>}</tr></thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              {who !== 'deputy' && <td data-label={t('dep.delegator')}>{d.delegator.name}</td>}
              {who !== 'delegator' && <td data-label={t('dep.deputy')}>{d.deputy.name}</td>}
              <td data-label={t('dep.period')}>{fmtDate(d.from)} – {fmtDate(d.to)}</td>
              <td data-label={t('dep.reason')}>{d.reason}</td>
              <td data-label={t('dep.state')}>{t(`dep.states.${d.state}`)}</td>
              {onRevoke && <td>{(d.state === 'active' || d.state === 'scheduled') && <button type="button" className="btn btn-small btn-danger" onClick={() => onRevoke(d)}>{t('dep.revoke')}</button>}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /can-bo/uy-quyen-ca-nhan: hand one's inbox to a deputy for a date range; supervisors see their agencies' delegations. */
export default function DeputiesPage() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useSession();
  const isSupervisor = hasRole('supervisor');
  const [mine, setMine] = useState<Mine | null>(null);
  const [sup, setSup] = useState<Deleg[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [form, setForm] = useState({ deputyId: '', from: '', to: '', reason: '' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const key = useRef(newKey());

  const load = useCallback(async () => {
    setMine(await get<Mine>('/me/deputies'));
    if (isSupervisor) setSup((await get<{ items: Deleg[] }>('/supervision/deputies').catch(() => ({ items: [] }))).items);
  }, [isSupervisor]);
  useEffect(() => { load().catch(setError); }, [load]);

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null); setNotice(null); setFieldErrors({});
    // Checked here first so an empty form gets plain words, not the API's schema messages.
    const missing: Record<string, string> = {};
    for (const k of ['deputyId', 'from', 'to', 'reason'] as const) if (!form[k].trim()) missing[k] = t(`dep.need.${k}`);
    if (!missing.from && !missing.to && form.to < form.from) missing.to = t('dep.need.order');
    if (Object.keys(missing).length) { setFieldErrors(missing); document.getElementById(`dep-${Object.keys(missing)[0]}`)?.focus(); return; }
    try {
      const d = await post<Deleg>('/me/deputies', form, key.current);
      key.current = newKey();
      setNotice(t('dep.saved', { name: d.deputy.name, from: fmtDate(d.from), to: fmtDate(d.to) }));
      setForm({ deputyId: '', from: '', to: '', reason: '' });
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setFieldErrors(err.byField(i18n.language));
      setError(err);
    }
  };
  const onRevoke = async (d: Deleg) => {
    setError(null);
    try { await post(`/deputies/${d.id}/revoke`, {}, newKey()); setNotice(t('dep.revoked')); await load(); } catch (err) { setError(err); }
  };
  const fe = (k: string) => fieldErrors[k] && <div id={`dep-${k}-err`} className="field-error">{fieldErrors[k]}</div>;

  if (!mine) return error ? <Page title={t('dep.title')}><ErrorBox error={error} /></Page> : <Loading />;
  const holding = [...new Set(mine.delegatedGrants.map((g) => g.delegator.name))];
  return (
    <Page title={t('dep.title')} actions={<Link to="/can-bo" className="btn btn-small">{t('staff.dossier.back')}</Link>}>
      <p className="muted">{t('dep.lead')}</p>
      {holding.length > 0 && <p className="alert alert-info">{t('dep.holding', { names: holding.join(', ') })}</p>}
      {notice && <p className="alert alert-ok" role="status">{notice}</p>}
      <ErrorBox error={error} />
      <form className="card" aria-labelledby="h-dep-new" onSubmit={onSubmit} noValidate>
        <h2 id="h-dep-new">{t('dep.give')}</h2>
        <label htmlFor="dep-deputyId">{t('dep.deputy')}</label>
        <select id="dep-deputyId" value={form.deputyId} onChange={(e) => setForm({ ...form, deputyId: e.target.value })} aria-invalid={!!fieldErrors.deputyId} aria-describedby={fieldErrors.deputyId ? 'dep-deputyId-err' : undefined}>
          <option value="">{t('dep.choose')}</option>
          {mine.candidates.map((c) => <option key={c.id} value={c.id}>{c.fullName}{c.title ? ` — ${c.title}` : ''}</option>)}
        </select>
        {fe('deputyId')}
        <label htmlFor="dep-from">{t('dep.from')}</label>
        <input id="dep-from" type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} aria-invalid={!!fieldErrors.from} aria-describedby={fieldErrors.from ? 'dep-from-err' : undefined} />
        {fe('from')}
        <label htmlFor="dep-to">{t('dep.to')}</label>
        <input id="dep-to" type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} aria-invalid={!!fieldErrors.to} aria-describedby={fieldErrors.to ? 'dep-to-err' : undefined} />
        {fe('to')}
        <label htmlFor="dep-reason">{t('dep.reason')}</label>
        <input id="dep-reason" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} aria-invalid={!!fieldErrors.reason} aria-describedby={fieldErrors.reason ? 'dep-reason-err' : undefined} />
        {fe('reason')}
        <div className="btn-row"><button type="submit" className="btn btn-primary">{t('dep.save')}</button></div>
      </form>
      <section className="card" aria-labelledby="h-dep-given"><h2 id="h-dep-given">{t('dep.given')}</h2><Table rows={mine.given} who="deputy" onRevoke={onRevoke} /></section>
      <section className="card" aria-labelledby="h-dep-received"><h2 id="h-dep-received">{t('dep.received')}</h2><Table rows={mine.received} who="delegator" /></section>
      {sup && <section className="card" aria-labelledby="h-dep-sup"><h2 id="h-dep-sup">{t('dep.supervision')}</h2><Table rows={sup} who="both" onRevoke={onRevoke} /></section>}
    </Page>
  );
}

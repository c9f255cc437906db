import './strings';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../../api';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { SignInRow } from '../../account/AccountPage';
import { addStrings } from '../../i18n';
import { accountStrings } from '../../account/locales';

addStrings(accountStrings);

interface Event { id: number; at: string; userId: string | null; userName: string | null; username: string | null; loginName: string | null; method: string; outcome: string; reason: string | null; ip: string | null; userAgent: string | null }

/** /quan-tri/nhat-ky-dang-nhap — every sign-in attempt of the accounts this administrator manages. */
export default function SignInAudit() {
  const { t } = useTranslation();
  const id = useId();
  const [f, setF] = useState({ q: '', outcome: '', from: '', to: '' });
  const [applied, setApplied] = useState(f);
  const [items, setItems] = useState<Event[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const query = useCallback((before?: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(applied)) if (v) p.set(k, v);
    if (before) p.set('before', String(before));
    p.set('limit', '50');
    return get<{ items: Event[]; next: number | null }>(`/admin/sign-ins?${p}`);
  }, [applied]);
  useEffect(() => {
    setItems(null);
    void query().then((r) => { setItems(r.items); setNext(r.next); }, setError);
  }, [query]);
  useEffect(() => { document.title = `${t('usr.auditTitle')} — ${t('app.name')}`; }, [t]);
  function submit(e: FormEvent) {
    e.preventDefault();
    setApplied({ ...f, q: f.q.trim() });
  }
  return (
    <Page title={t('usr.auditTitle')}>
      <p className="adm-crumbs"><Link to="/quan-tri/can-bo">{t('usr.back')}</Link></p>
      <form onSubmit={submit} className="card" aria-label={t('usr.filter')}>
        <div className="adm-grid">
          <div className="adm-field"><label htmlFor={`${id}-q`}>{t('usr.filterUser')}</label><input id={`${id}-q`} type="search" value={f.q} onChange={(e) => setF({ ...f, q: e.target.value })} /></div>
          <div className="adm-field">
            <label htmlFor={`${id}-o`}>{t('usr.filterOutcome')}</label>
            <select id={`${id}-o`} value={f.outcome} onChange={(e) => setF({ ...f, outcome: e.target.value })}>
              <option value="">{t('usr.all')}</option>
              {['success', 'failure', 'locked', 'throttled', 'second_factor'].map((o) => <option key={o} value={o}>{t(`acct.outcome.${o}`)}</option>)}
            </select>
          </div>
          <div className="adm-field"><label htmlFor={`${id}-from`}>{t('usr.filterFrom')}</label><input id={`${id}-from`} type="date" value={f.from} onChange={(e) => setF({ ...f, from: e.target.value })} /></div>
          <div className="adm-field"><label htmlFor={`${id}-to`}>{t('usr.filterTo')}</label><input id={`${id}-to`} type="date" value={f.to} onChange={(e) => setF({ ...f, to: e.target.value })} /></div>
        </div>
        <button className="btn btn-primary" type="submit">{t('usr.filter')}</button>
      </form>
      <ErrorBox error={error} />
      {!items ? <Loading /> : items.length === 0 ? <p className="muted" role="status">{t('usr.noRows')}</p> : (
        <div className="table-wrap">
          <table data-testid="sign-in-audit">
            <thead><tr><th scope="col">{t('acct.hisTime')}</th><th scope="col">{t('usr.account')}</th><th scope="col">{t('acct.hisWhat')}</th><th scope="col">{t('acct.hisResult')}</th><th scope="col">{t('acct.sesIp')}</th><th scope="col">{t('acct.sesDevice')}</th></tr></thead>
            <tbody>
              {items.map((e) => (
                <SignInRow key={e.id} e={e} who={e.userId
                  ? <Link to={`/quan-tri/can-bo/${e.userId}`}>{e.userName}</Link>
                  : <span><span className="adm-mono">{e.loginName}</span> <span className="small muted">{t('usr.unknownName')}</span></span>} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && <button className="btn" type="button" onClick={() => void query(next).then((r) => { setItems([...(items ?? []), ...r.items]); setNext(r.next); }, setError)}>{t('usr.more')}</button>}
    </Page>
  );
}

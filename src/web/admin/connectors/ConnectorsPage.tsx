import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../../api';
import { addStrings } from '../../i18n';
import { fmtDateTime } from '../../format';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { connectorStrings } from './locales';
import './connectors.css';

addStrings(connectorStrings);

export interface MessageItem {
  id: string; connector: string; operation: string; key: string; label: string; state: 'pending' | 'sending' | 'sent' | 'dead';
  attempts: number; nextAttemptAt: string | null; lastError: string | null; lastStatus: number | null; externalRef: string | null;
  decision: 'approved' | 'refused' | null; createdAt: string; agency: { id: string; name: string | null } | null;
}
const STATES = ['dead', 'pending', 'sending', 'sent'] as const;
const OPERATIONS = ['child-health-insurance-card', 'funeral-allowance'] as const;

export function StateBadge({ state }: { state: MessageItem['state'] }) {
  const { t } = useTranslation();
  const tone = state === 'dead' ? 'bad' : state === 'sent' ? 'ok' : 'info';
  return <span className={`badge badge-${tone}`}>{t(`con.state.${state}`)}</span>;
}

/** /quan-tri/ket-noi: requests to external agencies, failed ones first, for city administrators and agency supervisors. */
export default function ConnectorsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = params.get('trang-thai') ?? 'dead';
  const operation = params.get('nghiep-vu') ?? '';
  const [data, setData] = useState<{ items: MessageItem[]; total: number; counts: Record<string, number> } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    const q = new URLSearchParams({ limit: '100' });
    if (state) q.set('state', state);
    if (operation) q.set('operation', operation);
    get(`/connectors/messages?${q}`).then(setData, setError);
  }, [state, operation]);
  useEffect(() => { load(); }, [load]);
  useEffect(() => { document.title = `${t('con.title')} — ${t('app.name')}`; }, [t]);
  const set = (k: string, v: string) => { const p = new URLSearchParams(params); p.set(k, v); setParams(p, { replace: true }); };

  return (
    <Page title={t('con.title')} actions={<button className="btn" type="button" onClick={load}>{t('con.reload')}</button>}>
      <p className="muted">{t('con.lead')}</p>
      <form className="con-filters" onSubmit={(e) => e.preventDefault()}>
        <label>{t('con.filterState')}
          <select value={state} onChange={(e) => set('trang-thai', e.target.value)}>
            <option value="">{t('con.all')}</option>
            {STATES.map((s) => <option key={s} value={s}>{t(`con.state.${s}`)}{data?.counts[s] !== undefined ? ` (${data.counts[s]})` : ''}</option>)}
          </select>
        </label>
        <label>{t('con.filterOperation')}
          <select value={operation} onChange={(e) => set('nghiep-vu', e.target.value)}>
            <option value="">{t('con.all')}</option>
            {OPERATIONS.map((o) => <option key={o} value={o}>{t(`con.operation.${o}`)}</option>)}
          </select>
        </label>
      </form>
      <ErrorBox error={error} />
      {!data ? (!error && <Loading />) : data.items.length === 0 ? <p>{t('con.none')}</p> : (
        <>
          <p className="small muted" role="status">{t('con.showing', { count: data.total })}</p>
          <div className="table-wrap">
            <table className="con-table">
              <thead><tr><th>{t('con.colLabel')}</th><th>{t('con.colOperation')}</th><th>{t('con.colAgency')}</th><th>{t('con.colState')}</th>
                <th>{t('con.colAttempts')}</th><th>{t('con.colError')}</th><th>{t('con.colCreated')}</th></tr></thead>
              <tbody>
                {data.items.map((m) => (
                  <tr key={m.id}>
                    <td><Link to={`/quan-tri/ket-noi/${m.id}`}>{m.label}</Link></td>
                    <td>{t(`con.operation.${m.operation}`, { defaultValue: m.operation })}</td>
                    <td>{m.agency?.name ?? '—'}</td>
                    <td><StateBadge state={m.state} /></td>
                    <td>{m.attempts}</td>
                    <td className="con-error">{m.lastError ?? '—'}</td>
                    <td>{fmtDateTime(m.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}

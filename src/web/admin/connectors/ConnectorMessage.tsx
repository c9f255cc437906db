import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, newKey, post } from '../../api';
import { addStrings } from '../../i18n';
import { fmtDateTime } from '../../format';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { StateBadge, type MessageItem } from './ConnectorsPage';
import { connectorStrings } from './locales';
import './connectors.css';

addStrings(connectorStrings);

interface Detail extends MessageItem {
  acceptedAt: string | null; decidedAt: string | null; payload: unknown;
  decisionBody: { reasons?: string[]; result?: Record<string, unknown> } | null;
  attemptLog: { at: string; httpStatus: number | null; error: string | null; response: unknown; durationMs: number | null }[];
  events: { kind: 'accepted' | 'decision' | 'dead' | 'rejected'; eventId: string; at: string }[];
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

/** /quan-tri/ket-noi/{id}: one request — what was sent, every attempt with its error, the answers; send a failed one again. */
export default function ConnectorMessage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [m, setM] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => { get<Detail>(`/connectors/messages/${id}`).then(setM, setError); }, [id]);
  useEffect(() => { load(); }, [load]);
  useEffect(() => { document.title = `${t('con.detailTitle')} — ${t('app.name')}`; }, [t]);
  async function retry() {
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ retried: boolean }>(`/connectors/messages/${id}/retry`, {}, newKey());
      setNote(r.retried ? t('con.retried') : t('con.notRetried'));
      load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Page title={t('con.detailTitle')} actions={<Link className="btn" to="/quan-tri/ket-noi">{t('con.back')}</Link>}>
      <ErrorBox error={error} />
      {note && <p role="status" className="alert">{note}</p>}
      {!m ? (!error && <Loading />) : (
        <>
          <section className="card" aria-labelledby="con-h-sum">
            <h2 id="con-h-sum">{m.label}</h2>
            <dl className="con-dl">
              <dt>{t('con.colState')}</dt><dd><StateBadge state={m.state} />{m.decision && <> · {t(`con.decision.${m.decision}`)}</>}</dd>
              <dt>{t('con.colOperation')}</dt><dd>{t(`con.connector.${m.connector}`, { defaultValue: m.connector })} — {t(`con.operation.${m.operation}`, { defaultValue: m.operation })}</dd>
              <dt>{t('con.colAgency')}</dt><dd>{m.agency?.name ?? '—'}</dd>
              <dt>{t('con.key')}</dt><dd><code>{m.key}</code></dd>
              <dt>{t('con.colAttempts')}</dt><dd>{m.attempts}</dd>
              {m.lastError && <><dt>{t('con.colError')}</dt><dd className="con-error">{m.lastError}</dd></>}
              {m.nextAttemptAt && <><dt>{t('con.nextAttempt')}</dt><dd>{fmtDateTime(m.nextAttemptAt)}</dd></>}
              <dt>{t('con.externalRef')}</dt><dd>{m.externalRef ?? '—'}</dd>
              {m.acceptedAt && <><dt>{t('con.acceptedAt')}</dt><dd>{fmtDateTime(m.acceptedAt)}</dd></>}
              {m.decidedAt && <><dt>{t('con.decidedAt')}</dt><dd>{fmtDateTime(m.decidedAt)}</dd></>}
              {m.decisionBody?.reasons && m.decisionBody.reasons.length > 0 && <><dt>{t('con.reasons')}</dt><dd>{m.decisionBody.reasons.join('; ')}</dd></>}
              <dt>{t('con.colCreated')}</dt><dd>{fmtDateTime(m.createdAt)}</dd>
            </dl>
            {m.state === 'dead' && <div className="btn-row"><button className="btn btn-primary" type="button" disabled={busy} onClick={retry}>{t('con.retry')}</button></div>}
          </section>
          {m.decisionBody?.result && (
            <section className="card" aria-labelledby="con-h-res"><h2 id="con-h-res">{t('con.result')}</h2><pre tabIndex={0} className="con-pre">{json(m.decisionBody.result)}</pre></section>
          )}
          <section className="card" aria-labelledby="con-h-att">
            <h2 id="con-h-att">{t('con.attemptsTitle')}</h2>
            {m.attemptLog.length === 0 ? <p className="small muted">—</p> : (
              <div className="table-wrap">
                <table>
                  <thead><tr><th>{t('con.attAt')}</th><th>{t('con.attStatus')}</th><th>{t('con.attError')}</th><th>{t('con.attAnswer')}</th><th>{t('con.attDuration')}</th></tr></thead>
                  <tbody>
                    {m.attemptLog.map((a, i) => (
                      <tr key={i}>
                        <td>{fmtDateTime(a.at)}</td><td>{a.httpStatus ?? t('con.noAnswer')}</td><td className="con-error">{a.error ?? '—'}</td>
                        <td>{a.response ? <pre tabIndex={0} className="con-pre small">{json(a.response)}</pre> : '—'}</td><td>{a.durationMs ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {m.events.length > 0 && (
            <section className="card" aria-labelledby="con-h-ev">
              <h2 id="con-h-ev">{t('con.eventsTitle')}</h2>
              <ul>{m.events.map((e) => <li key={e.eventId}>{fmtDateTime(e.at)} — {t(`con.event.${e.kind}`)}</li>)}</ul>
            </section>
          )}
          <section className="card" aria-labelledby="con-h-pl">
            <h2 id="con-h-pl">{t('con.payload')}</h2>
            <pre tabIndex={0} className="con-pre">{json(m.payload)}</pre>
          </section>
        </>
      )}
    </Page>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api';
import { addStrings } from '../i18n';
import { fmtDateTime } from '../format';
import { ErrorBox, Loading, Page } from '../components/ui';
import { notificationStrings } from './locales';
import './notifications.css';

addStrings(notificationStrings);

interface Message { id: number; channel: 'email' | 'sms'; to: string; subject: string | null; body: string; createdAt: string }
interface Dead { id: number; event: string; channel: string; to: string | null; attempts: number; lastError: string | null; createdAt: string }

/** /quan-tri/hop-thu: what the development transports stored, and notifications that failed every attempt. */
export default function DevMailbox() {
  const { t } = useTranslation();
  const [box, setBox] = useState<{ emailTransport: 'dev' | 'smtp'; items: Message[] } | null>(null);
  const [dead, setDead] = useState<Dead[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [retried, setRetried] = useState<number | null>(null);
  const load = useCallback(() => {
    setError(null);
    get('/dev/mailbox?limit=200').then(setBox, setError);
    get<{ items: Dead[] }>('/notifications/outbox?state=dead').then((r) => setDead(r.items), setError);
  }, []);
  useEffect(() => { load(); }, [load]);
  useEffect(() => { document.title = `${t('ntf.boxTitle')} — ${t('app.name')}`; }, [t]);
  async function retry() {
    try {
      const r = await post<{ retried: number }>('/notifications/outbox/retry', { ids: dead.map((d) => d.id) });
      setRetried(r.retried);
      load();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Page title={t('ntf.boxTitle')} actions={<button className="btn" type="button" onClick={load}>{t('ntf.boxReload')}</button>}>
      <p className="muted">{t('ntf.boxLead')}</p>
      <ErrorBox error={error} />
      <section className="card" aria-labelledby="ntf-dead-h">
        <h2 id="ntf-dead-h">{t('ntf.boxDead')}</h2>
        {dead.length === 0 ? <p className="small muted">{t('ntf.boxDeadNone')}</p> : (
          <>
            <p className="small">{t('ntf.boxDeadLead')}</p>
            <ul>
              {dead.map((d) => <li key={d.id}>{d.event} · {d.channel} · {d.to ?? '—'} · {t('ntf.boxAttempts')}: {d.attempts} · {t('ntf.boxError')}: {d.lastError} · {fmtDateTime(d.createdAt)}</li>)}
            </ul>
            <button className="btn" type="button" onClick={retry}>{t('ntf.boxRetry')}</button>
          </>
        )}
        {retried !== null && <p role="status" className="small">{t('ntf.boxRetried', { count: retried })}</p>}
      </section>
      {!box ? (!error && <Loading />) : (
        <>
          {box.emailTransport === 'smtp' && <p className="small">{t('ntf.boxSmtp')}</p>}
          {box.items.length === 0 && <p>{t('ntf.boxEmpty')}</p>}
          {box.items.map((m) => (
            <article className="card ntf-message" key={m.id} aria-labelledby={`ntf-m${m.id}`}>
              <h2 id={`ntf-m${m.id}`} className="small">
                {t(`ntf.boxChannel.${m.channel}`)}{m.subject ? ` — ${m.subject}` : ''}
              </h2>
              <p className="small muted">{t('ntf.boxTo')}: {m.to} · {t('ntf.boxAt')}: {fmtDateTime(m.createdAt)}</p>
              <pre>{m.body}</pre>
            </article>
          ))}
        </>
      )}
    </Page>
  );
}

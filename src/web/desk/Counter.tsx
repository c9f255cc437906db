import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, get, newKey } from '../api';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import { COUNTER_KEY, fmtClock, isTransient, useDeskAgencies, usePoll, type DeskAgency, type DeskGroup, type Ticket } from './common';

interface CounterState {
  counter: { id: string; number: number; name: string; nameEn: string };
  agency: { code: string; name: string; nameEn: string };
  groups: DeskGroup[];
  current: Ticket | null;
  today: { served: number; noShow: number };
  called?: boolean;
}

/** A desk officer at a counter: pick the counter (remembered on this computer), then call numbers. */
export default function Counter() {
  const { t } = useTranslation();
  const { agencies, error } = useDeskAgencies();
  const [counterId, setCounterId] = useState<string | null>(() => localStorage.getItem(COUNTER_KEY));
  if (!agencies) return error ? <Page title={t('desk.counter.title')}><ErrorBox error={error} /></Page> : <Loading />;
  const known = agencies.some((a) => a.counters.some((c) => c.id === counterId));
  if (counterId && known) {
    return <CounterDesk id={counterId} onChange={() => { localStorage.removeItem(COUNTER_KEY); setCounterId(null); }} />;
  }
  return <CounterPicker agencies={agencies} onPick={(id) => { localStorage.setItem(COUNTER_KEY, id); setCounterId(id); }} />;
}

function CounterPicker({ agencies, onPick }: { agencies: DeskAgency[]; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  return (
    <Page title={t('desk.counter.pick')}>
      <p className="muted">{t('desk.counter.pickLead')}</p>
      {agencies.map((a) => (
        <section key={a.code} className="card" aria-labelledby={`ag-${a.code}`}>
          <h2 id={`ag-${a.code}`}>{pick(a.name, a.nameEn)}</h2>
          {a.counters.length === 0 && <p>{t('desk.counter.noCounters')}</p>}
          <ul className="desk-counter-list" role="list">
            {a.counters.map((c) => {
              const groups = a.groups.filter((g) => c.groups.includes(g.prefix)).map((g) => `${g.prefix} ${pick(g.name, g.nameEn)}`).join('; ');
              return (
                <li key={c.id}>
                  <button type="button" className="desk-counter-choice" onClick={() => onPick(c.id)} aria-describedby={`cg-${c.id}`}>
                    <b>{t('desk.counter.work', { counter: pick(c.name, c.nameEn) })}</b>
                  </button>
                  <span id={`cg-${c.id}`} className="small muted">
                    {t('desk.counter.serves', { groups })}
                    {c.current ? ` — ${t('desk.counter.nowAt', { number: c.current.number })}` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </Page>
  );
}

type Intent = 'next' | 'recall' | 'serve' | 'noShow';

function CounterDesk({ id, onChange }: { id: string; onChange: () => void }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const poll = usePoll((signal) => get<CounterState>(`/queue/counters/${id}`, signal), 5000, [id]);
  const [busy, setBusy] = useState<Intent | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  // One key per intent: a retry after a network failure resends it; a new press is a new intent.
  const keys = useRef<Record<Intent, string>>({ next: newKey(), recall: newKey(), serve: newKey(), noShow: newKey() });
  const state = poll.data;

  async function run(intent: Intent) {
    if (!state || busy) return;
    const cur = state.current;
    const path = intent === 'next' ? `/queue/counters/${id}/call-next`
      : `/queue/tickets/${cur!.id}/${intent === 'recall' ? 'recall' : intent === 'serve' ? 'serve' : 'no-show'}`;
    setBusy(intent);
    setError(null);
    try {
      const res = await api<any>('POST', path, {}, { idempotencyKey: keys.current[intent] });
      keys.current[intent] = newKey();
      if (intent === 'next') {
        poll.setData(res);
        setMessage(res.current ? t('desk.counter.called', { number: res.current.number }) : t('desk.counter.empty'));
      } else {
        poll.setData({ ...state, current: res.status === 'called' ? res : null });
        setMessage(intent === 'recall' ? t('desk.counter.recalled', { number: res.number, count: res.callCount })
          : intent === 'serve' ? t('desk.counter.markedServed', { number: res.number }) : t('desk.counter.markedNoShow', { number: res.number }));
        poll.refresh();
      }
    } catch (e) {
      setError(e);
      if (!isTransient(e)) keys.current[intent] = newKey();
      poll.refresh();
    } finally {
      setBusy(null);
    }
  }

  if (!state) return poll.error ? <Page title={t('desk.counter.title')}><ErrorBox error={poll.error} /></Page> : <Loading />;
  const cur = state.current;
  return (
    <Page
      title={`${pick(state.counter.name, state.counter.nameEn)} — ${pick(state.agency.name, state.agency.nameEn)}`}
      actions={<button type="button" className="btn" onClick={onChange}>{t('desk.counter.change')}</button>}
    >
      <div className="desk-counter-grid">
        <section className="card desk-current" aria-labelledby="cur-h">
          <h2 id="cur-h">{t('desk.counter.current')}</h2>
          {cur ? (
            <>
              <div className="desk-current-number">{cur.number}</div>
              <div>{pick(cur.group.name, cur.group.nameEn)}</div>
              <div className="muted small">
                {t('desk.counter.calledAt', { time: cur.calledAt ? fmtClock(cur.calledAt) : '—' })} · {t('desk.counter.calls', { count: cur.callCount })}
              </div>
            </>
          ) : <p className="muted">{t('desk.counter.none')}</p>}
          <p className="desk-counter-message" role="status" aria-live="polite">{message}</p>
          <ErrorBox error={error} />
          <div className="btn-row">
            <button type="button" className="btn btn-primary desk-next" disabled={!!busy} aria-busy={busy === 'next'} onClick={() => void run('next')}>{t('desk.counter.next')}</button>
          </div>
          <div className="btn-row">
            <button type="button" className="btn" disabled={!cur || !!busy} onClick={() => void run('recall')}>{t('desk.counter.recall')}</button>
            <button type="button" className="btn" disabled={!cur || !!busy} onClick={() => void run('serve')}>{t('desk.counter.served')}</button>
            <button type="button" className="btn btn-danger" disabled={!cur || !!busy} onClick={() => void run('noShow')}>{t('desk.counter.noShow')}</button>
          </div>
        </section>
        <section className="card" aria-labelledby="q-h">
          <h2 id="q-h">{t('desk.counter.queues')}</h2>
          <ul className="desk-queues" role="list">
            {state.groups.map((g) => (
              <li key={g.code}><span className="desk-letter" aria-hidden="true">{g.prefix}</span><span>{pick(g.name, g.nameEn)}</span><b>{t('desk.board.waitingCount', { count: g.waiting })}</b></li>
            ))}
          </ul>
          <p className="muted small">{t('desk.counter.today', { served: state.today.served, noShow: state.today.noShow })}</p>
          <div className="btn-row">
            <Link className="btn" to="/mot-cua/tiep-nhan">{t('desk.home.reception')}</Link>
            <Link className="btn" to="/mot-cua/tra-ket-qua">{t('desk.home.returns')}</Link>
            <a className="btn" href={`/mot-cua/man-hinh/${state.agency.code}`} target="_blank" rel="noreferrer">{t('desk.counter.openBoard')}</a>
          </div>
        </section>
      </div>
    </Page>
  );
}

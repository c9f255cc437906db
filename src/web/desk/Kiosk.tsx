import { useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, newKey, post } from '../api';
import { fmtDateTime } from '../format';
import { ErrorBox, Loading, useLocalName } from '../components/ui';
import { fmtClock, isNotFound, isTransient, useBareScreen, useNow, usePoll, type DeskGroup, type Ticket } from './common';

interface KioskInfo { agency: { code: string; name: string; nameEn: string }; groups: Omit<DeskGroup, 'id'>[] }
type IssuedTicket = Ticket & { ahead: number; agency: { code: string; name: string; nameEn: string } };

const RESET_SECONDS = 30;

/**
 * The ticket kiosk in the hall (no sign-in): one big button per counter group. A tap takes a
 * number (one Idempotency-Key per tap, reused only by "Try again"), shows it with how many wait
 * before it, and prints it. `?in=1` prints at once (for a kiosk browser with silent printing).
 */
export default function Kiosk() {
  const { agencyCode = '' } = useParams();
  const [params] = useSearchParams();
  const autoPrint = params.get('in') === '1';
  const { t, i18n } = useTranslation();
  const pick = useLocalName();
  useBareScreen('desk-kiosk-screen');
  const now = useNow(15_000);
  const info = usePoll((signal) => get<KioskInfo>(`/public/queue/agencies/${encodeURIComponent(agencyCode)}`, signal), 10_000, [agencyCode]);
  const [ticket, setTicket] = useState<IssuedTicket | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const failed = useRef<{ group: string; key: string } | null>(null);

  async function take(group: string, key = newKey()) {
    if (busy) return;
    setBusy(group);
    setError(null);
    failed.current = null;
    try {
      const tk = await post<IssuedTicket>(`/public/queue/agencies/${encodeURIComponent(agencyCode)}/tickets`, { group }, key);
      setTicket(tk);
    } catch (e) {
      setError(e);
      // The request may have reached the server: "Try again" resends it with the same key.
      if (isTransient(e)) failed.current = { group, key };
    } finally {
      setBusy(null);
    }
  }

  if (!info.data) {
    if (info.error) {
      return (
        <div className="kiosk">
          <div className="kiosk-panel"><ErrorBox error={isNotFound(info.error) ? new ApiError(404, t('desk.kiosk.notFound'), t('desk.kiosk.notFound'), 'not_found') : info.error} /></div>
        </div>
      );
    }
    return <div className="kiosk"><Loading /></div>;
  }
  const { agency, groups } = info.data;
  const other = i18n.language === 'en' ? 'vi' : 'en';
  return (
    <div className="kiosk">
      <header className="kiosk-head no-print">
        <div>
          <div className="kiosk-agency">{pick(agency.name, agency.nameEn)}</div>
          <h1 className="kiosk-title">{t('desk.kiosk.title')}</h1>
        </div>
        <div className="kiosk-head-side">
          <span className="kiosk-clock" aria-hidden="true">{fmtClock(now)}</span>
          <button type="button" className="kiosk-lang" lang={other} onClick={() => void i18n.changeLanguage(other)}>{t('lang.switch')}</button>
        </div>
      </header>

      {ticket ? (
        <TicketPanel
          ticket={ticket} autoPrint={autoPrint}
          onDone={() => {
            setTicket(null);
            info.refresh();
            // A shared device: the next person starts in Vietnamese again.
            if (i18n.language !== 'vi') void i18n.changeLanguage('vi');
          }}
        />
      ) : (
        <div className="kiosk-body">
          <p id="kiosk-lead" className="kiosk-lead">{t('desk.kiosk.lead')}</p>
          <ErrorBox error={error} />
          {failed.current && (
            <button type="button" className="btn btn-primary" onClick={() => void take(failed.current!.group, failed.current!.key)}>{t('desk.kiosk.retry')}</button>
          )}
          {groups.length === 0 && <p>{t('desk.kiosk.closed')}</p>}
          <ul className="kiosk-groups" role="list">
            {groups.map((g) => (
              <li key={g.code}>
                <button type="button" className="kiosk-group" disabled={!!busy} aria-busy={busy === g.code} onClick={() => void take(g.code)}>
                  <span className="kiosk-letter" aria-hidden="true">{g.prefix}</span>
                  <span className="kiosk-group-text">
                    <span className="kiosk-group-name">{pick(g.name, g.nameEn)}</span>
                    <span className="kiosk-group-waiting">{busy === g.code ? t('desk.kiosk.issuing') : t('desk.kiosk.waiting', { count: g.waiting })}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The number just taken: large, with the queue ahead (kept up to date), print and reset. */
function TicketPanel({ ticket, autoPrint, onDone }: { ticket: IssuedTicket; autoPrint: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const [left, setLeft] = useState(RESET_SECONDS);
  const live = usePoll((signal) => get<IssuedTicket>(`/public/queue/tickets/${ticket.id}`, signal), 5000, [ticket.id]);
  const cur = live.data ?? ticket;
  const heading = useRef<HTMLHeadingElement>(null);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    heading.current?.focus();
    if (autoPrint) setTimeout(() => window.print(), 300);
    const id = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(id);
  }, [autoPrint]);
  useEffect(() => { if (left <= 0) done.current(); }, [left]);
  return (
    <div className="kiosk-body">
      <section className="kiosk-ticket desk-ticket" aria-labelledby="kiosk-ticket-h">
        <div className="desk-ticket-agency">{pick(ticket.agency.name, ticket.agency.nameEn)}</div>
        <h2 id="kiosk-ticket-h" ref={heading} tabIndex={-1} className="desk-ticket-heading">
          <span className="desk-ticket-label">{t('desk.kiosk.yourNumber')}</span>
          <span className="desk-ticket-number">{ticket.number}</span>
        </h2>
        <div className="desk-ticket-group">{pick(ticket.group.name, ticket.group.nameEn)}</div>
        <p className="desk-ticket-ahead" aria-live="polite">
          {cur.status === 'called' && cur.counter
            ? <b>{t('desk.kiosk.calledTo', { counter: pick(cur.counter.name, cur.counter.nameEn) })}</b>
            : t('desk.kiosk.ahead', { count: cur.status === 'waiting' ? (cur as IssuedTicket).ahead : 0 })}
        </p>
        <p className="desk-ticket-note">{t('desk.kiosk.watch')}</p>
        <p className="desk-ticket-time">{t('desk.kiosk.issuedAt', { time: fmtDateTime(ticket.issuedAt) })}</p>
      </section>
      <div className="kiosk-actions no-print">
        <button type="button" className="btn kiosk-btn" onClick={() => window.print()}>{t('desk.kiosk.print')}</button>
        <button type="button" className="btn btn-primary kiosk-btn" onClick={onDone}>{t('desk.kiosk.done')}</button>
      </div>
      <p className="muted kiosk-reset no-print">{t('desk.kiosk.backIn', { count: Math.max(left, 0) })}</p>
    </div>
  );
}

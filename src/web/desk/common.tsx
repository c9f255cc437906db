import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get } from '../api';
import { useSession } from '../session';
import { Loading, Page } from '../components/ui';

export interface DeskGroup { id: string; code: string; prefix: string; name: string; nameEn: string; waiting: number }
export interface Ticket {
  id: string; number: string; status: 'waiting' | 'called' | 'served' | 'no_show'; day: string;
  group: { code: string; prefix: string; name: string; nameEn: string };
  issuedAt: string; calledAt: string | null; callCount: number;
  counter: { id: string; number: number; name: string; nameEn: string } | null; finishedAt: string | null;
}
export interface DeskCounter { id: string; number: number; name: string; nameEn: string; groups: string[]; current: Ticket | null }
export interface DeskAgency { code: string; name: string; nameEn: string; sector: string; level: 'province' | 'commune'; groups: DeskGroup[]; counters: DeskCounter[] }

/** The counter this computer works at (remembered by the counter page, read by reception to lead back to it). */
export const COUNTER_KEY = 'motcua.desk.counter';

/**
 * Staff pages of the desk: a signed-in one-stop desk officer, or the sign-in page and back.
 * (The kiosk and the board are public devices and do not use this.)
 */
export function RequireDesk({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, loading, hasRole } = useSession();
  const loc = useLocation();
  if (loading) return <Loading />;
  const next = `/dang-nhap?next=${encodeURIComponent(loc.pathname + loc.search)}`;
  if (!me || me.kind !== 'staff' || !hasRole('desk_officer')) {
    return (
      <Page title={t('desk.area')}>
        <div className="card narrow">
          <p>{t('desk.needDesk')}</p>
          {!me || me.kind !== 'staff' ? <Link className="btn btn-primary" to={next}>{t('desk.signInDesk')}</Link> : null}
        </div>
      </Page>
    );
  }
  return <>{children}</>;
}

/** The officer's desk agencies with their counters (GET /queue/desk). */
export function useDeskAgencies() {
  const [agencies, setAgencies] = useState<DeskAgency[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = async () => {
    try {
      setAgencies((await get<{ agencies: DeskAgency[] }>('/queue/desk')).agencies);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => { void reload(); }, []);
  return { agencies, error, reload };
}

/**
 * Public devices (kiosk, TV board) show only their own screen: no site header, menu or footer
 * a passer-by could tap away to.
 */
export function useBareScreen(cls: string) {
  useEffect(() => {
    document.body.classList.add('desk-bare', cls);
    return () => document.body.classList.remove('desk-bare', cls);
  }, [cls]);
}

/**
 * Calls `fn` now and every `ms` while the page is open; keeps the last good answer when a call
 * fails (a TV must not go blank on a network blip) and reports whether the last call failed.
 */
export function usePoll<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ctrl: AbortController | undefined;
    const run = async () => {
      ctrl = new AbortController();
      try {
        const v = await fnRef.current(ctrl.signal);
        if (stopped) return;
        setData(v);
        setError(null);
      } catch (e) {
        if (stopped || (e as Error).name === 'AbortError') return;
        setError(e);
      }
      if (!stopped) timer = setTimeout(run, ms);
    };
    void run();
    return () => {
      stopped = true;
      ctrl?.abort();
      if (timer) clearTimeout(timer);
    };
  }, [...deps, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  return { data, error, setData, refresh: () => setTick((x) => x + 1) };
}

/** The current time, ticking every `ms`. */
export function useNow(ms = 1000) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

const TZ = 'Asia/Ho_Chi_Minh';
const clockFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });
/** HH:MM in Vietnam time. */
export const fmtClock = (d: Date | string) => clockFmt.format(new Date(d));

/** Whether an error is a 404 from the API. */
export const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;

/** A problem that is worth retrying with the same Idempotency-Key (the request may not have been processed). */
export const isTransient = (e: unknown) => !(e instanceof ApiError) || e.status === 0 || e.status >= 500;

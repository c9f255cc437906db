import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get } from '../api';
import { fmtDate } from '../format';
import { ErrorBox, Loading, useLocalName } from '../components/ui';
import { fmtClock, isNotFound, useBareScreen, useNow, usePoll } from './common';

interface BoardData {
  agency: { code: string; name: string; nameEn: string };
  day: string;
  counters: { id: string; number: number; name: string; nameEn: string; groups: string[]; current: { ticketId: string; number: string; calledAt: string; callCount: number } | null }[];
  groups: { code: string; prefix: string; name: string; nameEn: string; waiting: number }[];
  recent: { ticketId: string; number: string; status: string; calledAt: string; callCount: number; counter: { number: number; name: string; nameEn: string } }[];
}
type Call = BoardData['recent'][number];

const POLL_MS = 2500;
const FLASH_MS = 12_000;
const SOUND_KEY = 'motcua.board.sound';

/** "A012" → "A 0 1 2": read out letter by letter, digit by digit. */
const spell = (n: string) => n.split('').join(' ');

function chime() {
  try {
    const Ctx = window.AudioContext ?? (window as any).webkitAudioContext;
    const ctx = new Ctx();
    [660, 520].forEach((f, i) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.0001, ctx.currentTime + i * 0.45);
      g.gain.exponentialRampToValueAtTime(0.3, ctx.currentTime + i * 0.45 + 0.03);
      g.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + i * 0.45 + 0.6);
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + i * 0.45);
      o.stop(ctx.currentTime + i * 0.45 + 0.65);
    });
    setTimeout(() => void ctx.close(), 1500);
  } catch { /* no audio on this device */ }
}

/**
 * The TV in the hall (1920×1080, no sign-in): the number each counter is calling in large
 * high-contrast figures, the latest calls, and how many wait per group. Polls every 2.5 s; a new
 * call or a recall is shown in the banner, announced through an aria-live region and, when the
 * voice is on, read out.
 */
export default function Board() {
  const { agencyCode = '' } = useParams();
  const { t, i18n } = useTranslation();
  const pick = useLocalName();
  useBareScreen('desk-board-screen');
  const now = useNow(5000);
  const { data, error } = usePoll((signal) => get<BoardData>(`/public/queue/agencies/${encodeURIComponent(agencyCode)}/board`, signal), POLL_MS, [agencyCode]);
  const seen = useRef<Set<string> | null>(null);
  const [banner, setBanner] = useState<Call | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [flash, setFlash] = useState<Record<number, number>>({});
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === '1');
  const soundRef = useRef(sound);
  soundRef.current = sound;

  const counterName = (c: { name: string; nameEn: string }) => pick(c.name, c.nameEn);

  useEffect(() => {
    if (!data) return;
    const key = (r: Call) => `${r.ticketId}:${r.callCount}`;
    if (seen.current === null) {
      // The first look: show the latest call, announce nothing old.
      seen.current = new Set(data.recent.map(key));
      setBanner(data.recent[0] ?? null);
      return;
    }
    const fresh = data.recent.filter((r) => !seen.current!.has(key(r))).reverse();
    if (fresh.length === 0) return;
    for (const r of fresh) seen.current.add(key(r));
    const latest = fresh[fresh.length - 1];
    setBanner(latest);
    const text = fresh.map((r) => t('desk.board.invite', { number: r.number, counter: counterName(r.counter) })).join('. ');
    // Emptied first so a recall with the same words is announced again.
    setAnnouncement('');
    setTimeout(() => setAnnouncement(text), 150);
    const at = Date.now();
    setFlash((f) => ({ ...f, ...Object.fromEntries(fresh.map((r) => [r.counter.number, at])) }));
    if (soundRef.current && 'speechSynthesis' in window) {
      chime();
      for (const r of fresh) {
        const u = new SpeechSynthesisUtterance(t('desk.board.speak', { number: spell(r.number), counter: counterName(r.counter) }));
        u.lang = i18n.language === 'en' ? 'en-GB' : 'vi-VN';
        u.rate = 0.9;
        setTimeout(() => window.speechSynthesis.speak(u), 900);
      }
    }
  }, [data]); // eslint-disable-line react-hooks/exhaustive-deps

  function toggleSound() {
    const on = !sound;
    setSound(on);
    localStorage.setItem(SOUND_KEY, on ? '1' : '0');
    if (on) chime();
  }

  if (!data) {
    return (
      <div className="board">
        {error ? <ErrorBox error={isNotFound(error) ? new ApiError(404, t('desk.kiosk.notFound'), t('desk.kiosk.notFound'), 'not_found') : error} /> : <Loading />}
      </div>
    );
  }
  const fresh = (n: number) => flash[n] !== undefined && now.getTime() - flash[n] < FLASH_MS;
  return (
    <div className="board" lang={i18n.language}>
      <header className="board-head">
        <div>
          <h1 className="board-agency">{pick(data.agency.name, data.agency.nameEn)}</h1>
          <div className="board-sub">{t('desk.home.title')}</div>
        </div>
        <div className="board-clock" aria-hidden="true">{fmtClock(now)}<small>{fmtDate(now)}</small></div>
      </header>

      <div className="board-main">
        <section className="board-counters" aria-label={t('desk.board.nowServing')}>
          {data.counters.map((c) => (
            <div key={c.id} className={`board-tile${c.current ? '' : ' idle'}${c.current && fresh(c.number) ? ' fresh' : ''}`}>
              <div className="board-tile-counter">{counterName(c)}</div>
              <div className="board-tile-number">{c.current?.number ?? t('desk.board.idle')}</div>
              <div className="board-tile-groups">{c.groups.join(' · ')}</div>
            </div>
          ))}
        </section>

        <aside className="board-side">
          <div className="board-call">
            {banner ? (
              <>
                <div className="board-call-label">{t('desk.board.recent')}</div>
                <div className="board-call-number">{banner.number}</div>
                <div className="board-call-counter">→ {counterName(banner.counter)}</div>
                {banner.callCount > 1 && <div className="board-call-again">{t('desk.board.again', { count: banner.callCount })}</div>}
              </>
            ) : <div className="board-call-label">{t('desk.board.none')}</div>}
          </div>
          <ol className="board-recent" aria-label={t('desk.board.recent')}>
            {data.recent.slice(1, 7).map((r) => (
              <li key={`${r.ticketId}:${r.callCount}`}><b>{r.number}</b><span>{counterName(r.counter)}</span></li>
            ))}
          </ol>
        </aside>
      </div>

      <footer className="board-waiting" aria-label={t('desk.board.waiting')}>
        {data.groups.map((g) => (
          <div key={g.code} className="board-group">
            <span className="board-group-letter">{g.prefix}</span>
            <span className="board-group-name">{pick(g.name, g.nameEn)}</span>
            <span className="board-group-count">{t('desk.board.waitingCount', { count: g.waiting })}</span>
          </div>
        ))}
      </footer>

      {/* Screen readers hear each new call once. */}
      <div className="sr-only-label" aria-live="assertive" aria-atomic="true" data-testid="board-announcement">{announcement}</div>
      {error ? <div className="board-offline" role="status">{t('desk.board.offline')}</div> : null}
      <button type="button" className="board-sound" aria-pressed={sound} onClick={toggleSound}>{sound ? t('desk.board.soundOn') : t('desk.board.sound')}</button>
    </div>
  );
}

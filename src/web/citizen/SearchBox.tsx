import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';

interface Hit { code: string; name: string; nameEn: string }

/** An accessible combobox: suggestions as you type (debounced), arrows to move, Enter to open. */
export function SearchBox({ initial = '', autoFocus = false }: { initial?: string; autoFocus?: boolean }) {
  const { t, i18n } = useTranslation();
  const nav = useNavigate();
  const id = useId();
  const [q, setQ] = useState(initial);
  const [hits, setHits] = useState<Hit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    window.clearTimeout(timer.current);
    if (q.trim().length < 2) {
      setHits([]);
      return;
    }
    const ctrl = new AbortController();
    timer.current = window.setTimeout(() => {
      get<{ items: Hit[] }>(`/procedures?limit=6&q=${encodeURIComponent(q.trim())}`, ctrl.signal)
        .then((r) => { setHits(r.items); setActive(-1); })
        .catch(() => {});
    }, 150);
    return () => ctrl.abort();
  }, [q]);

  const go = (code: string) => { setOpen(false); nav(`/thu-tuc/${code}`); };
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (active >= 0 && hits[active]) return go(hits[active].code);
    setOpen(false);
    nav(`/thu-tuc?q=${encodeURIComponent(q.trim())}`);
  }
  function onKey(e: KeyboardEvent) {
    if (!hits.length) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive((a) => Math.min(a + 1, hits.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, -1)); }
    else if (e.key === 'Escape') setOpen(false);
  }
  const listId = `${id}-list`;
  const show = open && hits.length > 0;
  return (
    <form role="search" onSubmit={onSubmit} className="search-box">
      <label htmlFor={`${id}-q`} className="sr-only-label">{t('home.searchLabel')}</label>
      <input
        id={`${id}-q`} type="search" value={q} autoFocus={autoFocus} placeholder={t('home.searchPlaceholder')} autoComplete="off"
        role="combobox" aria-expanded={show} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${id}-o${active}` : undefined}
        onChange={(e) => { setQ(e.target.value); setOpen(true); }} onKeyDown={onKey} onFocus={() => setOpen(true)} onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {/* Not everyone knows Enter searches (or sees a search key on a phone's keyboard). */}
      <button type="submit" className="btn search-go">{t('common.search')}</button>
      {show && (
        <ul id={listId} role="listbox" className="suggestions" aria-label={t('search.suggestions')}>
          {hits.map((h, i) => (
            <li key={h.code} id={`${id}-o${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => { e.preventDefault(); go(h.code); }}>
              {i18n.language === 'en' ? h.nameEn : h.name}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

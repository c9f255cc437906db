import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api, get } from '../../api';
import { ErrorBox, Loading, Page, useLocalName } from '../../components/ui';
import { todayLocal } from '../model';
import { addDays, daysInMonth, ddmm, iso, isoWeekday } from './dates';
import { SettingsPanel, type Settings } from './SettingsPanel';
import { DueDateCalculator } from './DueDateCalculator';

export interface DayEntry { date: string; name: string; nameEn: string; source: string }
export interface YearSchedule { year: number; source: 'database' | 'computed'; daysOff: DayEntry[]; workdays: DayEntry[] }
type Kind = 'day_off' | 'workday';

/** /quan-tri/lich: a year's days off and make-up working days, working hours, and a due-date calculator. */
export default function CalendarPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayLocal().slice(0, 4));
  const year = clampYear(Number(params.get('nam')) || thisYear);
  const [yearInput, setYearInput] = useState(String(year));
  const [data, setData] = useState<YearSchedule | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  const editorRef = useRef<HTMLDivElement>(null);

  useEffect(() => setYearInput(String(year)), [year]);
  useEffect(() => {
    const ctrl = new AbortController();
    setData(null);
    setError(null);
    get<YearSchedule>(`/calendar/years/${year}`, ctrl.signal).then(setData, (e) => e.name !== 'AbortError' && setError(e));
    return () => ctrl.abort();
  }, [year]);
  useEffect(() => {
    get<Settings>('/calendar/settings').then(setSettings, setError);
  }, []);

  const goYear = (y: number) => setParams((p) => { const n = new URLSearchParams(p); n.set('nam', String(clampYear(y))); return n; });
  const onChanged = useCallback((y: YearSchedule) => {
    setChanges((n) => n + 1);
    if (y.year !== year) setParams((p) => { const n = new URLSearchParams(p); n.set('nam', String(y.year)); return n; });
    else setData(y);
  }, [year, setParams]);
  const pickDate = (d: string) => {
    setSelected(d);
    requestAnimationFrame(() => {
      editorRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      document.getElementById('day-name')?.focus();
    });
  };
  const weekend = settings?.current.weekend ?? [6, 7];

  return (
    <Page title={t('adm.calTitle')}>
      <nav aria-label={t('adm.breadcrumb')} className="adm-crumbs small"><Link to="/quan-tri">{t('adm.homeTitle')}</Link> › {t('adm.calTitle')}</nav>
      <form className="adm-yearbar" onSubmit={(e) => { e.preventDefault(); goYear(Number(yearInput) || thisYear); }}>
        <button type="button" className="btn" onClick={() => goYear(year - 1)}><span aria-hidden="true">‹</span> <span className="sr-only-label">{t('adm.prevYear')}</span> {year - 1}</button>
        <label htmlFor="cal-year" className="adm-inline-label">{t('adm.year')}</label>
        <input id="cal-year" type="number" min={1900} max={2100} value={yearInput} onChange={(e) => setYearInput(e.target.value)} className="adm-year-input" />
        <button type="submit" className="btn">{t('adm.show')}</button>
        <button type="button" className="btn" onClick={() => goYear(year + 1)}><span className="sr-only-label">{t('adm.nextYear')}</span> {year + 1} <span aria-hidden="true">›</span></button>
        {year !== thisYear && <button type="button" className="btn" onClick={() => goYear(thisYear)}>{t('adm.thisYear')}</button>}
      </form>
      <ErrorBox error={error} />
      {!data ? <Loading /> : (
        <>
          <div className={`alert ${data.source === 'database' ? 'alert-ok' : 'alert-info'} adm-source`} role="status">
            <span className={`badge ${data.source === 'database' ? 'badge-ok' : 'badge-warn'}`}>{t(`adm.source.${data.source}`)}</span>{' '}
            {t(`adm.sourceLead.${data.source}`, { year: data.year })}
          </div>
          <div className="adm-cal-layout">
            <section className="card adm-card" aria-labelledby="h-grid">
              <h2 id="h-grid">{t('adm.gridTitle', { year: data.year })}</h2>
              <Legend />
              <YearGrid data={data} weekend={weekend} selected={selected} onPick={pickDate} />
            </section>
            <div ref={editorRef}>
              <DayEditor key={selected ?? 'new'} year={data} date={selected} onSaved={onChanged} onClear={() => setSelected(null)} weekend={weekend} />
            </div>
          </div>
          <DayLists data={data} onEdit={pickDate} />
        </>
      )}
      {settings && <DueDateCalculator changes={changes} />}
      {settings && <SettingsPanel settings={settings} onSaved={(s) => { setSettings(s); setChanges((n) => n + 1); }} />}
    </Page>
  );
}

const INPUT_ID: Record<string, string> = { date: 'day-date', name: 'day-name', nameEn: 'day-name-en', source: 'day-source' };

const clampYear = (y: number) => Math.min(2100, Math.max(1900, Math.trunc(y)));

function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="adm-legend small" aria-label={t('adm.legend')}>
      <li><span className="adm-day off" aria-hidden="true">1<i>N</i></span> {t('adm.legendOff')}</li>
      <li><span className="adm-day work" aria-hidden="true">1<i>L</i></span> {t('adm.legendWork')}</li>
      <li><span className="adm-day weekend" aria-hidden="true">1</span> {t('adm.legendWeekend')}</li>
      <li><span className="adm-day today" aria-hidden="true">1</span> {t('adm.legendToday')}</li>
    </ul>
  );
}

/**
 * Twelve month tables. Each day is a button (pick it to edit); arrow keys move between days
 * (one tab stop for the whole year). Days off, make-up days and weekends differ by a letter and
 * a pattern as well as by colour.
 */
function YearGrid({ data, weekend, selected, onPick }: { data: YearSchedule; weekend: number[]; selected: string | null; onPick: (d: string) => void }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const today = todayLocal();
  const off = new Map(data.daysOff.map((d) => [d.date, d]));
  const work = new Map(data.workdays.map((d) => [d.date, d]));
  const y = data.year;
  const [focus, setFocus] = useState<string>(() => (selected?.startsWith(String(y)) ? selected : today.startsWith(String(y)) ? today : iso(y, 1, 1)));
  useEffect(() => {
    if (selected?.startsWith(String(y))) setFocus(selected);
  }, [selected, y]);
  const move = (e: KeyboardEvent, date: string) => {
    const by = ({ ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 } as Record<string, number>)[e.key];
    if (!by) return;
    e.preventDefault();
    const next = addDays(date, by);
    if (!next.startsWith(String(y))) return;
    setFocus(next);
    document.getElementById(`day-${next}`)?.focus();
  };
  const wdShort = [1, 2, 3, 4, 5, 6, 7].map((d) => t(`adm.wdShort.${d}`));
  return (
    <>
      <p className="small muted" id="grid-hint">{t('adm.gridHint')}</p>
      <div className="adm-months">
        {Array.from({ length: 12 }, (_, mi) => {
          const m = mi + 1;
          const first = isoWeekday(iso(y, m, 1));
          const n = daysInMonth(y, m);
          const cells: (number | null)[] = [...Array(first - 1).fill(null), ...Array.from({ length: n }, (_, i) => i + 1)];
          while (cells.length % 7) cells.push(null);
          const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
          return (
            <table key={m} className="adm-month">
              <caption>{t('adm.monthN', { m, y })}</caption>
              <thead>
                <tr>{wdShort.map((w, i) => <th key={i} scope="col" className={weekend.includes(i + 1) ? 'we' : undefined}><abbr title={t(`adm.wd.${i + 1}`)}>{w}</abbr></th>)}</tr>
              </thead>
              <tbody>
                {weeks.map((wk, wi) => (
                  <tr key={wi}>
                    {wk.map((d, di) => {
                      if (!d) return <td key={di} />;
                      const date = iso(y, m, d);
                      const isOff = off.get(date);
                      const isWork = work.get(date);
                      const isWeekend = weekend.includes(di + 1);
                      const cls = ['adm-day', isOff ? 'off' : '', isWork ? 'work' : '', isWeekend ? 'weekend' : '', date === today ? 'today' : '', date === selected ? 'sel' : ''].filter(Boolean).join(' ');
                      const what = isOff ? `${t('adm.kindOff')}: ${pick(isOff.name, isOff.nameEn)}` : isWork ? `${t('adm.kindWork')}: ${pick(isWork.name, isWork.nameEn)}` : isWeekend ? t('adm.weekendDay') : t('adm.workingDay');
                      return (
                        <td key={di}>
                          <button
                            type="button" id={`day-${date}`} className={cls} tabIndex={date === focus ? 0 : -1} aria-describedby="grid-hint"
                            aria-pressed={date === selected}
                            aria-current={date === today ? 'date' : undefined} title={what}
                            onClick={() => { setFocus(date); onPick(date); }} onKeyDown={(e) => move(e, date)}
                          >
                            {/* Named by the full date (read out), shown as the day number: no aria-label hiding the visible text. */}
                            <span className="sr-only-label">{`${t(`adm.wd.${di + 1}`)} ${ddmm(date)} — ${what}`}</span>
                            <span aria-hidden="true">{d}</span>{isOff ? <i aria-hidden="true">N</i> : isWork ? <i aria-hidden="true">L</i> : null}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
    </>
  );
}

function DayLists({ data, onEdit }: { data: YearSchedule; onEdit: (d: string) => void }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  // Most days of a year share one source (a long list of documents): say it once, and per day only when it differs.
  const counts = new Map<string, number>();
  for (const d of [...data.daysOff, ...data.workdays]) counts.set(d.source, (counts.get(d.source) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const table = (rows: DayEntry[], caption: string, id: string) => (
    <section className="card adm-card" aria-labelledby={id}>
      <h2 id={id}>{caption} <span className="muted small">({rows.length})</span></h2>
      {rows.length === 0 ? <p className="muted">{t('common.none')}</p> : (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('adm.date')}</th><th scope="col">{t('adm.weekday')}</th><th scope="col">{t('adm.dayName')}</th><th scope="col">{t('adm.daySource')}</th><th scope="col"><span className="sr-only-label">{t('adm.actions')}</span></th></tr></thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.date}>
                  <td className="adm-nowrap">{ddmm(d.date)}</td>
                  <td className="adm-nowrap">{t(`adm.wd.${isoWeekday(d.date)}`)}</td>
                  <td>{pick(d.name, d.nameEn)}</td>
                  <td className="small muted adm-source-cell">{d.source === common ? t('adm.commonSourceShort') : d.source}</td>
                  <td><button type="button" className="btn btn-small" onClick={() => onEdit(d.date)} aria-label={t('adm.editDayOf', { date: ddmm(d.date) })}>{t('adm.edit')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
  return (
    <div className="adm-lists">
      {common && <p className="small adm-common-source"><b>{t('adm.commonSource')}</b> {common}</p>}
      {table(data.daysOff, t('adm.daysOff'), 'h-off')}
      {table(data.workdays, t('adm.workdays'), 'h-work')}
    </div>
  );
}

/** Add, change or remove one day of the year's schedule (PUT / DELETE /calendar/days/:date). */
function DayEditor({ year, date, onSaved, onClear, weekend }: { year: YearSchedule; date: string | null; onSaved: (y: YearSchedule) => void; onClear: () => void; weekend: number[] }) {
  const { t, i18n } = useTranslation();
  const existingOff = date ? year.daysOff.find((d) => d.date === date) : undefined;
  const existingWork = date ? year.workdays.find((d) => d.date === date) : undefined;
  const existing = existingOff ?? existingWork;
  const [form, setForm] = useState({
    date: date ?? '',
    kind: (existingWork ? 'workday' : 'day_off') as Kind,
    name: existing?.name ?? '',
    nameEn: existing?.nameEn ?? '',
    source: existing?.source ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const formYear = Number(form.date.slice(0, 4));
  const sameYear = formYear === year.year;
  const stored = sameYear && !!(year.daysOff.some((d) => d.date === form.date) || year.workdays.some((d) => d.date === form.date));
  const wd = /^\d{4}-\d{2}-\d{2}$/.test(form.date) ? isoWeekday(form.date) : 0;
  const upd = (k: keyof typeof form, v: string) => { setForm((f) => ({ ...f, [k]: v })); setErrors(({ [k]: _x, ...rest }) => rest); };

  async function save() {
    setBusy(true); setError(null); setErrors({}); setDone(null);
    const local: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) local.date = t('adm.needDate');
    if (!form.name.trim()) local.name = t('adm.needText');
    if (!form.nameEn.trim()) local.nameEn = t('adm.needText');
    if (!form.source.trim()) local.source = t('adm.needText');
    if (Object.keys(local).length) {
      setErrors(local);
      setBusy(false);
      document.getElementById(INPUT_ID[Object.keys(local)[0]])?.focus();
      return;
    }
    try {
      const y = await api<YearSchedule>('PUT', `/calendar/days/${form.date}`, { kind: form.kind, name: form.name.trim(), nameEn: form.nameEn.trim(), source: form.source.trim() });
      setDone(t('adm.daySaved', { date: ddmm(form.date), kind: t(form.kind === 'day_off' ? 'adm.kindOff' : 'adm.kindWork') }));
      onSaved(y);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const by = e.byField(i18n.language);
        setErrors(Object.fromEntries(Object.entries(by).map(([k, v]) => [k.replace(/^params\./, ''), v])));
      }
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    setBusy(true); setError(null); setDone(null);
    try {
      const y = await api<YearSchedule>('DELETE', `/calendar/days/${form.date}`);
      setDone(t('adm.dayRemoved', { date: ddmm(form.date) }));
      setConfirming(false);
      onSaved(y);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const err = (k: string) => errors[k] ? <div id={`day-${k}-err`} className="field-error">{errors[k]}</div> : null;
  const inv = (k: string) => ({ 'aria-invalid': !!errors[k], 'aria-describedby': errors[k] ? `day-${k}-err` : undefined });
  return (
    <section className="card adm-dayeditor" aria-labelledby="h-day">
      <h2 id="h-day">{stored ? t('adm.editDay', { date: ddmm(form.date) }) : wd > 0 ? t('adm.addDayOn', { date: ddmm(form.date) }) : t('adm.addDay')}</h2>
      {year.source === 'computed' && sameYear && <p className="small alert alert-info">{t('adm.materialiseNote', { year: year.year })}</p>}
      {done && <p className="alert alert-ok" role="status">{done}</p>}
      <ErrorBox error={error} />
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <label htmlFor="day-date">{t('adm.date')}</label>
        <input id="day-date" type="date" value={form.date} onChange={(e) => upd('date', e.target.value)} {...inv('date')} />
        {wd > 0 && <div className="small muted">{t(`adm.wd.${wd}`)}, {ddmm(form.date)}{weekend.includes(wd) ? ` — ${t('adm.weekendDay')}` : ''}</div>}
        {err('date')}
        <fieldset className="adm-kind">
          <legend>{t('adm.dayKind')}</legend>
          <div className="adm-check"><input type="radio" id="kind-off" name="kind" checked={form.kind === 'day_off'} onChange={() => upd('kind', 'day_off')} /><label htmlFor="kind-off">{t('adm.kindOffLong')}</label></div>
          <div className="adm-check"><input type="radio" id="kind-work" name="kind" checked={form.kind === 'workday'} onChange={() => upd('kind', 'workday')} /><label htmlFor="kind-work">{t('adm.kindWorkLong')}</label></div>
          {err('kind')}
        </fieldset>
        {wd > 0 && form.kind === 'workday' && !weekend.includes(wd) && <p className="small adm-warn"><span aria-hidden="true">⚠ </span>{t('adm.workdayNotWeekend')}</p>}
        {wd > 0 && form.kind === 'day_off' && weekend.includes(wd) && <p className="small adm-warn"><span aria-hidden="true">⚠ </span>{t('adm.offOnWeekend')}</p>}
        <label htmlFor="day-name">{t('adm.dayNameVi')}</label>
        <input id="day-name" value={form.name} onChange={(e) => upd('name', e.target.value)} placeholder={t('adm.dayNamePh')} {...inv('name')} />
        {err('name')}
        <label htmlFor="day-name-en">{t('adm.dayNameEn')}</label>
        <input id="day-name-en" lang="en" value={form.nameEn} onChange={(e) => upd('nameEn', e.target.value)} {...inv('nameEn')} />
        {err('nameEn')}
        <label htmlFor="day-source">{t('adm.daySourceLabel')}</label>
        <textarea id="day-source" rows={2} value={form.source} onChange={(e) => upd('source', e.target.value)} placeholder={t('adm.daySourcePh')} {...inv('source')} />
        {err('source')}
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>{t('adm.saveDay')}</button>
          {stored && !confirming && <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setConfirming(true)}>{t('adm.removeDay')}</button>}
          {(date || form.date) && <button type="button" className="btn" onClick={onClear}>{t('adm.newDay')}</button>}
        </div>
        {confirming && (
          <div className="alert alert-error" role="alert">
            <p>{t('adm.confirmRemove', { date: ddmm(form.date) })}</p>
            <div className="btn-row">
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void remove()}>{t('adm.confirmRemoveYes')}</button>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
            </div>
          </div>
        )}
      </form>
    </section>
  );
}

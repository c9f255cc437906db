import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get } from '../../api';
import { ErrorBox, useLocalName } from '../../components/ui';
import { ddmm, isoWeekday, nowLocalInput } from './dates';
import type { YearSchedule } from './CalendarPage';

interface Result { from: string; countingFrom: string; dueAt: string; dueLocal: string }
type Unit = 'working_days' | 'working_hours' | 'same_day';

/** "YYYY-MM-DDTHH:MM" of an instant, in Vietnam time. */
const localOf = (instant: string) => new Date(new Date(instant).getTime() + 7 * 3600_000).toISOString().slice(0, 16);

/**
 * When would a dossier received at a given moment be due? Asks the server (GET /calendar/due-date),
 * so it counts exactly as receipt does, and lists the days off it stepped over. It runs again by
 * itself after the calendar or the working hours change on this page.
 */
export function DueDateCalculator({ changes }: { changes: number }) {
  const { t, i18n } = useTranslation();
  const pick = useLocalName();
  const [from, setFrom] = useState(nowLocalInput());
  const [unit, setUnit] = useState<Unit>('working_days');
  const [value, setValue] = useState('3');
  const [res, setRes] = useState<Result | null>(null);
  const [skipped, setSkipped] = useState<{ date: string; name: string; nameEn: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [fieldErr, setFieldErr] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const ran = useRef(false);

  async function calc() {
    setBusy(true); setError(null); setFieldErr({});
    try {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(from)) throw new ApiError(400, t('adm.needDateTime'), t('adm.needDateTime'), 'validation', [{ field: 'from', message_vi: t('adm.needDateTime'), message_en: t('adm.needDateTime') }]);
      const q = new URLSearchParams({ from: `${from}:00+07:00`, unit, value: unit === 'same_day' ? '0' : value || '0' });
      const r = await get<Result>(`/calendar/due-date?${q}`);
      setRes(r);
      ran.current = true;
      // The days off between receipt and the due date, from the years they fall in.
      const a = localOf(r.countingFrom).slice(0, 10);
      const b = localOf(r.dueAt).slice(0, 10);
      const years = Array.from({ length: Number(b.slice(0, 4)) - Number(a.slice(0, 4)) + 1 }, (_, i) => Number(a.slice(0, 4)) + i).slice(0, 5);
      const all = (await Promise.all(years.map((y) => get<YearSchedule>(`/calendar/years/${y}`).catch(() => null)))).flatMap((y) => y?.daysOff ?? []);
      setSkipped(all.filter((d) => d.date >= a && d.date <= b));
    } catch (e) {
      setRes(null);
      setError(e);
      if (e instanceof ApiError) setFieldErr(Object.fromEntries(Object.entries(e.byField(i18n.language)).map(([k, v]) => [k.replace(/^querystring\./, ''), v])));
    } finally {
      setBusy(false);
    }
  }
  // The calendar changed on this page: show the new answer for the same question.
  useEffect(() => {
    if (ran.current) void calc();
  }, [changes]); // eslint-disable-line react-hooks/exhaustive-deps

  const when = (instant: string) => {
    const l = localOf(instant);
    return t('adm.atTime', { time: l.slice(11, 16), wd: t(`adm.wd.${isoWeekday(l.slice(0, 10))}`), date: ddmm(l.slice(0, 10)) });
  };
  return (
    <section className="card adm-card" aria-labelledby="h-due">
      <h2 id="h-due">{t('adm.dueTitle')}</h2>
      <p className="small muted">{t('adm.dueLead')}</p>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void calc(); }}>
        <div className="adm-grid">
          <div className="adm-field span-2">
            <label htmlFor="due-from">{t('adm.receivedAt')}</label>
            <input id="due-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={!!fieldErr.from} aria-describedby={fieldErr.from ? 'due-from-err' : undefined} />
            {/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(from) && <div className="small muted">{from.slice(11, 16)} {t(`adm.wd.${isoWeekday(from.slice(0, 10))}`)}, {ddmm(from.slice(0, 10))}</div>}
            {fieldErr.from && <div id="due-from-err" className="field-error">{fieldErr.from}</div>}
          </div>
          <div className="adm-field">
            <label htmlFor="due-unit">{t('adm.deadlineUnit')}</label>
            <select id="due-unit" value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
              <option value="working_days">{t('adm.workingDays')}</option>
              <option value="working_hours">{t('adm.workingHours')}</option>
              <option value="same_day">{t('adm.sameDay')}</option>
            </select>
          </div>
          {unit !== 'same_day' && (
            <div className="adm-field">
              <label htmlFor="due-value">{t('adm.deadlineValue')}</label>
              <input id="due-value" type="number" min={0} max={365} step="any" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={!!fieldErr.value} aria-describedby={fieldErr.value ? 'due-value-err' : undefined} />
              {fieldErr.value && <div id="due-value-err" className="field-error">{fieldErr.value}</div>}
            </div>
          )}
        </div>
        <div className="btn-row"><button type="submit" className="btn btn-primary" disabled={busy}>{t('adm.calculate')}</button></div>
      </form>
      <ErrorBox error={Object.keys(fieldErr).length ? null : error} />
      <div aria-live="polite">
        {res && (
          <dl className="facts adm-due-result">
            <dt>{t('adm.countingFrom')}</dt><dd>{when(res.countingFrom)}</dd>
            <dt>{t('adm.dueAt')}</dt><dd><b data-testid="due-result">{when(res.dueAt)}</b></dd>
            <dt>{t('adm.skippedDays')}</dt>
            <dd>{skipped.length === 0 ? t('adm.noSkipped') : (
              <ul className="adm-skipped">{skipped.map((d) => <li key={d.date}>{ddmm(d.date)} — {pick(d.name, d.nameEn)}</li>)}</ul>
            )}</dd>
          </dl>
        )}
      </div>
    </section>
  );
}

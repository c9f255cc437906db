import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newKey, post } from '../../api';
import { fmtDate } from '../../format';
import { ErrorBox } from '../../components/ui';
import { DateReadout } from '../editor/fields';
import { fmtHours, hoursPerDayOf, todayLocal } from '../model';

export interface Setting { effectiveFrom: string; workingPeriods: { start: string; end: string }[]; weekend: number[]; sameDayCutoff: string; note: string | null }
export interface Settings { current: Setting; versions: Setting[] }

/** Working hours, weekend and the same-day cut-off, versioned by effective date (GET/POST /calendar/settings). */
export function SettingsPanel({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const { t, i18n } = useTranslation();
  const cur = settings.current;
  const today = todayLocal();
  const [draft, setDraft] = useState<Setting>(() => ({ ...structuredClone(cur), effectiveFrom: today, note: '' }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<{ body: string; key: string } | null>(null);
  const weekendText = (w: number[]) => (w.length ? [...w].sort().map((d) => t(`adm.wd.${d}`)).join(', ') : t('common.none'));
  const periodsText = (p: Setting['workingPeriods']) => p.map((x) => `${x.start}–${x.end}`).join(', ');
  const upd = (patch: Partial<Setting>) => { setDraft((d) => ({ ...d, ...patch })); setDone(null); };
  const setPeriod = (i: number, k: 'start' | 'end', v: string) => upd({ workingPeriods: draft.workingPeriods.map((p, j) => (j === i ? { ...p, [k]: v } : p)) });

  async function save() {
    setBusy(true); setError(null); setErrors({}); setDone(null);
    const body = { ...draft, note: draft.note?.trim() || null };
    const text = JSON.stringify(body);
    if (key.current?.body !== text) key.current = { body: text, key: newKey() };
    try {
      const res = await post<Settings>('/calendar/settings', body, key.current.key);
      key.current = null;
      setDone(t('adm.settingsSaved', { date: fmtDate(body.effectiveFrom) }));
      onSaved(res);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) setErrors(e.byField(i18n.language));
    } finally {
      setBusy(false);
    }
  }
  const err = (k: string) => (errors[k] ? <div id={`set-${k.replace(/\W/g, '-')}-err`} className="field-error">{errors[k]}</div> : null);
  const inv = (k: string) => ({ 'aria-invalid': !!errors[k], 'aria-describedby': errors[k] ? `set-${k.replace(/\W/g, '-')}-err` : undefined });

  return (
    <section className="card adm-card" aria-labelledby="h-settings">
      <h2 id="h-settings">{t('adm.settingsTitle')}</h2>
      <dl className="facts">
        <dt>{t('adm.inForceSince')}</dt><dd>{fmtDate(cur.effectiveFrom)}</dd>
        <dt>{t('adm.periods')}</dt><dd>{periodsText(cur.workingPeriods)} — {t('adm.hoursPerDay', { hours: fmtHours(hoursPerDayOf(cur.workingPeriods)) })}</dd>
        <dt>{t('adm.weekend')}</dt><dd>{weekendText(cur.weekend)}</dd>
        <dt>{t('adm.cutoff')}</dt><dd>{cur.sameDayCutoff}</dd>
        {cur.note && <><dt>{t('adm.note')}</dt><dd>{cur.note}</dd></>}
      </dl>
      {settings.versions.length > 1 && (
        <details className="adm-settings-history">
          <summary>{t('adm.settingsVersions', { count: settings.versions.length })}</summary>
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">{t('adm.effectiveFrom')}</th><th scope="col">{t('adm.periods')}</th><th scope="col">{t('adm.weekend')}</th><th scope="col">{t('adm.cutoff')}</th><th scope="col">{t('adm.note')}</th></tr></thead>
              <tbody>
                {[...settings.versions].reverse().map((v) => (
                  <tr key={v.effectiveFrom}>
                    <td>{fmtDate(v.effectiveFrom)} {v.effectiveFrom === cur.effectiveFrom && <span className="badge badge-ok">{t('adm.inForce')}</span>}{v.effectiveFrom > today && <span className="badge badge-warn">{t('adm.upcoming')}</span>}</td>
                    <td>{periodsText(v.workingPeriods)}</td><td>{weekendText(v.weekend)}</td><td>{v.sameDayCutoff}</td><td className="small">{v.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      <h3>{t('adm.newSettings')}</h3>
      <p className="small muted">{t('adm.newSettingsLead')}</p>
      {done && <p className="alert alert-ok" role="status">{done}</p>}
      <ErrorBox error={error} />
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }} className="adm-settings">
        <div className="adm-grid">
          <div className="adm-field">
            <label htmlFor="set-from">{t('adm.effectiveFrom')}</label>
            <input id="set-from" type="date" value={draft.effectiveFrom} onChange={(e) => upd({ effectiveFrom: e.target.value })} {...inv('effectiveFrom')} />
            <DateReadout value={draft.effectiveFrom} />
            {err('effectiveFrom')}
          </div>
          <div className="adm-field">
            <label htmlFor="set-cutoff">{t('adm.cutoff')}</label>
            <input id="set-cutoff" type="time" value={draft.sameDayCutoff} onChange={(e) => upd({ sameDayCutoff: e.target.value })} aria-invalid={!!errors.sameDayCutoff}
              aria-describedby={['set-cutoff-hint', errors.sameDayCutoff ? 'set-sameDayCutoff-err' : ''].filter(Boolean).join(' ')} />
            <div id="set-cutoff-hint" className="small muted">{t('adm.cutoffHint')}</div>
            {err('sameDayCutoff')}
          </div>
        </div>
        <fieldset>
          <legend>{t('adm.periods')} — {t('adm.hoursPerDay', { hours: fmtHours(hoursPerDayOf(draft.workingPeriods.filter((p) => /^\d\d:\d\d$/.test(p.start) && /^\d\d:\d\d$/.test(p.end)))) })}</legend>
          {err('workingPeriods')}
          {draft.workingPeriods.map((p, i) => (
            <div key={i} className="adm-period">
              <span>{t('adm.periodN', { n: i + 1 })}</span>
              <label htmlFor={`set-p${i}-s`} className="adm-inline-label">{t('adm.from')}</label>
              <input id={`set-p${i}-s`} type="time" value={p.start} onChange={(e) => setPeriod(i, 'start', e.target.value)} {...inv(`workingPeriods.${i}.start`)} />
              <label htmlFor={`set-p${i}-e`} className="adm-inline-label">{t('adm.to')}</label>
              <input id={`set-p${i}-e`} type="time" value={p.end} onChange={(e) => setPeriod(i, 'end', e.target.value)} {...inv(`workingPeriods.${i}.end`)} />
              <button type="button" className="btn btn-small btn-danger" disabled={draft.workingPeriods.length <= 1}
                onClick={() => upd({ workingPeriods: draft.workingPeriods.filter((_, j) => j !== i) })} aria-label={t('adm.remove', { what: t('adm.periodN', { n: i + 1 }) })}>
                <span aria-hidden="true">✕</span>
              </button>
              {err(`workingPeriods.${i}.start`)}{err(`workingPeriods.${i}.end`)}
            </div>
          ))}
          {draft.workingPeriods.length < 6 && (
            <button type="button" className="btn" onClick={() => upd({ workingPeriods: [...draft.workingPeriods, { start: '13:00', end: '17:00' }] })}>+ {t('adm.addPeriod')}</button>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('adm.weekend')}</legend>
          <div className="adm-checkgrid">
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <div className="adm-check" key={d}>
                <input type="checkbox" id={`set-wd-${d}`} checked={draft.weekend.includes(d)}
                  onChange={(e) => upd({ weekend: e.target.checked ? [...draft.weekend, d].sort() : draft.weekend.filter((x) => x !== d) })} />
                <label htmlFor={`set-wd-${d}`}>{t(`adm.wd.${d}`)}</label>
              </div>
            ))}
          </div>
          {err('weekend')}
        </fieldset>
        <label htmlFor="set-note">{t('adm.settingsNote')}</label>
        <textarea id="set-note" rows={2} value={draft.note ?? ''} onChange={(e) => upd({ note: e.target.value })} {...inv('note')} />
        {err('note')}
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>{t('adm.saveSettings')}</button>
        </div>
      </form>
    </section>
  );
}

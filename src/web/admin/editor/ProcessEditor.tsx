import { useTranslation } from 'react-i18next';
import { useLocalName } from '../../components/ui';
import { checkProcess, fieldId, fmtHours, moveItem, ROLES, stepHours, type Step } from '../model';
import { FieldError, NumberField, SelectField, TextField, useEditor } from './fields';
import { RowTools } from './RowTools';

/**
 * The internal process (quy trình nội bộ): ordered steps with role, unit and allotted time, and a
 * live check against the legal deadline with the same rules the server applies on save.
 */
export function ProcessEditor({ announce, hoursPerDay }: { announce: (m: string) => void; hoursPerDay: number }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const { def, set, setList, readOnly, labels, errors } = useEditor();
  const steps = def.process;
  const check = checkProcess(def, hoursPerDay);
  labels.set('process', t('adm.sections.process'));
  const add = () => {
    const s: Step = { name: '', nameEn: '', role: 'processing_officer', unit: 'division:van-phong', duration: { unit: 'working_hours', value: 4 } };
    // A new step goes before the final hand-back at the desk, where it almost always belongs.
    const lastIsReturn = steps.length > 1 && steps[steps.length - 1].role === 'desk_officer';
    const at = lastIsReturn ? steps.length - 1 : steps.length;
    setList('process', [...steps.slice(0, at), s, ...steps.slice(at)]);
    announce(t('adm.stepAdded', { pos: at + 1 }));
    requestAnimationFrame(() => document.getElementById(fieldId(`process[${at}].name`))?.focus());
  };
  const over = check.totalHours - check.legalHours;
  const scale = Math.max(check.totalHours, check.legalHours) || 1;
  const deadlineText = def.deadline.unit === 'same_day' ? t('adm.sameDayHours', { hours: fmtHours(hoursPerDay) })
    : def.deadline.unit === 'working_days' ? t('adm.daysAsHours', { days: fmtHours(Number(def.deadline.value) || 0), hours: fmtHours(check.legalHours) })
      : t('adm.hoursN', { hours: fmtHours(check.legalHours) });
  return (
    <>
      <div id={fieldId('process')} tabIndex={-1} className={`adm-fit ${check.fits ? 'ok' : 'bad'}`}>
        <p className="adm-fit-head" role="status" aria-live="polite">
          <span aria-hidden="true" className="adm-fit-icon">{check.fits ? '✓' : '⚠'}</span>{' '}
          {check.fits
            ? t('adm.fitOk', { total: fmtHours(check.totalHours), legal: deadlineText, left: fmtHours(check.legalHours - check.totalHours) })
            : t('adm.fitOver', { total: fmtHours(check.totalHours), legal: deadlineText, over: fmtHours(over) })}
        </p>
        <div className="adm-bar" aria-hidden="true">
          {steps.map((s, i) => (
            <span key={i} className={`adm-bar-seg role-${s.role}`} style={{ width: `${(stepHours(s.duration, hoursPerDay) / scale) * 100}%` }} title={`${i + 1}. ${s.name}`}>{i + 1}</span>
          ))}
          <span className="adm-bar-deadline" style={{ left: `${(check.legalHours / scale) * 100}%` }} />
        </div>
        <ul className="adm-rules">
          {check.rules.filter((r) => r.key !== 'fits').map((r) => (
            <li key={r.key} className={r.ok ? 'ok' : 'bad'}>
              <span aria-hidden="true">{r.ok ? '✓' : '✗'}</span> <span className="sr-only-label">{r.ok ? t('adm.ruleOk') : t('adm.ruleBad')}: </span>{t(`adm.rules.${r.key}`)}
            </li>
          ))}
        </ul>
        <p className="small muted">{t('adm.hoursPerDayNote', { hours: fmtHours(hoursPerDay) })}</p>
        <FieldError path="process" />
      </div>
      <ol className="adm-steps">
        {steps.map((s, i) => {
          const what = t('adm.stepN', { n: i + 1 });
          const shown = pick(s.name, s.nameEn);
          labels.set(`process[${i}].unit`, t('adm.unit'));
          const unitKind = s.unit === 'desk' || s.unit === 'leadership' ? s.unit : 'division';
          const slug = s.unit.startsWith('division:') ? s.unit.slice('division:'.length) : '';
          return (
            <li key={i}>
              <fieldset className="adm-row" id={fieldId(`process[${i}]`)}>
                <legend>{what}{shown ? `: ${shown.length > 70 ? `${shown.slice(0, 70)}…` : shown}` : ''} <span className="muted small">— {fmtHours(stepHours(s.duration, hoursPerDay))} {t('adm.hoursShort')}</span></legend>
                <RowTools listId="process" index={i} count={steps.length} what={what} announce={announce} disabled={readOnly}
                  onMove={(by) => setList('process', moveItem(steps, i, by))} onRemove={() => setList('process', steps.filter((_, j) => j !== i))} />
                <FieldError path={`process[${i}]`} />
                <div className="adm-grid">
                  <TextField className="span-2" path={`process[${i}].name`} label={t('adm.stepName')} multiline />
                  <TextField className="span-2" path={`process[${i}].nameEn`} label={t('adm.nameEn')} multiline lang="en" />
                  <SelectField path={`process[${i}].role`} label={t('adm.role')} options={ROLES.map((r) => ({ value: r, label: t(`adm.roles.${r}`) }))} />
                  <div className="adm-field">
                    <label htmlFor={fieldId(`process[${i}].unit`)}>{t('adm.unit')}</label>
                    <select id={fieldId(`process[${i}].unit`)} value={unitKind} disabled={readOnly} aria-invalid={!!errors[`process[${i}].unit`]}
                      aria-describedby={errors[`process[${i}].unit`] ? `${fieldId(`process[${i}].unit`)}-err` : undefined}
                      onChange={(e) => set(`process[${i}].unit`, e.target.value === 'division' ? `division:${slug || 'van-phong'}` : e.target.value)}>
                      <option value="desk">{t('adm.units.desk')}</option>
                      <option value="leadership">{t('adm.units.leadership')}</option>
                      <option value="division">{t('adm.units.division')}</option>
                    </select>
                    {unitKind === 'division' && (
                      <>
                        <label htmlFor={`${fieldId(`process[${i}].unit`)}-slug`} className="small">{t('adm.divisionSlug')}</label>
                        <input id={`${fieldId(`process[${i}].unit`)}-slug`} value={slug} disabled={readOnly} spellCheck={false}
                          onChange={(e) => set(`process[${i}].unit`, `division:${e.target.value}`)} />
                      </>
                    )}
                    <FieldError path={`process[${i}].unit`} />
                  </div>
                  <NumberField path={`process[${i}].duration.value`} label={t('adm.duration')} min={0} />
                  <SelectField path={`process[${i}].duration.unit`} label={t('adm.durationUnit')}
                    options={[{ value: 'working_hours', label: t('adm.workingHours') }, { value: 'working_days', label: t('adm.workingDays') }]} />
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {!readOnly && <button type="button" id="process-add" className="btn" onClick={add}>+ {t('adm.addStep')}</button>}
    </>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api, get, newKey } from '../../api';
import { fmtDate, fmtDateTime } from '../../format';
import { ErrorBox, Loading, Page, useLocalName } from '../../components/ui';
import { useSession } from '../../session';
import {
  blankDefinition, checkProcess, elementForPath, errorsByPath, fieldId, forSave, hoursPerDayOf, pickDefinition, SECTORS, setIn, todayLocal, type Definition,
} from '../model';
import { Ctx, DateReadout, FieldError, NumberField, SelectField, TextField, type EditorCtx } from './fields';
import { DocumentsEditor, FeesEditor, StringListEditor } from './Lists';
import { ProcessEditor } from './ProcessEditor';
import { FormEditor } from './FormEditor';

interface Named { code: string; name: string; nameEn: string }
interface VersionRow { id: string; version: number; effectiveFrom: string; createdAt: string; name: string }
interface Loaded { def: Definition; versions: VersionRow[]; latest: VersionRow | null; basedOn: number | null }

const SECTION_IDS = ['general', 'deadline', 'fees', 'documents', 'form', 'process', 'legal'] as const;

/** Loads what the editor starts from: the latest version (or a chosen one), a copy, or the blank template. */
async function load(code: string | undefined, copyFrom: string | null, version: number | null): Promise<Loaded> {
  if (code) {
    const versions: VersionRow[] = (await get(`/procedures/${encodeURIComponent(code)}/versions`)).items;
    const latest = versions.reduce<VersionRow | null>((a, v) => (!a || v.version > a.version ? v : a), null);
    const want = version && versions.some((v) => v.version === version) ? version : latest!.version;
    const p = await get(`/procedures/${encodeURIComponent(code)}?version=${want}`);
    return { def: pickDefinition(p), versions, latest, basedOn: want };
  }
  if (copyFrom) {
    const p = await get(`/procedures/${encodeURIComponent(copyFrom)}`);
    const def = pickDefinition(p);
    def.code = '';
    return { def, versions: [], latest: null, basedOn: null };
  }
  return { def: blankDefinition(), versions: [], latest: null, basedOn: null };
}

export default function ProcedureEditor() {
  const { code } = useParams();
  const [params, setParams] = useSearchParams();
  const isNew = !code;
  const copyFrom = params.get('tu');
  const template = params.get('mau');
  const version = params.get('phien-ban') ? Number(params.get('phien-ban')) : null;
  const { t } = useTranslation();
  if (isNew && !copyFrom && template !== 'trong') {
    return <StartChooser onBlank={() => setParams({ mau: 'trong' })} onCopy={(c) => setParams({ tu: c })} />;
  }
  return <EditorLoader key={`${code ?? ''}|${copyFrom ?? ''}|${version ?? ''}`} code={code} copyFrom={copyFrom} version={version} title={isNew ? t('adm.newTitle') : t('adm.editTitle', { code })} />;
}

function EditorLoader({ code, copyFrom, version, title }: { code?: string; copyFrom: string | null; version: number | null; title: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    setLoaded(null);
    load(code, copyFrom, version).then(setLoaded, setError);
  }, [code, copyFrom, version, reloads]);
  if (error) return <Page title={title} actions={<BackLink />}><ErrorBox error={error} /></Page>;
  if (!loaded) return <Page title={title}><Loading /></Page>;
  return <Editor key={reloads} initial={loaded} code={code} copyFrom={copyFrom} title={title} onReload={() => setReloads((n) => n + 1)} />;
}

function BackLink({ dirty }: { dirty?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link className="btn" to="/quan-tri/thu-tuc" onClick={(e) => { if (dirty && !window.confirm(t('adm.leaveUnsaved'))) e.preventDefault(); }}>
      <span aria-hidden="true">← </span>{t('adm.backToList')}
    </Link>
  );
}

/** The section an error path belongs to, when the field itself is not on the page. */
function sectionFor(path: string): string {
  const head = path.split(/[.[]/)[0];
  if (['fees', 'documents', 'form', 'process', 'deadline'].includes(head)) return head;
  if (head === 'legalBasis') return 'legal';
  return 'general';
}

function Editor({ initial, code, copyFrom, title, onReload }: { initial: Loaded; code?: string; copyFrom: string | null; title: string; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const pick = useLocalName();
  const nav = useNavigate();
  const loc = useLocation();
  const { hasCityRole } = useSession();
  const readOnly = !hasCityRole('catalog_admin');
  const isNew = !code;
  const [def, setDef] = useState<Definition>(initial.def);
  const [baseline, setBaseline] = useState(() => JSON.stringify(initial.def));
  const [versions, setVersions] = useState<VersionRow[]>(initial.versions);
  const latest = versions.reduce<VersionRow | null>((a, v) => (!a || v.version > a.version ? v : a), null);
  const [expectedVersion, setExpectedVersion] = useState<number | undefined>(initial.latest?.version);
  // The version whose content is on screen (after a save: the one just written).
  const [basedOn, setBasedOn] = useState(initial.basedOn);
  const today = todayLocal();
  const minDate = !isNew && latest && latest.effectiveFrom > today ? latest.effectiveFrom : today;
  const [effectiveFrom, setEffectiveFrom] = useState(minDate);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ currentVersion?: number; message: string } | null>(null);
  const [saved, setSaved] = useState<{ version: number; effectiveFrom: string } | null>((loc.state as any)?.saved ?? null);
  const [busy, setBusy] = useState(false);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [live, setLive] = useState('');
  const [fields, setFields] = useState<Named[]>([]);
  const [events, setEvents] = useState<Named[]>([]);
  const [hoursPerDay, setHoursPerDay] = useState(8);
  const [otherField, setOtherField] = useState(false);
  const labels = useRef(new Map<string, string>()).current;
  const summaryRef = useRef<HTMLDivElement>(null);
  const lastAttempt = useRef<{ body: string; key: string } | null>(null);

  // "Saved" came with the navigation after creating: show it once, not again on reload.
  useEffect(() => {
    if ((loc.state as any)?.saved) nav(`${loc.pathname}${loc.search}`, { replace: true, state: null });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    void get<{ items: Named[] }>('/catalog/fields').then((r) => setFields(r.items)).catch(() => {});
    void get<{ items: Named[] }>('/catalog/life-events').then((r) => setEvents(r.items)).catch(() => {});
    void get('/calendar/settings').then((r) => setHoursPerDay(hoursPerDayOf(r.current?.workingPeriods))).catch(() => {});
  }, []);

  const dirty = JSON.stringify(def) !== baseline;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const set = useCallback((path: string, value: unknown) => {
    setDef((d) => setIn(d, path, value));
    setErrors((e) => {
      if (!(path in e)) return e;
      const { [path]: _gone, ...rest } = e;
      return rest;
    });
  }, []);
  const setList = useCallback((path: string, value: unknown[]) => {
    setDef((d) => setIn(d, path, value));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k === path || k.startsWith(`${path}[`)))));
  }, []);
  const ctx: EditorCtx = useMemo(() => ({ def, set, setList, errors, labels, readOnly }), [def, set, setList, errors, labels, readOnly]);

  const onJsonState = useCallback((s: { error: string | null }) => setJsonError(s.error), []);
  const check = checkProcess(def, hoursPerDay);
  const failing = check.rules.filter((r) => !r.ok);

  async function save() {
    setSaveError(null);
    setConflict(null);
    setSaved(null);
    if (jsonError) {
      setErrors({ ...errors, form: t('adm.fixJsonFirst') });
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const body = { effectiveFrom, definition: forSave(def), ...(isNew ? {} : { expectedVersion }) };
    const text = JSON.stringify(body);
    // One key per intent: a retry of the same body reuses it, a changed body is a new intent.
    if (lastAttempt.current?.body !== text) lastAttempt.current = { body: text, key: newKey() };
    setBusy(true);
    try {
      const res = await api('POST', isNew ? '/procedures' : `/procedures/${encodeURIComponent(code!)}/versions`, body, { idempotencyKey: lastAttempt.current.key });
      lastAttempt.current = null;
      setErrors({});
      const info = { version: res.version, effectiveFrom: res.effectiveFrom };
      if (isNew) {
        setBaseline(JSON.stringify(def));
        nav(`/quan-tri/thu-tuc/${encodeURIComponent(res.code)}`, { state: { saved: info } });
        return;
      }
      setSaved(info);
      setBaseline(JSON.stringify(def));
      setExpectedVersion(res.version);
      setBasedOn(res.version);
      const v = await get(`/procedures/${encodeURIComponent(code!)}/versions`).catch(() => null);
      if (v) setVersions(v.items);
      requestAnimationFrame(() => document.getElementById('adm-saved')?.focus());
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && !isNew) {
        setConflict({ currentVersion: e.body?.currentVersion, message: e.text(i18n.language) });
        const v = await get(`/procedures/${encodeURIComponent(code!)}/versions`).catch(() => null);
        if (v) setVersions(v.items);
      } else if (e instanceof ApiError && e.errors.length) {
        setErrors(errorsByPath(e.errors, i18n.language));
        setSaveError(e);
      } else if (e instanceof ApiError && e.status === 409) {
        setErrors({ code: e.text(i18n.language) });
        setSaveError(e);
      } else setSaveError(e);
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  const fieldKnown = fields.some((f) => f.code === def.fieldCode);
  const showFieldInputs = otherField || (fields.length > 0 && !fieldKnown) || !!(errors.field || errors.fieldEn || errors.fieldCode);
  const errorList = Object.entries(errors);
  // "Khoản phí 1 — Mức thu khi nộp trực tuyến": the row as well as the field.
  const labelOf = (path: string) => {
    const label = labels.get(path) ?? path;
    const m = /^(fees|documents|process)\[(\d+)\]\./.exec(path);
    if (!m) return label;
    const row = t(m[1] === 'fees' ? 'adm.feeN' : m[1] === 'documents' ? 'adm.docN' : 'adm.stepN', { n: Number(m[2]) + 1 });
    return `${row} — ${label}`;
  };
  const sectionTitle = (s: (typeof SECTION_IDS)[number]) => t(`adm.sections.${s}`);

  return (
    <Ctx.Provider value={ctx}>
      <Page title={title} actions={
        <div className="btn-row adm-head-actions">
          <BackLink dirty={dirty} />
          {!isNew && <a className="btn" href={`/thu-tuc/${code}`} target="_blank" rel="noreferrer">{t('adm.publicPage')}</a>}
        </div>
      }>
        {readOnly && <p className="alert alert-info">{t('adm.readOnly')}</p>}
        {copyFrom && isNew && <p className="alert alert-info">{t('adm.copyNote', { code: copyFrom })}</p>}
        {!isNew && latest && (
          <VersionsCard code={code!} versions={versions} latest={latest} basedOn={basedOn} today={today} />
        )}
        {saved && (
          <div id="adm-saved" tabIndex={-1} className="alert alert-ok" role="status">
            {t('adm.savedVersion', { version: saved.version, date: fmtDate(saved.effectiveFrom) })}{' '}
            {saved.effectiveFrom <= today
              ? <a href={`/thu-tuc/${code}`} target="_blank" rel="noreferrer">{t('adm.seePublic')}</a>
              : <span>{t('adm.savedFuture')}</span>}
          </div>
        )}
        {conflict && (
          <div className="alert alert-error adm-conflict" role="alert" tabIndex={-1} ref={summaryRef}>
            <p><b>{t('adm.conflictTitle')}</b> {conflict.message}</p>
            <p>{t('adm.conflictExplain')}</p>
            <div className="btn-row">
              <button type="button" className="btn" onClick={onReload}>{t('adm.conflictReload')}</button>
              {conflict.currentVersion && (
                <button type="button" className="btn" onClick={() => { setExpectedVersion(conflict.currentVersion); setConflict(null); }}>
                  {t('adm.conflictKeep', { version: conflict.currentVersion })}
                </button>
              )}
            </div>
          </div>
        )}
        {!conflict && (saveError || errorList.length > 0) ? (
          <div className="alert alert-error adm-summary" role="alert" tabIndex={-1} ref={summaryRef}>
            <p><b>{t('adm.notSaved')}</b> {errorList.length > 0 ? t('adm.fixBelow', { count: errorList.length }) : null}</p>
            {errorList.length === 0 && <ErrorBox error={saveError} />}
            {errorList.length > 0 && (
              <ul>
                {errorList.map(([path, msg]) => (
                  <li key={path}>
                    <a href={`#${fieldId(path)}`} onClick={(e) => {
                      e.preventDefault();
                      const el = elementForPath(path) ?? document.getElementById(`h-sec-${sectionFor(path)}`);
                      if (!el) return;
                      if (el.tabIndex < 0 && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName)) el.tabIndex = -1;
                      el.scrollIntoView({ block: 'center' });
                      el.focus();
                    }}>{labelOf(path)}</a>: {msg}
                  </li>
                ))}
              </ul>
            )}
            <p className="small">{t('adm.nothingLost')}</p>
          </div>
        ) : null}

        <nav className="adm-toc" aria-label={t('adm.toc')}>
          <ul>{SECTION_IDS.map((s) => <li key={s}><a href={`#sec-${s}`}>{sectionTitle(s)}</a></li>)}</ul>
        </nav>

        <form className="adm-editor" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <Section id="general" title={sectionTitle('general')}>
            <div className="adm-grid">
              <TextField path="code" label={t('adm.code')} hint={isNew ? t('adm.codeHint') : t('adm.codeFixed')} disabled={!isNew} />
              <SelectField path="level" label={t('adm.level')} options={[{ value: 'commune', label: t('adm.levels.commune') }, { value: 'province', label: t('adm.levels.province') }]} />
              <SelectField path="sector" label={t('adm.sector')} options={SECTORS.map((s) => ({ value: s, label: t(`adm.sectors.${s}`) }))} />
              <SelectField path="onlineLevel" label={t('adm.onlineLevel')} options={[{ value: 'full', label: t('adm.online.full') }, { value: 'partial', label: t('adm.online.partial') }]} />
              <TextField className="span-2" path="name" label={t('adm.nameVi')} multiline />
              <TextField className="span-2" path="nameEn" label={t('adm.nameEn')} multiline lang="en" />
              <div className="adm-field span-2">
                <label htmlFor="f-field-pick">{t('adm.field')}</label>
                <select id="f-field-pick" disabled={readOnly} value={fields.length === 0 ? def.fieldCode : otherField || (def.fieldCode && !fieldKnown) ? '__other' : def.fieldCode}
                  onChange={(e) => {
                    const f = fields.find((x) => x.code === e.target.value);
                    if (f) {
                      setOtherField(false);
                      set('fieldCode', f.code);
                      set('field', f.name);
                      set('fieldEn', f.nameEn);
                    } else setOtherField(true);
                  }}>
                  {!def.fieldCode && !otherField && <option value="">—</option>}
                  {fields.map((f) => <option key={f.code} value={f.code}>{pick(f.name, f.nameEn)}</option>)}
                  <option value="__other">{t('adm.fieldOther')}</option>
                </select>
                <FieldError path="field" />
              </div>
              <SelectField path="minEidLevel" label={t('adm.minEid')} options={[0, 1, 2].map((n) => ({ value: String(n), label: t(`adm.eid.${n}`) }))}
                onChange={(v) => set('minEidLevel', Number(v))} />
              {showFieldInputs && (
                <>
                  <TextField path="fieldCode" label={t('adm.fieldCode')} hint={t('adm.docCodeHint')} />
                  <TextField path="field" label={t('adm.fieldVi')} />
                  <TextField path="fieldEn" label={t('adm.fieldEn')} lang="en" />
                </>
              )}
              <TextField className="span-2" path="resultType" label={t('adm.resultVi')} />
              <TextField className="span-2" path="resultTypeEn" label={t('adm.resultEn')} lang="en" />
            </div>
            <fieldset className="adm-events" id={fieldId('lifeEvents')}>
              <legend>{t('adm.lifeEvents')}</legend>
              <div className="adm-checkgrid">
                {events.map((ev) => (
                  <div className="adm-check" key={ev.code}>
                    <input type="checkbox" id={`ev-${ev.code}`} disabled={readOnly} checked={def.lifeEvents.includes(ev.code)}
                      onChange={(e) => set('lifeEvents', e.target.checked ? [...def.lifeEvents, ev.code] : def.lifeEvents.filter((c) => c !== ev.code))} />
                    <label htmlFor={`ev-${ev.code}`}>{pick(ev.name, ev.nameEn)}</label>
                  </div>
                ))}
              </div>
              {def.lifeEvents.filter((c) => !events.some((e) => e.code === c)).map((c) => <span key={c} className="badge badge-info">{c}</span>)}
              <FieldError path="lifeEvents" />
            </fieldset>
            <h3>{t('adm.keywords')}</h3>
            <p className="small muted">{t('adm.keywordsHint')}</p>
            <StringListEditor path="keywords" itemLabel={t('adm.keyword')} addLabel={t('adm.addKeyword')} announce={setLive} />
          </Section>

          <Section id="deadline" title={sectionTitle('deadline')}>
            <div className="adm-grid">
              <SelectField path="deadline.unit" label={t('adm.deadlineUnit')}
                options={[{ value: 'working_days', label: t('adm.workingDays') }, { value: 'working_hours', label: t('adm.workingHours') }, { value: 'same_day', label: t('adm.sameDay') }]}
                onChange={(v) => { set('deadline.unit', v); if (v === 'same_day') set('deadline.value', 0); }} />
              {def.deadline.unit !== 'same_day' && <NumberField path="deadline.value" label={t('adm.deadlineValue')} min={0} />}
            </div>
            {def.deadline.unit === 'same_day' && <p className="small muted">{t('adm.sameDayNote')}</p>}
          </Section>

          <Section id="fees" title={sectionTitle('fees')} lead={t('adm.feesLead')}>
            <FeesEditor announce={setLive} />
          </Section>

          <Section id="documents" title={sectionTitle('documents')} lead={t('adm.docsLead')}>
            <DocumentsEditor announce={setLive} />
          </Section>

          <Section id="form" title={sectionTitle('form')}>
            <FormEditor onJsonState={onJsonState} />
          </Section>

          <Section id="process" title={sectionTitle('process')} lead={t('adm.processLead')}>
            <ProcessEditor announce={setLive} hoursPerDay={hoursPerDay} />
          </Section>

          <Section id="legal" title={sectionTitle('legal')}>
            <StringListEditor path="legalBasis" itemLabel={t('adm.legalItem')} addLabel={t('adm.addLegal')} announce={setLive} minCount={1} />
          </Section>

          {!readOnly && (
            <div className="adm-savebar" role="region" aria-label={t('adm.saveRegion')}>
              <div className="adm-field">
                <label htmlFor={fieldId('effectiveFrom')}>{isNew ? t('adm.effectiveFromNew') : t('adm.effectiveFromVersion')}</label>
                <input id={fieldId('effectiveFrom')} type="date" value={effectiveFrom} min={isNew ? undefined : minDate} required
                  aria-invalid={!!errors.effectiveFrom} aria-describedby={errors.effectiveFrom ? `${fieldId('effectiveFrom')}-err` : undefined}
                  onChange={(e) => { setEffectiveFrom(e.target.value); setErrors(({ effectiveFrom: _x, ...rest }) => rest); }} />
                <DateReadout value={effectiveFrom} />
                <FieldError path="effectiveFrom" />
              </div>
              <div className="adm-savebar-status small">
                {dirty ? <span><span aria-hidden="true">● </span>{t('adm.unsaved')}</span> : <span className="muted">{t('adm.noChanges')}</span>}
                {failing.length > 0 && (
                  <span className="adm-warn"><span aria-hidden="true">⚠ </span>{check.fits ? t('adm.processRulesWarn', { count: failing.length }) : t('adm.processOverWarn')}</span>
                )}
                {!isNew && expectedVersion && <span className="muted">{t('adm.basedOnVersion', { version: expectedVersion })}</span>}
              </div>
              <div className="btn-row">
                <button type="button" className="btn" disabled={!dirty || busy} onClick={() => { setDef(JSON.parse(baseline)); setErrors({}); setSaveError(null); }}>{t('adm.revert')}</button>
                <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? t('adm.saving') : isNew ? t('adm.create') : t('adm.saveVersion')}</button>
              </div>
            </div>
          )}
        </form>
        <p className="sr-only-label" role="status" aria-live="polite">{live}</p>
      </Page>
    </Ctx.Provider>
  );
}

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: ReactNode }) {
  return (
    <section className="card adm-section" id={`sec-${id}`} aria-labelledby={`h-sec-${id}`}>
      <h2 id={`h-sec-${id}`}>{title}</h2>
      {lead && <p className="small muted">{lead}</p>}
      {children}
    </section>
  );
}

function VersionsCard({ code, versions, latest, basedOn, today }: { code: string; versions: VersionRow[]; latest: VersionRow; basedOn: number | null; today: string }) {
  const { t } = useTranslation();
  const inForce = versions.filter((v) => v.effectiveFrom <= today).reduce<VersionRow | null>((a, v) => (!a || v.effectiveFrom > a.effectiveFrom || (v.effectiveFrom === a.effectiveFrom && v.version > a.version) ? v : a), null);
  return (
    <details className="card adm-versions" open={versions.length <= 6}>
      <summary><b>{t('adm.versions', { count: versions.length })}</b> — {t('adm.latestInfo', { version: latest.version, date: fmtDate(latest.effectiveFrom) })}</summary>
      {basedOn && basedOn !== latest.version && <p className="alert alert-info">{t('adm.basedOnOld', { version: basedOn, latest: latest.version })}</p>}
      <div className="table-wrap">
        <table>
          <caption className="sr-only-label">{t('adm.versionsCaption')}</caption>
          <thead><tr><th scope="col">{t('adm.version')}</th><th scope="col">{t('adm.effectiveFrom')}</th><th scope="col">{t('adm.createdAt')}</th><th scope="col">{t('adm.state')}</th><th scope="col"><span className="sr-only-label">{t('adm.actions')}</span></th></tr></thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr key={v.id} aria-current={v.version === basedOn ? 'true' : undefined}>
                <td>{v.version}</td>
                <td>{fmtDate(v.effectiveFrom)}</td>
                <td>{fmtDateTime(v.createdAt)}</td>
                <td>
                  {inForce?.version === v.version ? <span className="badge badge-ok">{t('adm.inForce')}</span>
                    : v.effectiveFrom > today ? <span className="badge badge-warn">{t('adm.upcoming')}</span>
                      : <span className="badge badge-info">{t('adm.superseded')}</span>}
                </td>
                <td>
                  {v.version === basedOn ? <span className="small muted">{t('adm.editingThis')}</span>
                    : <Link to={`/quan-tri/thu-tuc/${encodeURIComponent(code)}?phien-ban=${v.version}`}>{t('adm.startFromVersion', { version: v.version })}</Link>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** /quan-tri/thu-tuc/moi: start from the blank template or from a copy of an existing procedure. */
function StartChooser({ onBlank, onCopy }: { onBlank: () => void; onCopy: (code: string) => void }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<{ code: string; name: string; nameEn: string }[] | null>(null);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    const ctrl = new AbortController();
    const s = new URLSearchParams({ limit: '100' });
    if (q.trim()) s.set('q', q.trim());
    const timer = setTimeout(() => {
      get(`/procedures?${s}`, ctrl.signal).then((r) => setItems(r.items), () => {});
    }, 200);
    return () => { clearTimeout(timer); ctrl.abort(); };
  }, [q]);
  return (
    <Page title={t('adm.newTitle')} actions={<BackLink />}>
      <div className="adm-choose">
        <section className="card" aria-labelledby="h-blank">
          <h2 id="h-blank">{t('adm.startBlank')}</h2>
          <p>{t('adm.startBlankLead')}</p>
          <button type="button" className="btn btn-primary" onClick={onBlank}>{t('adm.startBlankButton')}</button>
        </section>
        <section className="card" aria-labelledby="h-copy">
          <h2 id="h-copy">{t('adm.startCopy')}</h2>
          <p>{t('adm.startCopyLead')}</p>
          <label htmlFor="copy-q">{t('adm.searchProc')}</label>
          <input id="copy-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          <label htmlFor="copy-from">{t('adm.copyFrom')}</label>
          <select id="copy-from" value={chosen} onChange={(e) => setChosen(e.target.value)} size={8}>
            {(items ?? []).map((p) => <option key={p.code} value={p.code}>{p.code} — {pick(p.name, p.nameEn)}</option>)}
          </select>
          <div className="btn-row">
            <button type="button" className="btn btn-primary" disabled={!chosen} onClick={() => onCopy(chosen)}>{t('adm.startCopyButton')}</button>
          </div>
        </section>
      </div>
    </Page>
  );
}

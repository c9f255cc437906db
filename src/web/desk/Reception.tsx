import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, newKey, post } from '../api';
import { fmtDateTime, fmtMoney } from '../format';
import { ErrorBox, Loading, Page, StatusBadge, useLocalName } from '../components/ui';
import { FileDrop, type Uploaded } from '../components/FileDrop';
import { Form, localiseErrors, toExtraErrors, validator } from '../citizen/rjsf';
import { COUNTER_KEY, isNotFound, isTransient, useDeskAgencies } from './common';
import { useLookupPurpose } from '../privacy/LookupPurpose';

/** The applicant's details the desk enters once; they also fill the form's own applicant block. */
const CARD_KEYS = ['fullName', 'idNumber', 'phone', 'email', 'address'] as const;
type CardKey = (typeof CARD_KEYS)[number];
type Applicant = Record<CardKey, string>;
const EMPTY: Applicant = { fullName: '', idNumber: '', phone: '', email: '', address: '' };

interface CheckItem { received: boolean; kind: string; count: number; files: Uploaded[] }
interface SupplementItem { documentCode?: string; name: string; reason: string }
type Intent = 'receive' | 'receiveAction' | 'create' | 'supplement' | 'refuse';
type Outcome = { kind: 'receipt' | 'supplement' | 'refusal'; dossier: any };

/** From a citizen's record, what the procedure's form asks about the applicant beyond the card. */
function recordExtras(proc: any, c: any): Record<string, string> {
  const props = proc?.form?.properties?.applicant?.properties ?? {};
  const out: Record<string, string> = {};
  if (c?.dateOfBirth && 'dateOfBirth' in props) out.dateOfBirth = c.dateOfBirth;
  if (c?.sex && 'sex' in props) out.sex = c.sex;
  return out;
}

const freshKeys = (): Record<Intent, string> => ({ receive: newKey(), receiveAction: newKey(), create: newKey(), supplement: newKey(), refuse: newKey() });
/** The code of the summary error this page raises itself (cleared once every marked field is fixed). */
const LOCAL = 'local_validation';
const KINDS = ['original', 'copy', 'certified_copy', 'original_or_certified_copy'];

/**
 * A walk-in applicant at the one-stop desk: find the person by ID number (or enter them), pick
 * one of the agency's procedures, fill the form, tick the documents checked (form, count) and
 * scan them, then receive (receipt slip), ask for a supplement (supplement slip) or refuse (refusal
 * slip). Every server error is shown next to the field that caused it; nothing typed is lost;
 * each intent has its own Idempotency-Key, reused only when retrying after a network failure.
 */
export default function Reception() {
  const { t, i18n } = useTranslation();
  const pick = useLocalName();
  const { agencies, error: agenciesError } = useDeskAgencies();
  const [agencyCode, setAgencyCode] = useState('');
  const agency = agencies?.find((a) => a.code === agencyCode) ?? agencies?.[0];

  const [applicant, setApplicant] = useState<Applicant>(EMPTY);
  const [lookup, setLookup] = useState<{ state: 'found' | 'notFound'; name?: string } | null>(null);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<any[] | null>(null);
  const [proc, setProc] = useState<any>(null);
  const [formData, setFormData] = useState<any>({});
  const [check, setCheck] = useState<Record<string, CheckItem>>({});
  const [mode, setMode] = useState<null | 'supplement' | 'refuse'>(null);
  const [items, setItems] = useState<SupplementItem[]>([]);
  const [note, setNote] = useState('');
  const [reasons, setReasons] = useState<string[]>(['']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<any>(null);
  const [done, setDone] = useState<Outcome | null>(null);
  const keys = useRef(freshKeys());
  const summary = useRef<HTMLDivElement>(null);
  const formRef = useRef<any>(null);
  const lastCitizen = useRef<any>(null);
  // Looking a person up needs a purpose (personal-data access log); at reception it is receiving a dossier.
  const lookupPurpose = useLookupPurpose('desk_reception');

  // The agency's procedures (its sector and level), searched as the officer types.
  useEffect(() => {
    if (!agency) return;
    const ctrl = new AbortController();
    const id = setTimeout(() => {
      const qs = new URLSearchParams({ sector: agency.sector, level: agency.level, limit: '50' });
      if (q.trim()) qs.set('q', q.trim());
      get<{ items: any[] }>(`/procedures?${qs}`, ctrl.signal).then((r) => setResults(r.items), (e) => e.name !== 'AbortError' && setError(e));
    }, 250);
    return () => { clearTimeout(id); ctrl.abort(); };
  }, [agency?.code, q]); // eslint-disable-line react-hooks/exhaustive-deps

  const applicantSchema = proc?.form?.properties?.applicant?.properties as Record<string, unknown> | undefined;
  const applicantRequired: string[] = proc?.form?.properties?.applicant?.required ?? [];
  const inForm = (k: string) => !!applicantSchema && k in applicantSchema;

  // The card is the one place to edit the applicant: its values go into the form's applicant block.
  useEffect(() => {
    if (!applicantSchema) return;
    setFormData((fd: any) => {
      const a = { ...(fd.applicant ?? {}) };
      for (const k of CARD_KEYS) {
        if (!inForm(k)) continue;
        if (applicant[k].trim()) a[k] = applicant[k].trim();
        else delete a[k];
      }
      return { ...fd, applicant: a };
    });
  }, [applicant, proc]); // eslint-disable-line react-hooks/exhaustive-deps

  const uiSchema = useMemo(() => {
    const ui: any = { 'ui:submitButtonOptions': { norender: true } };
    if (applicantSchema) ui.applicant = Object.fromEntries(CARD_KEYS.filter(inForm).map((k) => [k, { 'ui:widget': 'hidden' }]));
    return ui;
  }, [proc]); // eslint-disable-line react-hooks/exhaustive-deps

  // The summary goes once every field marked by the browser's own checks is fixed.
  useEffect(() => {
    if (Object.keys(errs).length === 0 && error instanceof ApiError && error.code === LOCAL) setError(null);
  }, [errs, error]);

  // Can this browser compile the procedure's JSON Schema? (A strict Content-Security-Policy forbids it.)
  const clientValidation = useMemo(() => !proc || !validator.rawValidation(proc.form, {}).validationError, [proc]);

  if (!agencies) return agenciesError ? <Page title={t('desk.reception.title')}><ErrorBox error={agenciesError} /></Page> : <Loading />;
  if (!agency) return <Page title={t('desk.reception.title')}><p>{t('desk.needDesk')}</p></Page>;

  const docs: any[] = proc?.documents ?? [];
  const missing = docs.filter((d) => d.required && !check[d.code]?.received);
  const clearErr = (...fields: string[]) => setErrs((e) => (fields.some((f) => e[f]) ? Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k))) : e));
  const setField = (k: CardKey, v: string) => { setApplicant((a) => ({ ...a, [k]: v })); clearErr(`applicant.${k}`); };
  const err = (...fields: string[]) => fields.map((f) => errs[f]).find(Boolean);

  async function findCitizen() {
    const id = applicant.idNumber.trim();
    setLookup(null);
    if (!/^\d{12}$/.test(id)) {
      setErrs((e) => ({ ...e, 'applicant.idNumber': t('desk.reception.idFormat') }));
      document.getElementById('ap-idNumber')?.focus();
      return;
    }
    setErrs((e) => { const { ['applicant.idNumber']: _x, ...rest } = e; return rest; });
    try {
      const c = await get(`/citizens/${id}?${lookupPurpose.query}`);
      setApplicant({ fullName: c.fullName ?? '', idNumber: c.idNumber, phone: c.phone ?? '', email: c.email ?? '', address: c.address ?? '' });
      lastCitizen.current = c;
      // What the card does not hold (date of birth, sex) goes straight into the form, where it has such fields.
      if (proc) setFormData((fd: any) => ({ ...fd, applicant: { ...(fd.applicant ?? {}), ...recordExtras(proc, c) } }));
      setLookup({ state: 'found', name: c.fullName });
    } catch (e) {
      if (isNotFound(e)) {
        lastCitizen.current = null;
        setLookup({ state: 'notFound' });
      }
      else setError(e);
    }
  }
  async function chooseProcedure(code: string) {
    setError(null);
    try {
      const p = await get(`/procedures/${encodeURIComponent(code)}`);
      setFormData({ applicant: recordExtras(p, lastCitizen.current) });
      setCheck(Object.fromEntries(p.documents.map((d: any) => [d.code, { received: d.template === 'form', kind: d.kind, count: d.count, files: [] }])));
      setProc(p);
      setErrs({});
      setMode(null);
    } catch (e) {
      setError(e);
    }
  }

  function updateCheck(code: string, patch: Partial<CheckItem>) {
    setCheck((c) => ({ ...c, [code]: { ...c[code], ...patch } }));
    if (patch.received) clearErr(`doc.${code}`, 'checklist');
  }

  /**
   * Checks what the browser can before anything is sent: the applicant card by the API's rules
   * and, where the browser may compile JSON Schema (a Content-Security-Policy without
   * 'unsafe-eval' forbids it), the form. `extra` adds the action's own checks. False (with every
   * error shown at once) when something is wrong; the server checks everything again.
   */
  function validateLocally(extra: Record<string, string> = {}): boolean {
    const e: Record<string, string> = {};
    const required = i18n.language === 'en' ? 'is required' : 'là trường bắt buộc';
    const invalid = i18n.language === 'en' ? 'has an invalid format' : 'sai định dạng';
    const a = Object.fromEntries(CARD_KEYS.map((k) => [k, applicant[k].trim()])) as Applicant;
    if (!a.fullName) e['applicant.fullName'] = required;
    if (a.idNumber && !/^\d{12}$/.test(a.idNumber)) e['applicant.idNumber'] = t('desk.reception.idFormat');
    if (a.phone && !/^0\d{9,10}$/.test(a.phone)) e['applicant.phone'] = invalid;
    if (a.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email)) e['applicant.email'] = invalid;
    if (!proc) e.procedureCode = t('desk.reception.chooseProcedure');
    if (proc) {
      for (const k of CARD_KEYS) if (!a[k] && !e[`applicant.${k}`] && applicantRequired.includes(k)) e[`applicant.${k}`] = required;
      if (clientValidation) {
        const res = validator.validateFormData(formData, proc.form);
        for (const x of localiseErrors(i18n.language)(res.errors)) {
          const m = /^\.applicant\.(\w+)$/.exec(x.property ?? '');
          if (m && (CARD_KEYS as readonly string[]).includes(m[1])) e[`applicant.${m[1]}`] ??= x.message ?? '';
        }
        if (!(formRef.current?.validateForm?.() ?? res.errors.length === 0)) e.form = t('desk.reception.formInvalid');
      }
    }
    Object.assign(e, extra);
    setErrs(e);
    if (Object.keys(e).length) {
      setError(new ApiError(400, t('desk.reception.fix'), t('desk.reception.fix'), LOCAL));
      focusFirst(e);
      return false;
    }
    return true;
  }

  function focusFirst(e: Record<string, string>) {
    const order: [string, string][] = [
      ...CARD_KEYS.map((k) => [`applicant.${k}`, `ap-${k}`] as [string, string]),
      ['procedureCode', 'proc-q'], ['agencyCode', 'proc-q'],
    ];
    const hit = order.find(([f]) => e[f]);
    if (hit) document.getElementById(hit[1])?.focus();
    else if (e.checklist) document.getElementById('checklist-h')?.focus();
    else if (!e.form) summary.current?.focus();
  }

  function body(receive: boolean) {
    const a = Object.fromEntries(CARD_KEYS.map((k) => [k, applicant[k].trim() || undefined]));
    const withFiles = docs.filter((d) => check[d.code]?.files.length);
    return {
      procedureCode: proc.code, agencyCode: agency!.code, form: formData, channel: 'in_person', receive,
      applicant: a, documents: withFiles.map((d) => ({ code: d.code, fileIds: check[d.code].files.map((f) => f.id) })),
      checklist: docs.filter((d) => check[d.code]?.received).map((d) => ({ code: d.code, kind: check[d.code].kind, count: check[d.code].count })),
    };
  }

  /** Server errors by field, renamed to where this page shows them. */
  function showProblem(e: unknown, intent: Intent, sentDocs: { code: string }[] = []) {
    setError(e);
    if (!(e instanceof ApiError)) return;
    if (!isTransient(e)) keys.current[intent] = newKey();
    const byField = e.byField(i18n.language);
    const out: Record<string, string> = {};
    for (const [f, m] of Object.entries(byField)) {
      const card = /^(?:form\.)?applicant\.(\w+)$/.exec(f);
      const doc = /^documents\[(\d+)\]/.exec(f) ?? null;
      const docCode = /^documents\.([a-z0-9-]+)$/.exec(f);
      if (card && (CARD_KEYS as readonly string[]).includes(card[1])) out[`applicant.${card[1]}`] = m;
      else if (doc) out[`doc.${sentDocs[Number(doc[1])]?.code ?? ''}`] = m;
      else if (docCode) out[`doc.${docCode[1]}`] = m;
      else out[f] = m;
    }
    setErrs(out);
    focusFirst(out);
    if (e.status === 409 && created) get(`/dossiers/${created.id}`).then(setCreated, () => {});
  }

  async function createOnce(): Promise<any> {
    if (created) return created;
    const b = body(false);
    try {
      const d = await post('/dossiers', b, keys.current.create);
      setCreated(d);
      return d;
    } catch (e) {
      showProblem(e, 'create', b.documents);
      return null;
    }
  }

  async function receive() {
    setError(null);
    const extra: Record<string, string> = {};
    if (missing.length) extra.checklist = t('desk.reception.missingRequired', { list: missing.map((d) => pick(d.name, d.nameEn)).join('; ') });
    if (!validateLocally(extra)) return;
    setBusy(true);
    const b = body(true);
    try {
      const d = created
        ? await post(`/dossiers/${created.id}/receive`, { version: created.version }, keys.current.receiveAction)
        : await post('/dossiers', b, keys.current.receive);
      setDone({ kind: 'receipt', dossier: d });
    } catch (e) {
      showProblem(e, created ? 'receiveAction' : 'receive', b.documents);
    } finally {
      setBusy(false);
    }
  }

  function openSupplement() {
    setMode('supplement');
    setErrs({});
    setItems(missing.length
      ? missing.map((d) => ({ documentCode: d.code, name: d.name, reason: t('desk.reception.missingReason') }))
      : [{ name: '', reason: '' }]);
  }

  async function requestSupplement() {
    setError(null);
    const e: Record<string, string> = {};
    items.forEach((it, i) => {
      if (!it.name.trim()) e[`items[${i}].name`] = i18n.language === 'en' ? 'is required' : 'là trường bắt buộc';
      if (!it.reason.trim()) e[`items[${i}].reason`] = i18n.language === 'en' ? 'is required' : 'là trường bắt buộc';
    });
    if (items.length === 0) e.items = i18n.language === 'en' ? 'list at least one item' : 'cần ít nhất một mục';
    if (Object.keys(e).length) { setErrs(e); return; }
    if (!created && !validateLocally()) return;
    setBusy(true);
    try {
      const d = await createOnce();
      if (!d) return;
      const r = await post(`/dossiers/${d.id}/request-supplement`, {
        version: d.version, note: note.trim() || undefined,
        items: items.map((it) => ({ ...(it.documentCode ? { documentCode: it.documentCode } : {}), name: it.name.trim(), reason: it.reason.trim() })),
      }, keys.current.supplement);
      setDone({ kind: 'supplement', dossier: r });
    } catch (err) {
      showProblem(err, 'supplement');
    } finally {
      setBusy(false);
    }
  }

  async function refuse() {
    setError(null);
    const list = reasons.map((r) => r.trim()).filter(Boolean);
    if (list.length === 0) { setErrs({ reasons: i18n.language === 'en' ? 'give at least one reason' : 'cần nêu ít nhất một lý do' }); return; }
    if (!created && !validateLocally()) return;
    setBusy(true);
    try {
      const d = await createOnce();
      if (!d) return;
      const r = await post(`/dossiers/${d.id}/refuse`, { version: d.version, reasons: list }, keys.current.refuse);
      setDone({ kind: 'refusal', dossier: r });
    } catch (err) {
      showProblem(err, 'refuse');
    } finally {
      setBusy(false);
    }
  }

  function reset() {
    setApplicant(EMPTY); setLookup(null); setQ(''); setProc(null); setFormData({}); setCheck({}); setMode(null); setItems([]); setNote('');
    setReasons(['']); setError(null); setErrs({}); setCreated(null); setDone(null); keys.current = freshKeys(); lastCitizen.current = null;
  }

  if (done) return <Done outcome={done} checklist={docs.filter((d) => check[d.code]?.received).map((d) => ({ ...d, ...check[d.code] }))} onNext={reset} />;

  const cardField = (k: CardKey, label: string, extra: { type?: string; inputMode?: 'numeric' | 'tel' | 'email'; autoComplete?: string; after?: ReactNode } = {}) => {
    const e = err(`applicant.${k}`);
    const required = k === 'fullName' || applicantRequired.includes(k);
    return (
      <div className={`desk-field desk-field-${k}`}>
        <label htmlFor={`ap-${k}`}>{label}{required ? <span className="desk-req" aria-hidden="true"> *</span> : null}</label>
        <div className={extra.after ? 'desk-inline' : undefined}>
          <input
            id={`ap-${k}`} value={applicant[k]} type={extra.type ?? 'text'} inputMode={extra.inputMode} autoComplete="off"
            onChange={(ev) => setField(k, ev.target.value)} aria-invalid={!!e} aria-describedby={e ? `ap-${k}-err` : undefined} aria-required={required}
            onKeyDown={k === 'idNumber' ? (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); void findCitizen(); } } : undefined}
          />
          {extra.after}
        </div>
        {e && <div id={`ap-${k}-err`} className="field-error">{e}</div>}
      </div>
    );
  };

  const formErrors = Object.fromEntries(Object.entries(errs).filter(([f]) => f.startsWith('form.') && !/^form\.applicant\.(fullName|idNumber|phone|email|address)$/.test(f)));
  return (
    <Page title={t('desk.reception.title')}>
      {created && <p className="alert alert-info" role="status">{t('desk.reception.created', { code: created.code })}</p>}
      <div className="desk-reception">
        <div className="desk-reception-main">
          <section className="card" aria-labelledby="ap-h">
            <h2 id="ap-h">{t('desk.reception.applicant')}</h2>
            <div className="desk-fields">
              {cardField('idNumber', t('desk.reception.idNumber'), {
                inputMode: 'numeric',
                after: <button type="button" className="btn" onClick={() => void findCitizen()}>{t('desk.reception.find')}</button>,
              })}
              {cardField('fullName', t('desk.reception.fullName'))}
              {cardField('phone', t('desk.reception.phone'), { type: 'tel', inputMode: 'tel' })}
              {cardField('email', t('desk.reception.email'), { type: 'email', inputMode: 'email' })}
              {cardField('address', t('desk.reception.address'))}
            </div>
            {lookupPurpose.picker}
            {lookup && (
              <p className={lookup.state === 'found' ? 'alert alert-ok' : 'alert alert-info'} role="status">
                {lookup.state === 'found' ? t('desk.reception.found', { name: lookup.name }) : t('desk.reception.notFound')}
              </p>
            )}
          </section>

          <section className="card" aria-labelledby="proc-h">
            <h2 id="proc-h">{t('desk.reception.procedure')}</h2>
            {agencies.length > 1 && (
              <>
                <label htmlFor="desk-agency">{t('desk.agency')}</label>
                <select id="desk-agency" value={agency.code} onChange={(e) => { setAgencyCode(e.target.value); setProc(null); }} disabled={!!created}>
                  {agencies.map((a) => <option key={a.code} value={a.code}>{pick(a.name, a.nameEn)}</option>)}
                </select>
              </>
            )}
            {proc ? (
              <div className="desk-chosen">
                <p><b>{pick(proc.name, proc.nameEn)}</b> <span className="muted small">({proc.code})</span></p>
                <dl className="facts">
                  <dt>{t('desk.reception.deadline')}</dt><dd>{t(`desk.deadline.${proc.deadline.unit}`, { value: proc.deadline.value })}</dd>
                  <dt>{t('desk.reception.fee')}</dt>
                  <dd>{proc.feesToday.inPerson.length ? proc.feesToday.inPerson.map((f: any, i: number) => <div key={i}>{pick(f.name, f.nameEn)}: {fmtMoney(f.amount)}</div>) : t('common.free')}</dd>
                </dl>
                <div className="btn-row">
                  <button type="button" className="btn" disabled={!!created} onClick={() => { setProc(null); setFormData({}); setCheck({}); }}>{t('desk.reception.change')}</button>
                  <a className="btn" href={`/api/v1/procedures/${proc.code}/form.pdf`} target="_blank" rel="noreferrer">{t('desk.reception.blankForm')}</a>
                </div>
              </div>
            ) : (
              <>
                <label htmlFor="proc-q">{t('desk.reception.search')}</label>
                <input id="proc-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="proc-hint" aria-invalid={!!err('procedureCode', 'agencyCode')} />
                <p id="proc-hint" className="muted small">{t('desk.reception.searchHint', { agency: pick(agency.name, agency.nameEn) })}</p>
                {err('procedureCode', 'agencyCode') && <div className="field-error" role="alert">{err('procedureCode', 'agencyCode')}</div>}
                {results === null ? <Loading /> : results.length === 0 ? <p>{t('desk.reception.none')}</p> : (
                  <ul className="desk-proc-list" role="list">
                    {results.map((p) => (
                      <li key={p.code}>
                        <span><b>{pick(p.name, p.nameEn)}</b> <span className="muted small">{p.code} · {pick(p.field, p.fieldEn)}</span></span>
                        <button type="button" className="btn" onClick={() => void chooseProcedure(p.code)} aria-label={`${t('desk.reception.choose')}: ${pick(p.name, p.nameEn)}`}>{t('desk.reception.choose')}</button>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </section>

          {proc && (
            <section className="card" aria-labelledby="form-h">
              <h2 id="form-h">{t('desk.reception.form')}</h2>
              <p className="muted small">{t('desk.reception.formHint')}</p>
              {errs.form && <div className="field-error" role="alert">{errs.form}</div>}
              <Form
                ref={formRef} schema={proc.form} uiSchema={uiSchema} formData={formData} validator={validator} showErrorList={false} noHtml5Validate
                liveValidate={clientValidation ? 'onBlur' : false} transformErrors={localiseErrors(i18n.language)} extraErrors={toExtraErrors(formErrors)}
                onChange={(e) => setFormData(e.formData)} onSubmit={() => {}} disabled={!!created}
              />
            </section>
          )}

          {proc && (
            <section className="card" aria-labelledby="checklist-h">
              <h2 id="checklist-h" tabIndex={-1}>{t('desk.reception.checklist')}</h2>
              <p className="muted small">{t('desk.reception.scanHint')}</p>
              {errs.checklist && <div className="alert alert-error" role="alert">{errs.checklist}</div>}
              <ol className="desk-checklist">
                {docs.map((d) => {
                  const c = check[d.code];
                  if (!c) return null;
                  const e = errs[`doc.${d.code}`];
                  const name = pick(d.name, d.nameEn);
                  return (
                    <li key={d.code} className={`desk-doc${c.received ? ' received' : ''}${d.required && !c.received ? ' missing' : ''}`}>
                      <div className="desk-doc-head">
                        <input type="checkbox" id={`doc-${d.code}`} checked={c.received} disabled={!!created} onChange={(ev) => updateCheck(d.code, { received: ev.target.checked })} />
                        <label htmlFor={`doc-${d.code}`} className="desk-doc-name">
                          {name} {d.required && <span className="badge badge-warn">{t('desk.reception.requiredDoc')}</span>}
                        </label>
                      </div>
                      {d.template === 'form' && <p className="muted small">{t('desk.reception.formDoc')}</p>}
                      <div className="desk-doc-meta">
                        <label className="desk-doc-small">{t('desk.reception.kind')}
                          <select value={c.kind} onChange={(ev) => updateCheck(d.code, { kind: ev.target.value })} disabled={!!created} aria-label={`${t('desk.reception.kind')}: ${name}`}>
                            {KINDS.map((k) => <option key={k} value={k}>{t(`desk.docKind.${k}`)}</option>)}
                          </select>
                        </label>
                        <label className="desk-doc-small">{t('desk.reception.count')}
                          <input type="number" min={1} max={50} value={c.count} disabled={!!created} aria-label={`${t('desk.reception.count')}: ${name}`}
                            onChange={(ev) => updateCheck(d.code, { count: Math.max(1, Math.min(50, Number(ev.target.value) || 1)) })} />
                        </label>
                      </div>
                      {!created && (
                        <FileDrop
                          label={t('desk.reception.scanLabel', { name: name.length > 80 ? `${name.slice(0, 80)}…` : name })} files={c.files}
                          onChange={(f) => updateCheck(d.code, { files: f, ...(f.length ? { received: true } : {}) })}
                        />
                      )}
                      {e && <div className="field-error" role="alert">{e}</div>}
                    </li>
                  );
                })}
              </ol>
            </section>
          )}
        </div>

        <aside className="desk-reception-side" aria-labelledby="decide-h">
          <section className="card">
            <h2 id="decide-h">{t('desk.reception.decide')}</h2>
            <div ref={summary} tabIndex={-1} className="desk-summary"><ErrorBox error={error} /></div>
            {proc && missing.length > 0 && <p className="alert alert-info small">{t('desk.reception.missingRequired', { list: missing.map((d) => pick(d.name, d.nameEn)).join('; ') })}</p>}
            <div className="desk-decide">
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void receive()}>{busy && !mode ? t('desk.reception.working') : t('desk.reception.receive')}</button>
              <button type="button" className="btn" disabled={busy} aria-expanded={mode === 'supplement'} onClick={() => (mode === 'supplement' ? setMode(null) : openSupplement())}>{t('desk.reception.supplement')}</button>
              <button type="button" className="btn btn-danger" disabled={busy} aria-expanded={mode === 'refuse'} onClick={() => { setMode(mode === 'refuse' ? null : 'refuse'); setErrs({}); }}>{t('desk.reception.refuse')}</button>
            </div>

            {mode === 'supplement' && (
              <div className="desk-panel" role="group" aria-labelledby="sup-h">
                <h3 id="sup-h">{t('desk.reception.supplementTitle')}</h3>
                <p className="muted small">{t('desk.reception.supplementLead')}</p>
                {errs.items && <div className="field-error" role="alert">{errs.items}</div>}
                {items.map((it, i) => (
                  <fieldset key={i} className="desk-item">
                    <legend className="sr-only-label">{`${t('desk.reception.itemName')} ${i + 1}`}</legend>
                    <label htmlFor={`it-${i}-name`}>{t('desk.reception.itemName')} {i + 1}</label>
                    <textarea id={`it-${i}-name`} rows={2} value={it.name} aria-invalid={!!errs[`items[${i}].name`]} aria-describedby={errs[`items[${i}].name`] ? `it-${i}-name-e` : undefined}
                      onChange={(e) => { setItems((x) => x.map((y, j) => (j === i ? { ...y, name: e.target.value } : y))); clearErr(`items[${i}].name`); }} />
                    {errs[`items[${i}].name`] && <div id={`it-${i}-name-e`} className="field-error">{errs[`items[${i}].name`]}</div>}
                    <label htmlFor={`it-${i}-reason`}>{t('desk.reception.itemReason')}</label>
                    <input id={`it-${i}-reason`} value={it.reason} aria-invalid={!!errs[`items[${i}].reason`]} aria-describedby={errs[`items[${i}].reason`] ? `it-${i}-reason-e` : undefined}
                      onChange={(e) => { setItems((x) => x.map((y, j) => (j === i ? { ...y, reason: e.target.value } : y))); clearErr(`items[${i}].reason`); }} />
                    {errs[`items[${i}].reason`] && <div id={`it-${i}-reason-e`} className="field-error">{errs[`items[${i}].reason`]}</div>}
                    <button type="button" className="linklike desk-remove" onClick={() => setItems((x) => x.filter((_, j) => j !== i))}>{t('desk.reception.removeItem')}</button>
                  </fieldset>
                ))}
                <button type="button" className="btn" onClick={() => setItems((x) => [...x, { name: '', reason: '' }])}>{t('desk.reception.addItem')}</button>
                <label htmlFor="sup-note">{t('desk.reception.note')}</label>
                <textarea id="sup-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
                <div className="btn-row">
                  <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void requestSupplement()}>{busy ? t('desk.reception.working') : t('desk.reception.confirmSupplement')}</button>
                </div>
              </div>
            )}

            {mode === 'refuse' && (
              <div className="desk-panel" role="group" aria-labelledby="ref-h">
                <h3 id="ref-h">{t('desk.reception.refuseTitle')}</h3>
                <p className="muted small">{t('desk.reception.refuseLead')}</p>
                {errs.reasons && <div className="field-error" role="alert">{errs.reasons}</div>}
                {reasons.map((r, i) => (
                  <div key={i}>
                    <label htmlFor={`rs-${i}`}>{t('desk.reception.reason', { n: i + 1 })}</label>
                    <textarea id={`rs-${i}`} rows={2} value={r} aria-invalid={!!errs[`reasons[${i}]`]}
                      onChange={(e) => { setReasons((x) => x.map((y, j) => (j === i ? e.target.value : y))); clearErr(`reasons[${i}]`, 'reasons'); }} />
                    {errs[`reasons[${i}]`] && <div className="field-error">{errs[`reasons[${i}]`]}</div>}
                  </div>
                ))}
                <button type="button" className="btn" onClick={() => setReasons((x) => [...x, ''])}>{t('desk.reception.addReason')}</button>
                <div className="btn-row">
                  <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void refuse()}>{busy ? t('desk.reception.working') : t('desk.reception.confirmRefuse')}</button>
                </div>
              </div>
            )}
          </section>
        </aside>
      </div>
    </Page>
  );
}

const SLIP_LABEL: Record<Outcome['kind'], string> = { receipt: 'printReceipt', supplement: 'printSupplement', refusal: 'printRefusal' };
const DONE_TITLE: Record<Outcome['kind'], string> = { receipt: 'doneReceived', supplement: 'doneSupplement', refusal: 'doneRefused' };

function Done({ outcome, checklist, onNext }: { outcome: Outcome; checklist: any[]; onNext: () => void }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const d = outcome.dossier;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const slip = `/api/v1/dossiers/${d.id}/slips/${outcome.kind}.pdf`;
  return (
    <Page title={t('desk.reception.title')}>
      <section className="card desk-done" aria-labelledby="done-h">
        <h2 id="done-h" ref={heading} tabIndex={-1}>{t(`desk.reception.${DONE_TITLE[outcome.kind]}`)}</h2>
        <dl className="facts">
          <dt>{t('desk.reception.code')}</dt><dd><b className="desk-code">{d.code}</b></dd>
          <dt>{t('desk.returns.status')}</dt><dd><StatusBadge status={d.status} name={d.statusName} /></dd>
          <dt>{t('desk.returns.applicant')}</dt><dd>{d.applicant?.name}</dd>
          <dt>{t('desk.returns.procedure')}</dt><dd>{pick(d.procedure?.name, d.procedure?.nameEn)}</dd>
          {outcome.kind === 'receipt' && <><dt>{t('desk.reception.due')}</dt><dd><b>{fmtDateTime(d.dueAt)}</b></dd></>}
        </dl>
        <div className="btn-row">
          <a className="btn btn-primary" href={slip} target="_blank" rel="noreferrer" data-slip={outcome.kind}>{t(`desk.reception.${SLIP_LABEL[outcome.kind]}`)}</a>
          {outcome.kind === 'receipt' && <a className="btn" href={`/api/v1/dossiers/${d.id}/slips/tracking.pdf`} target="_blank" rel="noreferrer">{t('desk.reception.printTracking')}</a>}
        </div>
        <p className="muted small">{t('desk.reception.handOver')}</p>
        {checklist.length > 0 && (
          <>
            <h3>{t('desk.reception.checklist').replace(/^\d+\.\s*/, '')}</h3>
            <table>
              <thead><tr><th>#</th><th>{t('desk.reception.docName')}</th><th>{t('desk.reception.kind')}</th><th>{t('desk.reception.count')}</th><th>{t('desk.reception.scan')}</th></tr></thead>
              <tbody>
                {checklist.map((c, i) => (
                  <tr key={c.code}><td>{i + 1}</td><td>{pick(c.name, c.nameEn)}</td><td className="desk-nowrap">{t(`desk.docKind.${c.kind}`)}</td><td>{c.count}</td><td>{c.files.length || '—'}</td></tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <div className="btn-row no-print">
          <button type="button" className="btn" onClick={onNext}>{t('desk.reception.next')}</button>
          {/* An officer serving queue tickets goes back to the counter to close this one and call the next. */}
          {localStorage.getItem(COUNTER_KEY) && <Link className="btn" to="/mot-cua/quay">{t('desk.reception.backToCounter')}</Link>}
        </div>
      </section>
    </Page>
  );
}

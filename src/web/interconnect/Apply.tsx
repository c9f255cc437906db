import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api, get, newKey } from '../api';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import { FileDrop, type Uploaded } from '../components/FileDrop';
import { useSession } from '../session';
import { addStrings } from '../i18n';
import { citizenStrings } from '../citizen/locales';
import { Form, localiseErrors, toExtraErrors, validator } from '../citizen/rjsf';
import { applyPrefill, EidLevelNotice, lockedUiSchema, mergeUi, type PrefillValue, type StoreItem } from '../citizen/onceOnly';
import { Answers, StorePicker } from '../citizen/Apply';
import { interconnectStrings } from './locales';
import { DeadlineWords, PartsFlow, useWithDeadlines } from './common';
import { docParts, type Application, type GroupDetail } from './types';

addStrings(citizenStrings);
addStrings(interconnectStrings);

type Step = 0 | 1 | 2;
interface Ward { code: string; name: string; nameEn: string }

/**
 * GET /interconnect/groups/{code}/prefill. The contract says `{ values, readOnly }`; the procedure
 * endpoint the Apply page uses answers `{ found, prefill: PrefillValue[] }`. Both become PrefillValue[].
 */
export function toPrefill(res: any): { found: boolean; prefill: PrefillValue[] } {
  if (!res) return { found: false, prefill: [] };
  if (Array.isArray(res.prefill)) return { found: res.found !== false, prefill: res.prefill };
  const readOnly: string[] = res.readOnly ?? [];
  const out: PrefillValue[] = [];
  const walk = (v: unknown, path: string[]) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    else if (v !== undefined && v !== null && path.length) {
      const p = path.join('.');
      out.push({ path: p, value: v as string, editable: !readOnly.includes(p), source: 'population' });
    }
  };
  walk(res.values ?? {}, []);
  return { found: res.found ?? out.length > 0, prefill: out };
}

/** The wards where commune-level parts can be filed: those with a commune People's Committee, named as administrative units. */
async function loadWards(): Promise<Ward[]> {
  const [communes, provinces] = await Promise.all([
    get('/agencies?sector=people_committee&level=commune'),
    get('/agencies?sector=people_committee&level=province'),
  ]);
  const have = new Set<string>(communes.items.map((a: any) => a.adminUnitCode).filter(Boolean));
  const provinceCodes = [...new Set<string>(provinces.items.map((a: any) => a.adminUnitCode).filter(Boolean))];
  const units = (await Promise.all(provinceCodes.map((p) => get(`/admin-units?level=commune&province=${encodeURIComponent(p)}`)))).flatMap((r) => r.items);
  const wards = units.filter((u: any) => have.has(u.code)).map((u: any) => ({ code: u.code, name: u.fullName ?? u.name, nameEn: u.fullNameEn ?? u.nameEn }));
  // No unit names (unexpected): fall back to the agencies' own names.
  if (wards.length === 0) return communes.items.filter((a: any) => a.adminUnitCode).map((a: any) => ({ code: a.adminUnitCode, name: a.name, nameEn: a.nameEn }));
  return wards.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** /lien-thong/{code}/nop-ho-so: one form for the whole group, the ward, the documents (uploaded or from the data store), review, submit. */
export default function InterconnectApply() {
  const { code } = useParams();
  const { t, i18n } = useTranslation();
  const pick = useLocalName();
  const { me } = useSession();
  const [g, setG] = useState<GroupDetail | null>(null);
  const [wards, setWards] = useState<Ward[]>([]);
  const [communeCode, setCommuneCode] = useState('');
  const [formData, setFormData] = useState<any>({});
  const [registry, setRegistry] = useState<{ found: boolean; prefill: PrefillValue[] } | null>(null);
  const [store, setStore] = useState<StoreItem[]>([]);
  const [docs, setDocs] = useState<Record<string, Uploaded[]>>({});
  const [reused, setReused] = useState<Record<string, string[]>>({});
  const [step, setStep] = useState<Step>(0);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [wardMissing, setWardMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Application | null>(null);
  // The form mounts once the prefill is in (rjsf live-validates later changes of formData).
  const [ready, setReady] = useState(false);
  const submitKey = useRef(newKey());
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    (async () => {
      const group = await get<GroupDetail>(`/interconnect/groups/${encodeURIComponent(code!)}`);
      setG(group);
      const [w, pre, mine] = await Promise.all([
        loadWards().catch(() => [] as Ward[]),
        get(`/interconnect/groups/${encodeURIComponent(group.code)}/prefill`).then(toPrefill, () => ({ found: false, prefill: [] })),
        get('/my/data-store').catch(() => ({ items: [] })),
      ]);
      setWards(w);
      setRegistry(pre);
      setStore(mine.items);
      const applicant = { fullName: me?.fullName, idNumber: me?.idNumber, phone: me?.phone ?? undefined, email: me?.email ?? undefined };
      setFormData(applyPrefill(group.form?.properties?.applicant ? { applicant } : {}, pre.prefill));
      setReady(true);
    })().catch(setError);
  }, [code]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => heading.current?.focus(), [step]);
  const partsWithDeadlines = useWithDeadlines(g?.parts);
  const goTo = (s: Step) => { setError(null); setStep(s); };

  const uiSchema = useMemo(() => mergeUi({
    'ui:submitButtonOptions': { norender: true },
    ...(g?.form?.properties?.applicant ? { applicant: { idNumber: { 'ui:readonly': true }, fullName: { 'ui:readonly': !!me?.fullName } } } : {}),
  }, lockedUiSchema(registry?.prefill ?? [], t('oo.fromRegistry'))), [g, me, registry, t]);

  if (error && !g) return <Page title={t('ic.notFound')}><ErrorBox error={error} /></Page>;
  if (!g || (!ready && !error)) return <Loading />;
  const eidTooLow = me?.kind === 'citizen' && (me.eidLevel ?? 0) < g.minEidLevel;
  const missing = g.documents.filter((d) => d.required && !(docs[d.code]?.length) && !(reused[d.code]?.length));
  const itemById = new Map(store.map((x) => [x.id, x]));
  const partName = (k: string) => { const p = g.parts.find((x) => x.key === k); return p ? pick(p.name, p.nameEn) : k; };
  const ward = wards.find((w) => w.code === communeCode);

  /** A server field path in words: the form's own titles, the document's name, the part's name. */
  const fieldLabel = (path: string): string => {
    const segs = path.split('.');
    if (segs[0] === 'communeCode') return t('ic.ward');
    if (segs[0] === 'documents') { const d = g.documents.find((x) => x.code === segs[1]); return d ? pick(d.name, d.nameEn) : segs.slice(1).join('.'); }
    let rest = segs;
    let prefix = '';
    if (segs[0] === 'parts') { prefix = `${partName(segs[1])}: `; rest = segs.slice(2); }
    if (rest[0] === 'form') {
      const titles: string[] = [];
      let s: any = g.form;
      for (const k of rest.slice(1)) {
        s = /^\d+$/.test(k) ? s?.items : s?.properties?.[k];
        titles.push(s?.title ?? k);
      }
      return prefix + (titles.join(' › ') || t('ic.field'));
    }
    return prefix + rest.join('.');
  };

  async function submit() {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const codes = [...new Set([...Object.keys(docs), ...Object.keys(reused)])];
      const body = {
        groupCode: g!.code,
        communeCode,
        form: formData,
        documents: codes.map((c) => ({ code: c, fileIds: (docs[c] ?? []).map((x) => x.id), storeItemIds: reused[c] ?? [] }))
          .filter((d) => d.fileIds.length || d.storeItemIds.length),
      };
      setDone(await api<Application>('POST', '/interconnect/applications', body, { idempotencyKey: submitKey.current }));
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const byField = e.byField(i18n.language);
        setFieldErrors(byField);
        const fields = Object.keys(byField);
        if (fields.some((f) => f.startsWith('form') || f === 'communeCode')) setStep(0);
        else if (fields.some((f) => f.startsWith('documents'))) setStep(1);
        // Fixing the answers is a new intent: the next attempt is a new request.
        if (e.status === 400 || e.status === 422) submitKey.current = newKey();
      }
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Page title={t('ic.submitted')}>
        <div className="card" role="status">
          <p>{t('apply.receiptCode')}: <b style={{ fontSize: '1.3rem' }} data-testid="application-code">{done.code}</b></p>
          <p>{t('ic.submittedLead')}</p>
          <div className="btn-row">
            <Link className="btn btn-primary" to={`/ho-so-lien-thong/${done.id}`}>{t('ic.view')}</Link>
            <button className="btn" onClick={() => window.print()}>{t('common.print')}</button>
          </div>
        </div>
      </Page>
    );
  }

  const errorList = Object.entries(fieldErrors);
  const steps = [t('ic.stepForm'), t('ic.stepDocs'), t('ic.stepReview')];
  return (
    <Page title={t('ic.applyTitle', { name: pick(g.name, g.nameEn) })}>
      <ol className="steps">
        {steps.map((s, i) => <li key={s} aria-current={i === step ? 'step' : undefined}>{s}</li>)}
      </ol>
      <h2 ref={heading} tabIndex={-1}>{steps[step]}</h2>
      {eidTooLow && <EidLevelNotice need={g.minEidLevel} have={me?.eidLevel ?? 0} />}
      {!eidTooLow && step === 0 && registry && (registry.found
        ? <p className="alert alert-info" data-testid="prefill-note">{t('oo.prefilled')}</p>
        : <p className="alert alert-error" role="status" data-testid="prefill-note">{t('oo.notFound')}</p>)}
      <ErrorBox error={error} />
      {errorList.length > 0 && (
        <div className="alert alert-error" data-testid="field-errors">
          <p style={{ margin: 0 }}>{t('ic.errorsList')}</p>
          <ul>{errorList.map(([f, m]) => <li key={f}><b>{fieldLabel(f)}</b>: {m}</li>)}</ul>
        </div>
      )}

      {step === 0 && !eidTooLow && (
        <div className="card">
          <div className="ic-ward">
          <label htmlFor="ic-ward">{t('ic.chooseWard')}</label>
          <p className="small muted" id="ic-ward-hint" style={{ marginTop: 0 }}>{t('ic.chooseWardHint')}</p>
          <select id="ic-ward" value={communeCode} onChange={(e) => { setCommuneCode(e.target.value); setWardMissing(false); }}
            aria-invalid={!!fieldErrors.communeCode || wardMissing}
            aria-describedby={['ic-ward-hint', (fieldErrors.communeCode || wardMissing) && 'ic-ward-err'].filter(Boolean).join(' ')}>
            <option value="">—</option>
            {wards.map((w) => <option key={w.code} value={w.code}>{pick(w.name, w.nameEn)}</option>)}
          </select>
          {(fieldErrors.communeCode || wardMissing) && <div id="ic-ward-err" className="field-error">{fieldErrors.communeCode ?? t('ic.wardMissing')}</div>}
          </div>
          <Form
            schema={g.form} uiSchema={uiSchema} formData={formData} validator={validator} showErrorList={false} noHtml5Validate focusOnFirstError
            liveValidate="onBlur" transformErrors={localiseErrors(i18n.language)} extraErrors={toExtraErrors(fieldErrors)}
            onChange={(e) => setFormData(e.formData)}
            onSubmit={() => {
              if (!communeCode) { setWardMissing(true); document.getElementById('ic-ward')?.focus(); return; }
              goTo(1);
            }}
            onError={() => setError(new ApiError(400, t('apply.formErrors'), t('apply.formErrors'), 'validation'))}
          >
            <div className="btn-row">
              <button type="submit" className="btn btn-primary">{t('common.next')}</button>
            </div>
          </Form>
        </div>
      )}

      {step === 1 && (
        <div className="card">
          {g.documents.length === 0 && <p>{t('apply.noDocs')}</p>}
          {g.documents.map((d) => (
            <div key={d.code} style={{ marginBottom: '1rem' }}>
              <FileDrop
                label={`${pick(d.name, d.nameEn)} (${t(`docKind.${d.kind}`, { defaultValue: d.kind })}${d.required ? '' : `, ${t('common.optional')}`})`}
                files={docs[d.code] ?? []} onChange={(f) => setDocs((cur) => ({ ...cur, [d.code]: f }))}
              />
              <div className="small muted">{t('ic.usedBy')}: {docParts(d).map(partName).join(', ')}{d.note ? ` · ${d.note}` : ''}</div>
              <StorePicker code={d.code} items={store} chosen={reused[d.code] ?? []} onChange={(ids) => setReused((cur) => ({ ...cur, [d.code]: ids }))} />
              {fieldErrors[`documents.${d.code}`] && <div className="field-error" role="alert">{fieldErrors[`documents.${d.code}`]}</div>}
            </div>
          ))}
          {missing.length > 0 && <p className="muted">{t('apply.missingDocs', { list: missing.map((d) => pick(d.name, d.nameEn)).join('; ') })}</p>}
          <div className="btn-row">
            <button className="btn" onClick={() => goTo(0)}>{t('common.back')}</button>
            <button className="btn btn-primary" disabled={missing.length > 0} onClick={() => goTo(2)}>{t('common.next')}</button>
          </div>
        </div>
      )}

      {step === 2 && (
        <>
          <div className="card">
            <p>{t('ic.reviewLead')}</p>
            <dl className="facts">
              <dt>{t('ic.ward')}</dt><dd>{ward ? pick(ward.name, ward.nameEn) : '—'}</dd>
              <dt>{t('proc.documents')}</dt>
              <dd>
                {g.documents.filter((d) => docs[d.code]?.length || reused[d.code]?.length).map((d) => (
                  <div key={d.code}>
                    {pick(d.name, d.nameEn)}: <b>{[
                      ...(docs[d.code] ?? []).map((f) => f.filename),
                      ...(reused[d.code] ?? []).map((id) => `${itemById.get(id)?.title ?? id} (${t('store.inStore')})`),
                    ].join(', ')}</b>
                  </div>
                ))}
              </dd>
            </dl>
            <details open>
              <summary>{t('apply.showAnswers')}</summary>
              <Answers schema={g.form} value={formData} />
            </details>
          </div>
          <section className="card" aria-labelledby="h-review-parts">
            <h3 id="h-review-parts" style={{ marginTop: 0 }}>{t('ic.howItGoes')}</h3>
            <PartsFlow
              parts={partsWithDeadlines ?? g.parts} label={t('ic.howItGoes')}
              render={(p, n) => (
                <>
                  <div><span className="ic-step" aria-hidden="true">{n}</span><b>{pick(p.name, p.nameEn)}</b></div>
                  <div className="small">{pick(p.agencyLabel, p.agencyLabelEn)}{p.deadline && <> · <DeadlineWords d={p.deadline} /></>}</div>
                </>
              )}
            />
            <p className="small" style={{ marginBottom: 0 }}><b>{t('ic.refusalRule')}:</b> {pick(g.refusalRule.vi, g.refusalRule.en)}</p>
          </section>
          <div className="btn-row">
            <button className="btn" onClick={() => goTo(1)}>{t('common.back')}</button>
            <button className="btn btn-primary" disabled={busy} onClick={submit}>{busy ? t('apply.submitting') : t('common.submit')}</button>
          </div>
        </>
      )}
    </Page>
  );
}

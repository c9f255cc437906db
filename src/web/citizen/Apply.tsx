import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api, get, newKey } from '../api';
import { fmtDateTime, fmtMoney } from '../format';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import { FileDrop, type Uploaded } from '../components/FileDrop';
import { useSession } from '../session';
import { Form, localiseErrors, toExtraErrors, validator } from './rjsf';
import { applyPrefill, EidLevelNotice, lockedUiSchema, mergeUi, StoreItemFacts, type PrefillValue, type StoreItem } from './onceOnly';
import { loadDelegationInForce, type DelegationInForce } from '../delegation/DelegationNotice';
import { ExemptionClaim, FeeBreakdown, useFeeQuote } from '../payments/FeeQuote';

type Step = 0 | 1 | 2;

export default function Apply() {
  const { code } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const pick = useLocalName();
  const { me } = useSession();
  const [proc, setProc] = useState<any>(null);
  const [agencies, setAgencies] = useState<any[]>([]);
  const [agencyCode, setAgencyCode] = useState('');
  // Delegated to every ward (a class of agencies): the applicant chooses among the delegates.
  const [delegated, setDelegated] = useState<DelegationInForce | null>(null);
  const [formData, setFormData] = useState<any>({});
  const [docs, setDocs] = useState<Record<string, Uploaded[]>>({});
  // Once-only: identity fields from the population database, documents reused from the data store.
  const [registry, setRegistry] = useState<{ found: boolean; prefill: PrefillValue[] } | null>(null);
  const [store, setStore] = useState<StoreItem[]>([]);
  const [reused, setReused] = useState<Record<string, string[]>>({});
  const [step, setStep] = useState<Step>(0);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<any>(null);
  // The fee before submitting: quoted online, updated when the citizen claims an exemption (with its proof).
  const [exemption, setExemption] = useState('');
  const [proof, setProof] = useState<Uploaded[]>([]);
  const [postAddress, setPostAddress] = useState('');
  const fee = useFeeQuote(proc?.code, 'online', exemption || undefined);
  // The form mounts once its first data (prefill or draft) is there: rjsf live-validates every
  // later change of its formData prop, which showed "required" errors before the citizen typed.
  const [ready, setReady] = useState(false);
  const draftId = useRef(params.get('nhap') ?? crypto.randomUUID());
  // One key per submission intent: double clicks and retries never make a second dossier.
  const submitKey = useRef(newKey());
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    (async () => {
      const p = await get(`/procedures/${encodeURIComponent(code!)}`);
      setProc(p);
      const del = await loadDelegationInForce(p.code);
      if (del?.delegates) { setDelegated(del); setAgencies(del.delegates); }
      else if (p.level === 'commune') setAgencies((await get(`/agencies?sector=${p.sector}&level=commune`)).items);
      const applicant = { fullName: me?.fullName, idNumber: me?.idNumber, phone: me?.phone, email: me?.email };
      const [rec, mine] = await Promise.all([
        get(`/my/population-record?procedureCode=${encodeURIComponent(p.code)}`).catch(() => ({ found: false, prefill: [] })),
        get('/my/data-store').catch(() => ({ items: [] })),
      ]);
      setRegistry(rec);
      setStore(mine.items);
      const draft = params.get('nhap') ? await get(`/drafts/${params.get('nhap')}`).catch(() => null) : null;
      if (draft) {
        // A resumed draft gets the registry's identity values again; its own answers stay.
        setFormData(applyPrefill({ ...draft.form, applicant: { ...draft.form.applicant, idNumber: me?.idNumber } }, rec.prefill, true));
        setAgencyCode(draft.agencyCode ?? '');
        const restored: Record<string, Uploaded[]> = {};
        const picked: Record<string, string[]> = {};
        for (const d of draft.documents) {
          restored[d.code] = await Promise.all(d.fileIds.map(fileInfo));
          // Store items that are gone (removed or expired since) are not offered again.
          const live = (d.storeItemIds ?? []).filter((id: string) => mine.items.some((x: any) => x.id === id));
          if (live.length) picked[d.code] = live;
        }
        setDocs(restored);
        setReused(picked);
      } else setFormData(applyPrefill({ applicant }, rec.prefill));
      setReady(true);
    })().catch(setError);
  }, [code]); // eslint-disable-line react-hooks/exhaustive-deps

  // Focus the new step's heading so screen readers announce it.
  useEffect(() => heading.current?.focus(), [step]);
  /** Moving on by the user's choice starts clean; a failed submission moves back keeping its error. */
  const goTo = (s: Step) => {
    setError(null);
    setStep(s);
  };

  const uiSchema = useMemo(() => mergeUi({
    'ui:submitButtonOptions': { norender: true },
    applicant: { idNumber: { 'ui:readonly': true }, fullName: { 'ui:readonly': !!me?.fullName } },
  }, lockedUiSchema(registry?.prefill ?? [], t('oo.fromRegistry'))), [me, registry, t]);

  if (error && !proc) return <Page title={t('proc.notFound')}><ErrorBox error={error} /></Page>;
  if (!proc || (!ready && !error)) return <Loading />;
  const uploadDocs = proc.documents.filter((d: any) => d.template !== 'form');
  const missing = uploadDocs.filter((d: any) => d.required && !(docs[d.code]?.length) && !(reused[d.code]?.length));
  const eidTooLow = me?.kind === 'citizen' && (me.eidLevel ?? 0) < proc.minEidLevel;
  const itemById = new Map(store.map((x) => [x.id, x]));
  const codes = [...new Set([...Object.keys(docs), ...Object.keys(reused)])];
  // The form's "how to receive the result" answer: by post needs the address.
  const byPost = typeof formData?.resultDelivery === 'string' && /bưu chính|bưu điện/i.test(formData.resultDelivery);
  // Left empty: the contact address given in the form.
  const contactAddress = typeof formData?.applicant?.address === 'string' ? formData.applicant.address.trim() : '';
  const deliveryAddress = postAddress.trim() || contactAddress;
  const body = () => ({
    procedureCode: proc.code,
    agencyCode: agencyCode || undefined,
    form: formData,
    documents: codes.map((c) => ({ code: c, fileIds: (docs[c] ?? []).map((x) => x.id), storeItemIds: reused[c] ?? [] }))
      .filter((d) => d.fileIds.length || d.storeItemIds.length),
    ...(exemption ? { exemption: { code: exemption, proofFileIds: proof.map((f) => f.id) } } : {}),
    ...(byPost ? { delivery: { method: 'post' as const, address: deliveryAddress || undefined } } : {}),
  });

  async function saveDraft() {
    setError(null);
    try {
      const b = body();
      await api('PUT', `/drafts/${draftId.current}`, { ...b, agencyCode: b.agencyCode ?? null });
      setSavedAt(new Date());
    } catch (e) {
      setError(e);
    }
  }

  async function submit() {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const res = await api('POST', '/dossiers', { ...body(), draftId: draftId.current }, { idempotencyKey: submitKey.current });
      setDone(res);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const byField = e.byField(i18n.language);
        setFieldErrors(byField);
        if (Object.keys(byField).some((f) => f.startsWith('form') || f === 'agencyCode' || f.startsWith('delivery'))) setStep(0);
        else if (Object.keys(byField).some((f) => f.startsWith('documents'))) setStep(1);
        // A new intent after a validation error: the next attempt is a new request.
        if (e.status === 400) submitKey.current = newKey();
      }
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Page title={t('apply.receiptTitle')}>
        <div className="card" role="status">
          <p>{t('apply.receiptCode')}: <b style={{ fontSize: '1.3rem' }}>{done.code}</b></p>
          <p>{t('apply.receiptLead')}</p>
          <div className="btn-row">
            <Link className="btn btn-primary" to={`/ho-so/${done.id}`}>{t('apply.viewDossier')}</Link>
            <button className="btn" onClick={() => window.print()}>{t('common.print')}</button>
          </div>
        </div>
      </Page>
    );
  }

  const steps = [t('apply.stepForm'), t('apply.stepDocs'), t('apply.stepReview')];
  return (
    <Page title={t('apply.title', { name: pick(proc.name, proc.nameEn) })}>
      <ol className="steps">
        {steps.map((s, i) => <li key={s} aria-current={i === step ? 'step' : undefined}>{s}</li>)}
      </ol>
      <h2 ref={heading} tabIndex={-1}>{steps[step]}</h2>
      {eidTooLow && <EidLevelNotice need={proc.minEidLevel} have={me?.eidLevel ?? 0} />}
      {!eidTooLow && proc.minEidLevel > 0 && step === 0 && <p className="alert alert-info">{t('apply.eidNote', { level: proc.minEidLevel })}</p>}
      {!eidTooLow && step === 0 && registry && (registry.found
        ? <p className="alert alert-info" data-testid="prefill-note">{t('oo.prefilled')}</p>
        : <p className="alert alert-error" role="status" data-testid="prefill-note">{t('oo.notFound')}</p>)}
      {step < 2 && fee.quote && (
        <p className="small" data-testid="fee-summary">{t('fee.totalOnline')}: <b>{fmtMoney(fee.quote.total)}</b>{fee.quote.policy ? ` — ${pick(fee.quote.policy.name, fee.quote.policy.nameEn)}` : ''}</p>
      )}
      <ErrorBox error={error} />
      {savedAt && <p className="alert alert-ok" role="status">{t('apply.draftSaved', { time: fmtDateTime(savedAt) })}</p>}

      {step === 0 && !eidTooLow && (
        <div className="card">
          {(proc.level === 'commune' || delegated) && (
            <>
              {delegated?.hint && <p className="alert alert-info" id="agency-hint" data-testid="delegate-hint">{pick(delegated.hint.vi, delegated.hint.en)}</p>}
              <label htmlFor="agency">{t('apply.chooseAgency')}</label>
              <select id="agency" value={agencyCode} onChange={(e) => setAgencyCode(e.target.value)} aria-invalid={!!fieldErrors.agencyCode}
                aria-describedby={[delegated?.hint && 'agency-hint', fieldErrors.agencyCode && 'agency-err'].filter(Boolean).join(' ') || undefined}>
                <option value="">—</option>
                {agencies.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
              </select>
              {fieldErrors.agencyCode && <div id="agency-err" className="field-error">{fieldErrors.agencyCode}</div>}
            </>
          )}
          <Form
            schema={proc.form} uiSchema={uiSchema} formData={formData} validator={validator} showErrorList={false} noHtml5Validate focusOnFirstError
            liveValidate="onBlur" transformErrors={localiseErrors(i18n.language)} extraErrors={toExtraErrors(fieldErrors)}
            onChange={(e) => setFormData(e.formData)}
            onSubmit={() => {
              if (byPost && !deliveryAddress) { setFieldErrors((cur) => ({ ...cur, 'delivery.address': t('delivery.addressMissing') })); return; }
              goTo(1);
            }}
            onError={() => setError(new ApiError(400, t('apply.formErrors'), t('apply.formErrors'), 'validation'))}
          >
            {byPost && (
              <div className="field" style={{ margin: '1rem 0' }}>
                <label htmlFor="delivery-address">{t('delivery.address')}</label>
                <input id="delivery-address" value={postAddress} onChange={(e) => setPostAddress(e.target.value)} autoComplete="street-address" maxLength={500} placeholder={contactAddress || undefined}
                  aria-invalid={!!fieldErrors['delivery.address']} aria-describedby={['delivery-address-hint', fieldErrors['delivery.address'] && 'delivery-address-err'].filter(Boolean).join(' ')} />
                <div id="delivery-address-hint" className="small muted">{t('delivery.addressHint')}</div>
                {fieldErrors['delivery.address'] && <div id="delivery-address-err" className="field-error">{fieldErrors['delivery.address']}</div>}
              </div>
            )}
            <div className="btn-row">
              <button type="submit" className="btn btn-primary">{t('common.next')}</button>
              <button type="button" className="btn" onClick={saveDraft}>{t('apply.saveDraft')}</button>
            </div>
          </Form>
        </div>
      )}

      {step === 1 && (
        <div className="card">
          {uploadDocs.length === 0 && <p>{t('apply.noDocs')}</p>}
          {uploadDocs.map((d: any) => (
            <div key={d.code} style={{ marginBottom: '1rem' }}>
              <FileDrop
                label={`${pick(d.name, d.nameEn)} (${t(`docKind.${d.kind}`)}${d.required ? '' : `, ${t('common.optional')}`})`}
                files={docs[d.code] ?? []} onChange={(f) => setDocs((cur) => ({ ...cur, [d.code]: f }))}
              />
              <StorePicker
                code={d.code} items={store} chosen={reused[d.code] ?? []}
                onChange={(ids) => setReused((cur) => ({ ...cur, [d.code]: ids }))}
              />
              {fieldErrors[`documents.${d.code}`] && <div className="field-error" role="alert">{fieldErrors[`documents.${d.code}`]}</div>}
            </div>
          ))}
          {missing.length > 0 && <p className="muted">{t('apply.missingDocs', { list: missing.map((d: any) => pick(d.name, d.nameEn)).join('; ') })}</p>}
          <div className="btn-row">
            <button className="btn" onClick={() => goTo(0)}>{t('common.back')}</button>
            <button className="btn btn-primary" disabled={missing.length > 0} onClick={() => goTo(2)}>{t('common.next')}</button>
            <button className="btn" onClick={saveDraft}>{t('apply.saveDraft')}</button>
          </div>
        </div>
      )}

      {step === 2 && (
        <div className="card">
          <p>{t('apply.reviewLead')}</p>
          <dl className="facts">
            {(proc.level === 'commune' || delegated) && <><dt>{t('apply.agency')}</dt><dd>{agencies.find((a) => a.code === agencyCode)?.name ?? '—'}</dd></>}
            <dt>{t('proc.deadline')}</dt><dd>{t(`deadline.${proc.deadline.unit}`, { value: proc.deadline.value })}</dd>
            {byPost && <><dt>{t('delivery.address')}</dt><dd>{deliveryAddress}</dd></>}
            <dt>{t('proc.documents')}</dt>
            <dd>
              {uploadDocs.filter((d: any) => docs[d.code]?.length || reused[d.code]?.length).map((d: any) => (
                <div key={d.code}>
                  {pick(d.name, d.nameEn)}: <b>{[
                    ...(docs[d.code] ?? []).map((f) => f.filename),
                    ...(reused[d.code] ?? []).map((id) => `${itemById.get(id)?.title ?? id} (${t('store.inStore')})`),
                  ].join(', ')}</b>
                </div>
              ))}
            </dd>
          </dl>
          <section aria-labelledby="h-fee" className="fee-before-submit">
            <h3 id="h-fee">{t('apply.fee')}</h3>
            {fee.quote ? <FeeBreakdown quote={fee.quote} /> : fee.error ? <ErrorBox error={fee.error} /> : <p className="muted">…</p>}
            <ExemptionClaim options={fee.quote?.exemptionsAvailable ?? []} code={exemption} onCode={(c) => { setExemption(c); if (!c) setProof([]); }}
              proof={proof} onProof={setProof} error={fieldErrors['exemption.code'] ?? fieldErrors['exemption.proofFileIds']} />
            {exemption && proof.length === 0 && <p className="small muted">{t('fee.proofMissing')}</p>}
          </section>
          <details open>
            <summary>{t('apply.showAnswers')}</summary>
            <Answers schema={proc.form} value={formData} />
          </details>
          <div className="btn-row">
            <button className="btn" onClick={() => goTo(1)}>{t('common.back')}</button>
            <button className="btn btn-primary" disabled={busy || (!!exemption && proof.length === 0)} onClick={submit}>{busy ? t('apply.submitting') : t('common.submit')}</button>
            <button className="btn" onClick={saveDraft}>{t('apply.saveDraft')}</button>
          </div>
        </div>
      )}
    </Page>
  );
}

/**
 * The citizen's data-store items that may stand for this document (valid ones only), each
 * usable with one click instead of a new upload; the chosen ones can be dropped again.
 */
export function StorePicker({ code, items, chosen, onChange }: { code: string; items: StoreItem[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const matching = items.filter((x) => x.accepts.includes(code) && !x.expired);
  if (matching.length === 0) return null;
  return (
    <div className="store-picker" style={{ marginTop: '.4rem' }}>
      <div className="small">{t('store.fromStore')}</div>
      <ul style={{ listStyle: 'none', padding: 0, margin: '.2rem 0' }}>
        {matching.map((x) => {
          const on = chosen.includes(x.id);
          return (
            <li key={x.id} className="file-row" style={{ alignItems: 'center', gap: '.5rem', flexWrap: 'wrap' }}>
              <span>
                <a href={x.url} target="_blank" rel="noreferrer">{x.title}</a>{' '}
                {on && <span className="badge badge-ok">{t('store.chosen')}</span>}
                <br /><StoreItemFacts item={x} />
              </span>
              {on
                ? <button type="button" className="btn" onClick={() => onChange(chosen.filter((id) => id !== x.id))}>{t('store.unchoose')}</button>
                : <button type="button" className="btn btn-primary" onClick={() => onChange([...chosen, x.id])} aria-label={`${t('store.useExisting')}: ${x.title}`}>{t('store.useExisting')}</button>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A saved draft keeps only the files' ids: their names, types and sizes come back from the file's headers. */
async function fileInfo(id: string): Promise<Uploaded> {
  const r = await fetch(`/api/v1/files/${id}`, { method: 'HEAD', credentials: 'same-origin' }).catch(() => null);
  const name = /filename\*=UTF-8''([^;]+)/.exec(r?.headers.get('content-disposition') ?? '')?.[1];
  return { id, filename: name ? decodeURIComponent(name) : id.slice(0, 8), mime: r?.headers.get('content-type') ?? '', size: Number(r?.headers.get('content-length') ?? 0) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The answers as the applicant gave them, under the form's own labels (not the raw data). */
export function Answers({ schema, value }: { schema: any; value: Record<string, unknown> }) {
  const { t } = useTranslation();
  const show = (s: any, v: unknown): ReactNode => {
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (s?.format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v.split('-').reverse().join('/');
    return String(v);
  };
  return (
    <dl className="facts answers">
      {Object.entries(value ?? {}).filter(([, v]) => !isEmpty(v)).map(([k, v]) => {
        const s = schema?.properties?.[k];
        return (
          <Fragment key={k}>
            <dt>{s?.title ?? k}</dt>
            <dd>
              {isObject(v) ? <Answers schema={s} value={v} />
                : Array.isArray(v) ? <ol>{v.map((x, i) => <li key={i}>{isObject(x) ? <Answers schema={s?.items} value={x} /> : show(s?.items, x)}</li>)}</ol>
                : show(s, v)}
            </dd>
          </Fragment>
        );
      })}
    </dl>
  );
}

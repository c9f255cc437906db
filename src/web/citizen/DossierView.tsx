import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, get, newKey } from '../api';
import { fmtDateTime } from '../format';
import { ErrorBox, Loading, Page, StatusBadge, Timeliness, useLocalName } from '../components/ui';
import { FileDrop, type Uploaded } from '../components/FileDrop';
import { DelegationNote, SignatureBlock } from '../components/SignatureBlock';
import { ResultsPanel } from '../results/ResultsPanel';
import { PaymentPanel } from '../payments/PaymentPanel';
import { DeliveryFacts, QuotedFeeFacts } from '../payments/Delivery';
import { PartOfBadge } from '../interconnect/PartOfBadge';

const FINISHED = [3, 7, 8, 9, 10];
/** Status 6: the deadline is paused while the applicant pays (status 5: while they supplement). */
const PAYMENT_REQUESTED = 6;
const SLIP_ACTION: Record<string, string> = { receipt: 'receive', supplement: 'request_supplement', refusal: 'refuse', apology: 'extend' };

export default function DossierView() {
  const { id } = useParams();
  const { t } = useTranslation();
  const pick = useLocalName();
  const [d, setD] = useState<any>(null);
  const [proc, setProc] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    const x = await get(`/dossiers/${id}`);
    setD(x);
    setProc(await get(`/procedures/${x.procedure.code}?version=${x.procedure.version}`));
  }, [id]);
  useEffect(() => { load().catch(setError); }, [load]);
  if (!d) return error ? <Page title="—"><ErrorBox error={error} /></Page> : <Loading />;
  const actions: string[] = d.tracking.map((r: any) => r.action);
  const lastSupplement = [...d.tracking].reverse().find((r: any) => r.action === 'request_supplement');
  const results = d.documents.filter((x: any) => x.documentCode === 'result');
  /** A document's name in the user's language, from the procedure (the dossier stores the Vietnamese one). */
  const docName = (x: any) => {
    const p = proc?.documents?.find((y: any) => y.code === x.documentCode);
    return p ? pick(p.name, p.nameEn) : x.documentName;
  };
  return (
    <Page title={t('dossier.title', { code: d.code })}>
      <ErrorBox error={error} />
      <div className="card">
        <p><b>{pick(d.procedure.name, d.procedure.nameEn)}</b></p>
        <PartOfBadge link={d.interconnect} />
        <dl className="facts">
          <dt>{t('dossier.status')}</dt><dd><StatusBadge status={d.status} name={d.statusName} /> <Timeliness value={d.timeliness} /></dd>
          <dt>{t('dossier.agency')}</dt><dd>{pick(d.agency?.name, d.agency?.nameEn)}</dd>
          {d.delegation && <><dt>{t('sig.delegation')}</dt><dd><DelegationNote delegation={d.delegation} /></dd></>}
          <dt>{t('dossier.submitted')}</dt><dd>{fmtDateTime(d.submittedAt)}</dd>
          <dt>{t('dossier.received')}</dt><dd>{fmtDateTime(d.receivedAt)}</dd>
          <dt>{t('dossier.due')}</dt><dd>{fmtDateTime(d.dueAt)}</dd>
          <QuotedFeeFacts quote={d.feeQuote} />
          <DeliveryFacts delivery={d.delivery} />
          {d.currentStep?.unit && !FINISHED.includes(d.status) && <><dt>{t('dossier.holder')}</dt><dd>{pick(d.currentStep.name, d.currentStep.nameEn)} — {d.currentStep.unit.name}</dd></>}
        </dl>
        {d.pausedAt && <p className="alert alert-info">{t(d.status === PAYMENT_REQUESTED ? 'dossier.pausedPayment' : 'dossier.paused')}</p>}
      </div>

      {d.status === 5 && lastSupplement && d.availableActions.includes('resubmit') && (
        <Supplement dossier={d} request={lastSupplement} documents={proc?.documents ?? []} onDone={load} onError={setError} />
      )}

      {(d.status === 6 || !!d.feeAmount) && <PaymentPanel dossier={d} onChanged={load} />}

      {results.length > 0 && (
        <section className="card" aria-labelledby="h-result">
          <h2 id="h-result">{t('dossier.result')}</h2>
          {results.map((r: any) => <p key={r.fileId}><a className="btn btn-primary" href={r.url}>{t('dossier.downloadResult')}: {r.filename}</a></p>)}
        </section>
      )}

      {d.signature && (
        <section className="card" aria-labelledby="h-signature">
          <h2 id="h-signature">{t('sig.title')}</h2>
          <SignatureBlock signature={d.signature} />
        </section>
      )}
      {d.signature && <ResultsPanel dossierId={d.id} />}

      <section className="card" aria-labelledby="h-timeline">
        <h2 id="h-timeline">{t('dossier.timeline')}</h2>
        <ol className="timeline">
          {d.tracking.map((r: any) => (
            <li key={r.seq}>
              <b>{pick(r.actionName?.vi, r.actionName?.en)}</b> <span className="muted small">{fmtDateTime(r.at)}</span>
              <div className="small">{r.step !== r.actionName?.vi && r.step}{r.step !== r.actionName?.vi && r.to ? ' → ' : ''}{r.to?.name}</div>
              {r.stepDueAt && <div className="small muted">{t('dossier.stepDue')}: {fmtDateTime(r.stepDueAt)} <Timeliness value={r.judgement} /></div>}
              {r.note && <div className="small">“{r.note}”</div>}
            </li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="h-docs">
        <h2 id="h-docs">{t('dossier.documents')}</h2>
        <ul>{d.documents.filter((x: any) => x.documentCode !== 'result').map((x: any) => <li key={x.fileId}>{docName(x)}: <a href={x.url}>{x.filename}</a></li>)}</ul>
        <h3>{t('dossier.slips')}</h3>
        <ul>
          {['receipt', 'supplement', 'refusal', 'apology', 'tracking'].filter((k) => k === 'tracking' || actions.includes(SLIP_ACTION[k])).map((k) => (
            <li key={k}><a href={`/api/v1/dossiers/${d.id}/slips/${k}.pdf`} target="_blank" rel="noreferrer">{t(`dossier.${k}`)} (PDF)</a></li>
          ))}
        </ul>
      </section>

      {d.availableActions.includes('withdraw') && <Withdraw dossier={d} onDone={load} onError={setError} />}
      {FINISHED.includes(d.status) && <Rating dossierId={d.id} />}
    </Page>
  );
}

function Supplement({ dossier, request, documents, onDone, onError }: { dossier: any; request: any; documents: any[]; onDone: () => Promise<void>; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const uploadable = documents.filter((x) => x.template !== 'form');
  // The document the agency asked for is chosen already.
  const asked = (request.data?.items ?? []).find((it: any) => uploadable.some((x) => x.code === it.documentCode))?.documentCode;
  const [code, setCode] = useState('');
  const chosen = code || asked || uploadable[0]?.code || '';
  const [files, setFiles] = useState<Uploaded[]>([]);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  async function send() {
    setBusy(true);
    try {
      const docCode = chosen;
      await api('POST', `/dossiers/${dossier.id}/resubmit`, { version: dossier.version, documents: [{ code: docCode, fileIds: files.map((f) => f.id) }] }, { idempotencyKey: key.current });
      await onDone();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="h-sup" style={{ borderColor: '#d4a72c' }}>
      <h2 id="h-sup">{t('dossier.supplementTitle')}</h2>
      <p>{t('dossier.supplementLead')}</p>
      <ul>{(request.data?.items ?? []).map((it: any, i: number) => <li key={i}><b>{it.name}</b> — {it.reason}</li>)}</ul>
      <label htmlFor="sup-doc">{pick('Loại giấy tờ', 'Document type')}</label>
      <select id="sup-doc" value={chosen} onChange={(e) => setCode(e.target.value)}>
        {uploadable.map((x) => <option key={x.code} value={x.code}>{pick(x.name, x.nameEn)}</option>)}
      </select>
      <FileDrop label={t('dossier.supplementFiles')} files={files} onChange={setFiles} />
      <button className="btn btn-primary" disabled={busy || files.length === 0} onClick={send}>{t('dossier.sendSupplement')}</button>
    </section>
  );
}

function Withdraw({ dossier, onDone, onError }: { dossier: any; onDone: () => Promise<void>; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) return <p><button className="btn btn-danger" onClick={() => setOpen(true)}>{t('dossier.withdraw')}</button></p>;
  return (
    <section className="card" aria-labelledby="h-wd">
      <h2 id="h-wd">{t('dossier.withdraw')}</h2>
      <label htmlFor="wd-reason">{t('dossier.withdrawReason')}</label>
      <textarea id="wd-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      <div className="btn-row">
        <button className="btn" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
        <button className="btn btn-danger" disabled={!reason.trim()} onClick={async () => {
          try { await api('POST', `/dossiers/${dossier.id}/withdraw`, { version: dossier.version, reason }); await onDone(); } catch (e) { onError(e); }
        }}>{t('dossier.withdrawConfirm')}</button>
      </div>
    </section>
  );
}

function Rating({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState<any>(undefined);
  const [level, setLevel] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { get(`/dossiers/${dossierId}/rating`).then((r) => setRating(r.rating), setError); }, [dossierId]);
  if (rating === undefined) return null;
  if (rating) return <p className="alert alert-ok">{t('dossier.rated', { level: t(`dossier.${rating.level}`) })}</p>;
  return (
    <section className="card" aria-labelledby="h-rate">
      <h2 id="h-rate">{t('dossier.rateTitle')}</h2>
      <ErrorBox error={error} />
      <fieldset style={{ border: 0, padding: 0 }}>
        <legend className="sr-only-label">{t('dossier.rateTitle')}</legend>
        {['very_satisfied', 'satisfied', 'unsatisfied'].map((l) => (
          <label key={l} style={{ fontWeight: 400 }}><input type="radio" name="rating" value={l} checked={level === l} onChange={() => setLevel(l)} /> {t(`dossier.${l}`)}</label>
        ))}
      </fieldset>
      <label htmlFor="rate-comment">{t('dossier.comment')}</label>
      <textarea id="rate-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      <button className="btn btn-primary" disabled={!level} onClick={async () => {
        try { setRating(await api('POST', `/dossiers/${dossierId}/rating`, { level, comment: comment || undefined })); } catch (e) { setError(e); }
      }}>{t('dossier.sendRating')}</button>
    </section>
  );
}

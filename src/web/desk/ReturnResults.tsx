import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, newKey, post } from '../api';
import { fmtDateTime } from '../format';
import { ErrorBox, Loading, Page, StatusBadge, useLocalName } from '../components/ui';
import { isTransient } from './common';
import { DeliveryFacts, s10Error, TrackingNoInput } from '../payments/Delivery';

const DONE = 9;

/**
 * Returning results at the desk: find finished dossiers (status 9) by code or the applicant's ID
 * number, show the result documents, record who collected the result and how, print the
 * tracking slip.
 */
export default function ReturnResults() {
  const { t, i18n } = useTranslation();
  const pick = useLocalName();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [list, setList] = useState<any[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [d, setD] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [receiver, setReceiver] = useState<'self' | 'proxy'>('self');
  const [proxyName, setProxyName] = useState('');
  const [proxyId, setProxyId] = useState('');
  const [method, setMethod] = useState<'in_person' | 'post'>('in_person');
  const [postRef, setPostRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [returned, setReturned] = useState<any>(null);
  const key = useRef(newKey());
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);

  async function search(value = q) {
    const v = value.trim();
    setError(null);
    setD(null);
    setReturned(null);
    if (!v) return;
    setSearching(true);
    setParams({ q: v }, { replace: true });
    try {
      const by = /^\d{12}$/.test(v) ? `idNumber=${v}&purpose=result_return` : `code=${encodeURIComponent(v)}`;
      setList((await get<{ items: any[] }>(`/dossiers?status=${DONE}&${by}`)).items);
    } catch (e) {
      setError(e);
    } finally {
      setSearching(false);
    }
  }
  useEffect(() => { if (q) void search(q); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function open(id: string) {
    setError(null);
    setErrs({});
    try {
      const x = await get(`/dossiers/${id}`);
      setD(x);
      setReceiver('self'); setProxyName(''); setProxyId(''); setMethod(x.delivery?.method === 'post' ? 'post' : 'in_person'); setPostRef('');
      key.current = newKey();
      setTimeout(() => detailHeading.current?.focus(), 0);
    } catch (e) {
      setError(e);
    }
  }

  async function confirm(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    const e: Record<string, string> = {};
    const required = i18n.language === 'en' ? 'is required' : 'là trường bắt buộc';
    if (method === 'in_person' && receiver === 'proxy' && !proxyName.trim()) e.proxyName = required;
    if (method === 'in_person' && receiver === 'proxy' && proxyId.trim() && !/^\d{12}$/.test(proxyId.trim())) e.proxyId = t('desk.reception.idFormat');
    // By post: the UPU S10 tracking number, checked here as the server does (format and check digit).
    const s10 = method === 'post' ? (postRef.trim() ? s10Error(postRef) : 'required') : null;
    if (s10) e.postRef = s10 === 'required' ? required : s10 === 'format' ? t('delivery.trackingFormat') : t('delivery.trackingCheckDigit');
    setErrs(e);
    if (Object.keys(e).length) {
      document.getElementById(Object.keys(e)[0])?.focus();
      return;
    }
    const receivedBy = method === 'post' ? (d.delivery?.recipient ?? d.applicant.name)
      : receiver === 'self' ? d.applicant.name
      : `${proxyName.trim()} (${t('desk.returns.proxySuffix')}${proxyId.trim() ? `, ${proxyId.trim()}` : ''})`;
    setBusy(true);
    try {
      const r = await post(`/dossiers/${d.id}/return`, { version: d.version, method, receivedBy, ...(method === 'post' ? { trackingNo: postRef.trim().toUpperCase() } : {}) }, key.current);
      key.current = newKey();
      setReturned(r);
      setList((l) => l?.filter((x) => x.id !== r.id) ?? null);
      setTimeout(() => doneHeading.current?.focus(), 0);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        if (!isTransient(err)) key.current = newKey();
        const byField = err.byField(i18n.language);
        setErrs({ ...(byField.receivedBy ? { [method === 'post' ? 'postRef' : 'proxyName']: byField.receivedBy } : {}), ...(byField.trackingNo ? { postRef: byField.trackingNo } : {}) });
        if (err.status === 409) void open(d.id);
      }
    } finally {
      setBusy(false);
    }
  }

  const clearErr = (f: string) => setErrs((e) => (e[f] ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== f)) : e));
  const results = d ? d.documents.filter((x: any) => x.documentCode === 'result') : [];
  const fieldErr = (f: string) => errs[f] ? <div id={`${f}-err`} className="field-error">{errs[f]}</div> : null;
  return (
    <Page title={t('desk.returns.title')}>
      <form className="card desk-search" role="search" onSubmit={(e) => { e.preventDefault(); void search(); }}>
        <label htmlFor="ret-q">{t('desk.returns.query')}</label>
        <div className="desk-inline">
          <input id="ret-q" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
          <button type="submit" className="btn btn-primary" disabled={searching}>{t('desk.returns.find')}</button>
        </div>
      </form>
      <ErrorBox error={error} />

      {returned && (
        <section className="card" aria-labelledby="ret-done">
          <h2 id="ret-done" ref={doneHeading} tabIndex={-1}>{t('desk.returns.returned', { code: returned.code })}</h2>
          <p><StatusBadge status={returned.status} name={returned.statusName} /></p>
          {returned.delivery?.trackingNo && <dl className="facts"><DeliveryFacts delivery={returned.delivery} /></dl>}
          <div className="btn-row">
            <a className="btn btn-primary" href={`/api/v1/dossiers/${returned.id}/slips/tracking.pdf`} target="_blank" rel="noreferrer">{t('desk.returns.printTracking')}</a>
            <button type="button" className="btn" onClick={() => { setReturned(null); setD(null); setQ(''); setList(null); document.getElementById('ret-q')?.focus(); }}>{t('desk.returns.another')}</button>
          </div>
        </section>
      )}

      {searching && <Loading />}
      {list && !returned && (
        list.length === 0 ? <p className="card">{t('desk.returns.none')}</p> : (
          <section className="card" aria-labelledby="ret-list">
            <h2 id="ret-list">{t('desk.returns.results')}</h2>
            <div className="table-wrap">
              <table>
                <thead><tr><th>{t('desk.returns.code')}</th><th>{t('desk.returns.procedure')}</th><th>{t('desk.returns.applicant')}</th><th>{t('desk.returns.finished')}</th><th><span className="sr-only-label">{t('desk.returns.select')}</span></th></tr></thead>
                <tbody>
                  {list.map((x) => (
                    <tr key={x.id} aria-current={d?.id === x.id ? 'true' : undefined}>
                      <td className="desk-nowrap"><b>{x.code}</b></td>
                      <td>{x.procedureName}</td>
                      <td>{x.applicantName}{x.applicantIdNumber ? <div className="muted small">{x.applicantIdNumber}</div> : null}</td>
                      <td>{fmtDateTime(x.finishedAt)}</td>
                      <td><button type="button" className="btn" onClick={() => void open(x.id)} aria-label={`${t('desk.returns.select')}: ${x.code}`}>{t('desk.returns.select')}</button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )
      )}

      {d && !returned && (
        <section className="card" aria-labelledby="ret-detail">
          <h2 id="ret-detail" ref={detailHeading} tabIndex={-1}>{d.code}</h2>
          <dl className="facts">
            <dt>{t('desk.returns.procedure')}</dt><dd>{pick(d.procedure.name, d.procedure.nameEn)}</dd>
            <dt>{t('desk.returns.applicant')}</dt><dd>{d.applicant.name}{d.applicant.idNumber ? ` — ${d.applicant.idNumber}` : ''}</dd>
            <dt>{t('desk.returns.status')}</dt><dd><StatusBadge status={d.status} name={d.statusName} /> {d.outcome && <span className="badge badge-info">{t(`desk.returns.outcome_${d.outcome}`)}</span>}</dd>
            <dt>{t('desk.reception.due')}</dt><dd>{fmtDateTime(d.dueAt)}</dd>
            <dt>{t('desk.returns.finished')}</dt><dd>{fmtDateTime(d.finishedAt)}</dd>
          </dl>
          <h3>{t('desk.returns.documents')}</h3>
          {results.length ? (
            <ul>{results.map((r: any) => <li key={r.fileId}><a href={r.url} target="_blank" rel="noreferrer">{r.filename}</a></li>)}</ul>
          ) : <p className="muted">{t('desk.returns.noResultFiles')}</p>}

          {d.availableActions.includes('return') ? (
            <form onSubmit={confirm} noValidate>
              <fieldset className="desk-fieldset">
                <legend>{t('desk.returns.method')}</legend>
                {(['in_person', 'post'] as const).map((m) => (
                  <label key={m} className="desk-radio"><input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} /> {t(`desk.returns.${m}`)}</label>
                ))}
              </fieldset>
              {method === 'in_person' ? (
                <fieldset className="desk-fieldset">
                  <legend>{t('desk.returns.receiver')}</legend>
                  <label className="desk-radio"><input type="radio" name="receiver" checked={receiver === 'self'} onChange={() => setReceiver('self')} /> {t('desk.returns.self')}: <b>{d.applicant.name}</b></label>
                  <label className="desk-radio"><input type="radio" name="receiver" checked={receiver === 'proxy'} onChange={() => setReceiver('proxy')} /> {t('desk.returns.proxy')}</label>
                  {receiver === 'proxy' && (
                    <div className="desk-fields">
                      <div>
                        <label htmlFor="proxyName">{t('desk.returns.proxyName')}<span className="desk-req" aria-hidden="true"> *</span></label>
                        <input id="proxyName" aria-required="true" value={proxyName} onChange={(e) => { setProxyName(e.target.value); clearErr('proxyName'); }} aria-invalid={!!errs.proxyName} aria-describedby={errs.proxyName ? 'proxyName-err' : undefined} />
                        {fieldErr('proxyName')}
                      </div>
                      <div>
                        <label htmlFor="proxyId">{t('desk.returns.proxyId')}</label>
                        <input id="proxyId" inputMode="numeric" value={proxyId} onChange={(e) => { setProxyId(e.target.value); clearErr('proxyId'); }} aria-invalid={!!errs.proxyId} aria-describedby={errs.proxyId ? 'proxyId-err' : undefined} />
                        {fieldErr('proxyId')}
                      </div>
                    </div>
                  )}
                </fieldset>
              ) : (
                <div>
                  {d.delivery?.address && <dl className="facts"><DeliveryFacts delivery={d.delivery} /></dl>}
                  <TrackingNoInput id="postRef" value={postRef} onChange={(v) => { setPostRef(v); clearErr('postRef'); }} error={errs.postRef} />
                </div>
              )}
              <div className="btn-row">
                <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? t('desk.reception.working') : t('desk.returns.confirm')}</button>
                <a className="btn" href={`/api/v1/dossiers/${d.id}/slips/tracking.pdf`} target="_blank" rel="noreferrer">{t('desk.reception.printTracking')}</a>
              </div>
            </form>
          ) : <p className="alert alert-info">{t('desk.returns.notYours')}</p>}
        </section>
      )}
    </Page>
  );
}

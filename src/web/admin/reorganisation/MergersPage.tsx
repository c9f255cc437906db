import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, newKey, post } from '../../api';
import { fmtDate } from '../../format';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { addStrings } from '../../i18n';
import { reorgStrings } from './locales';

addStrings(reorgStrings);

interface Merger {
  id: string; resolutionNo: string; resolutionDate: string | null; effectiveOn: string; status: 'recorded' | 'applied' | 'cancelled';
  sources: { code: string; name: string }[]; target: { code: string; name: string; isNew: boolean }; result: any;
}

const EMPTY = { resolutionNo: '', resolutionDate: '', effectiveOn: '', sourceCodes: '', targetCode: '', newCode: '', newName: '', newNameEn: '', auCode: '', auName: '', note: '' };

/** /quan-tri/sap-xep-don-vi: record a merger, preview what moves, apply it (system administrators). */
export default function MergersPage() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Merger[] | null>(null);
  const [preview, setPreview] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [form, setForm] = useState(EMPTY);
  const [isNew, setIsNew] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const key = useRef(newKey());

  const load = useCallback(() => get<{ items: Merger[] }>('/reorganisation/mergers').then((r) => setItems(r.items), setError), []);
  useEffect(() => { void load(); }, [load]);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  const onCreate = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null); setNotice(null); setFieldErrors({});
    const au = form.auCode.trim() ? { code: form.auCode.trim(), name: form.auName.replace(/^(Phường|Xã|Đặc khu)\s+/i, ''), nameEn: form.auName, fullName: form.auName, fullNameEn: form.auName } : null;
    try {
      const m = await post<Merger>('/reorganisation/mergers', {
        resolutionNo: form.resolutionNo, resolutionDate: form.resolutionDate || null, effectiveOn: form.effectiveOn,
        sourceCodes: form.sourceCodes.split(/[,\s]+/).filter(Boolean), note: form.note,
        ...(isNew ? { targetNew: { code: form.newCode.trim(), name: form.newName.trim(), nameEn: form.newNameEn.trim() || form.newName.trim(), adminUnit: au } } : { targetCode: form.targetCode.trim() }),
      }, key.current);
      key.current = newKey();
      setForm(EMPTY);
      setNotice(t('reorg.saved', { no: m.resolutionNo }));
      await load();
      await showPreview(m.id);
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setFieldErrors(err.byField(i18n.language));
      setError(err);
    }
  };
  const showPreview = async (id: string) => {
    setError(null);
    try { setPreview(await get(`/reorganisation/mergers/${id}`)); } catch (err) { setError(err); }
  };
  const apply = async (id: string) => {
    setError(null); setNotice(null);
    try {
      const r = await post<{ changed: boolean; merger: Merger }>(`/reorganisation/mergers/${id}/apply`, {}, newKey());
      const res = r.merger.result;
      setNotice(t('reorg.applied', { dossiers: res?.dossiers?.reduce((n: number, x: any) => n + x.codes.length, 0) ?? 0, grants: res?.grantsMoved ?? 0, units: res?.unitsDissolved ?? 0 }));
      setPreview(null);
      await load();
    } catch (err) { setError(err); }
  };
  const cancel = async (id: string) => {
    setError(null);
    try { await post(`/reorganisation/mergers/${id}/cancel`, {}, newKey()); setPreview(null); await load(); } catch (err) { setError(err); }
  };
  const input = (k: keyof typeof EMPTY, type = 'text', span = '', errKey: string = k) => (
    <div className={`adm-field ${span}`}>
      <label htmlFor={`mg-${k}`}>{t(`reorg.${k}`)}</label>
      <input id={`mg-${k}`} type={type} value={form[k]} onChange={set(k)} aria-invalid={!!fieldErrors[errKey]} aria-describedby={fieldErrors[errKey] ? `mg-${k}-err` : undefined} />
      {fieldErrors[errKey] && <div id={`mg-${k}-err`} className="field-error">{fieldErrors[errKey]}</div>}
    </div>
  );

  return (
    <Page title={t('reorg.title')}>
      <nav aria-label={t('adm.breadcrumb')} className="adm-crumbs small"><Link to="/quan-tri">{t('adm.homeTitle')}</Link> › {t('reorg.title')}</nav>
      <p className="muted">{t('reorg.lead')}</p>
      {notice && <p className="alert alert-ok" role="status">{notice}</p>}
      <ErrorBox error={error} />
      <section className="card" aria-labelledby="h-mg-list">
        <h2 id="h-mg-list">{t('reorg.list')}</h2>
        {!items ? <Loading /> : items.length === 0 ? <p>{t('reorg.none')}</p> : (
          <div className="table-wrap">
            <table className="stack">
              <thead><tr><th scope="col">{t('reorg.resolution')}</th><th scope="col">{t('reorg.sources')}</th><th scope="col">{t('reorg.target')}</th><th scope="col">{t('reorg.effectiveOn')}</th><th scope="col">{t('reorg.status')}</th><th scope="col"><span className="sr-only-label">{t('adm.actions')}</span></th></tr></thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id}>
                    <td data-label={t('reorg.resolution')}><b>{m.resolutionNo}</b>{m.resolutionDate && <div className="small muted">{fmtDate(m.resolutionDate)}</div>}</td>
                    <td data-label={t('reorg.sources')}>{m.sources.map((s) => <div key={s.code}>{s.name} <span className="adm-mono small">({s.code})</span></div>)}</td>
                    <td data-label={t('reorg.target')}>{m.target.name} <span className="adm-mono small">({m.target.code})</span> {m.target.isNew && <span className="small muted">{t('reorg.newTarget')}</span>}</td>
                    <td data-label={t('reorg.effectiveOn')}>{fmtDate(m.effectiveOn)}</td>
                    <td data-label={t('reorg.status')}>{t(`reorg.statuses.${m.status}`)}</td>
                    <td>{m.status === 'recorded' && <div className="btn-row">
                      <button type="button" className="btn btn-small" onClick={() => void showPreview(m.id)}>{t('reorg.preview')}</button>
                      <button type="button" className="btn btn-small btn-danger" onClick={() => void cancel(m.id)}>{t('reorg.cancel')}</button></div>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {preview && (
        <section className="card" aria-labelledby="h-mg-preview">
          <h2 id="h-mg-preview">{t('reorg.previewTitle')}: {preview.merger.resolutionNo}</h2>
          <ul>
            {preview.createsAgency && <li>{t('reorg.pvCreates', { name: preview.merger.target.name })}</li>}
            {preview.openDossiers.map((o: any) => <li key={o.agency}>{t('reorg.pvDossiers', { agency: o.agency, count: o.count })}</li>)}
            <li>{t('reorg.pvGrants', { count: preview.grants })}</li>
            <li>{preview.delegations.length ? t('reorg.pvDelegations', { list: preview.delegations.map((d: any) => `${d.decisionNo} (${d.authority} → ${d.delegate})`).join('; ') }) : t('reorg.pvNoDelegations')}</li>
            <li>{t('reorg.pvUnits', { count: preview.units })}</li>
            {preview.adminUnits.map((a: any) => <li key={a.code}>{t('reorg.pvAdmin', { code: a.code, successor: a.successor })}</li>)}
          </ul>
          {preview.due
            ? <div className="btn-row"><button type="button" className="btn btn-primary" onClick={() => void apply(preview.merger.id)}>{t('reorg.apply')}</button></div>
            : <p className="alert alert-info">{t('reorg.notDue', { date: fmtDate(preview.merger.effectiveOn) })}</p>}
        </section>
      )}
      <form className="card" aria-labelledby="h-mg-new" onSubmit={onCreate} noValidate>
        <h2 id="h-mg-new">{t('reorg.create')}</h2>
        <div className="adm-grid">
          {input('resolutionNo')}{input('resolutionDate', 'date')}{input('effectiveOn', 'date')}{input('sourceCodes', 'text', '', 'sourceCodes')}
          <fieldset className="adm-field span-4">
            <legend>{t('reorg.targetKind')}</legend>
            <label><input type="radio" name="mg-target" checked={!isNew} onChange={() => setIsNew(false)} /> {t('reorg.targetExisting')}</label>
            <label><input type="radio" name="mg-target" checked={isNew} onChange={() => setIsNew(true)} /> {t('reorg.targetNewOpt')}</label>
          </fieldset>
          {!isNew ? input('targetCode') : <>{input('newCode', 'text', '', 'targetNew.code')}{input('newName', 'text', '', 'targetNew.name')}{input('newNameEn')}{input('auCode')}{input('auName', 'text', 'span-2')}</>}
          {input('note', 'text', 'span-4')}
        </div>
        <div className="btn-row"><button type="submit" className="btn btn-primary">{t('reorg.save')}</button></div>
      </form>
    </Page>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get, newKey } from '../api';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import { FileDrop, type Uploaded } from '../components/FileDrop';
import { StoreItemFacts, type StoreItem } from './onceOnly';

interface DocType { code: string; name: string; nameEn: string }

/** The personal data store (kho dữ liệu cá nhân): list, view, add from an upload, remove. */
export default function MyData() {
  const { t } = useTranslation();
  const pick = useLocalName();
  const [items, setItems] = useState<StoreItem[] | null>(null);
  const [types, setTypes] = useState<DocType[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function load() {
    const r = await get('/my/data-store');
    setItems(r.items);
    setTypes(r.types);
  }
  useEffect(() => { load().catch(setError); }, []);

  async function remove(x: StoreItem) {
    if (!window.confirm(t('store.removeConfirm', { title: x.title }))) return;
    setError(null);
    try {
      await api('DELETE', `/my/data-store/${x.id}`);
      setNotice(t('store.removed', { title: x.title }));
      await load();
    } catch (e) {
      setError(e);
    }
  }

  if (!items) return error ? <Page title={t('store.title')}><ErrorBox error={error} /></Page> : <Loading />;
  return (
    <Page title={t('store.title')}>
      <p>{t('store.lead')}</p>
      <ErrorBox error={error} />
      {notice && <p className="alert alert-ok" role="status">{notice}</p>}
      <section className="card" aria-label={t('store.title')}>
        {items.length === 0 ? <p className="muted">{t('store.empty')}</p> : (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="store-items">
            {items.map((x) => (
              <li key={x.id} className="file-row" style={{ alignItems: 'center', gap: '.5rem', flexWrap: 'wrap', justifyContent: 'space-between' }}>
                <span>
                  <b>{x.title}</b><br />
                  <StoreItemFacts item={x} />
                </span>
                <span className="btn-row" style={{ margin: 0 }}>
                  <a className="btn" href={x.url} target="_blank" rel="noreferrer" aria-label={`${t('store.view')}: ${x.title}`}>{t('store.view')}</a>
                  <button type="button" className="btn" onClick={() => remove(x)} aria-label={`${t('store.remove')}: ${x.title}`}>{t('store.remove')}</button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <AddItem types={types} pick={pick} onAdded={async (title) => { setNotice(t('store.added', { title })); await load(); }} />
    </Page>
  );
}

function AddItem({ types, pick, onAdded }: { types: DocType[]; pick: (vi?: string | null, en?: string | null) => string; onAdded: (title: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [files, setFiles] = useState<Uploaded[]>([]);
  const [f, setF] = useState({ documentType: 'khac', title: '', number: '', issuer: '', issuedOn: '', validUntil: '' });
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((cur) => ({ ...cur, [k]: e.target.value }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    if (!files.length) {
      setFieldErrors({ fileId: t('store.needFile') });
      return;
    }
    setBusy(true);
    try {
      const body = Object.fromEntries(Object.entries({ ...f, fileId: files[0].id }).filter(([, v]) => v !== ''));
      await api('POST', '/my/data-store', body, { idempotencyKey: key.current });
      key.current = newKey();
      const title = f.title;
      setFiles([]);
      setF({ documentType: 'khac', title: '', number: '', issuer: '', issuedOn: '', validUntil: '' });
      await onAdded(title);
    } catch (err) {
      setError(err);
      if ((err as any)?.byField) setFieldErrors((err as any).byField(i18n.language));
      key.current = newKey();
    } finally {
      setBusy(false);
    }
  }

  const field = (k: keyof typeof f, label: string, type = 'text', required = false) => (
    <div>
      <label htmlFor={`store-${k}`}>{label}</label>
      <input id={`store-${k}`} type={type} value={f[k]} onChange={set(k)} required={required}
        aria-invalid={!!fieldErrors[k]} aria-describedby={fieldErrors[k] ? `store-${k}-err` : undefined} />
      {fieldErrors[k] && <div id={`store-${k}-err`} className="field-error">{fieldErrors[k]}</div>}
    </div>
  );

  return (
    <section className="card" aria-labelledby="h-store-add">
      <h2 id="h-store-add">{t('store.add')}</h2>
      <ErrorBox error={error} />
      <form onSubmit={save} noValidate={false}>
        <FileDrop label={t('store.file')} files={files} onChange={(x) => setFiles(x.slice(-1))} />
        {fieldErrors.fileId && <div className="field-error" role="alert">{fieldErrors.fileId}</div>}
        <label htmlFor="store-documentType">{t('store.kind')}</label>
        <select id="store-documentType" value={f.documentType} onChange={set('documentType')}>
          {types.map((x) => <option key={x.code} value={x.code}>{pick(x.name, x.nameEn)}</option>)}
        </select>
        {field('title', t('store.titleField'), 'text', true)}
        {field('number', t('store.number'))}
        {field('issuer', t('store.issuer'))}
        {field('issuedOn', t('store.issuedOn'), 'date')}
        {field('validUntil', t('store.validUntil'), 'date')}
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>{t('store.save')}</button>
        </div>
      </form>
    </section>
  );
}

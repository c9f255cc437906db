import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import { useSession } from '../session';
import { SECTORS } from './model';

interface Hit {
  code: string; name: string; nameEn: string; field: string; fieldEn: string; fieldCode: string; level: string; sector: string;
  onlineLevel: 'full' | 'partial'; deadline: { unit: string; value: number }; version: number;
}

const PAGE = 50;

/** /quan-tri/thu-tuc: the catalog for administrators — search, filter, open, copy, create. */
export default function CatalogList() {
  const { t } = useTranslation();
  const pick = useLocalName();
  const { hasCityRole } = useSession();
  const canEdit = hasCityRole('catalog_admin');
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<{ total: number; items: Hit[] } | null>(null);
  const [fields, setFields] = useState<{ code: string; name: string; nameEn: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState(params.get('q') ?? '');
  const page = Math.max(0, Number(params.get('trang') ?? '1') - 1);

  useEffect(() => {
    void get('/catalog/fields').then((r) => setFields(r.items)).catch(() => {});
  }, []);
  useEffect(() => {
    const s = new URLSearchParams({ limit: String(PAGE), offset: String(page * PAGE) });
    for (const k of ['q', 'field', 'sector', 'level', 'onlineLevel']) {
      const v = params.get(k);
      if (v) s.set(k, v);
    }
    const ctrl = new AbortController();
    setError(null);
    get(`/procedures?${s}`, ctrl.signal).then(setData, (e) => e.name !== 'AbortError' && setError(e));
    return () => ctrl.abort();
  }, [params, page]);
  // Typing searches after a short pause; the query lives in the address so a reload keeps it.
  useEffect(() => {
    const cur = params.get('q') ?? '';
    if (q.trim() === cur) return;
    // If a link was followed meanwhile (the route may still be loading), stay there.
    const here = window.location.pathname;
    const timer = setTimeout(() => { if (window.location.pathname === here) setFilter('q', q.trim()); }, 300);
    return () => clearTimeout(timer);
  }, [q]); // eslint-disable-line react-hooks/exhaustive-deps

  function setFilter(key: string, v: string) {
    const next = new URLSearchParams(params);
    if (key !== 'trang') next.delete('trang');
    if (v) next.set(key, v); else next.delete(key);
    setParams(next, { replace: key === 'q' });
  }
  const pages = data ? Math.ceil(Number(data.total) / PAGE) : 0;
  const deadline = (d: Hit['deadline']) => t(`adm.deadlines.${d.unit}`, { value: d.value });

  return (
    <Page title={t('adm.catalogTitle')} actions={canEdit ? <Link className="btn btn-primary" to="/quan-tri/thu-tuc/moi">+ {t('adm.newProcedure')}</Link> : undefined}>
      <nav aria-label={t('adm.breadcrumb')} className="adm-crumbs small"><Link to="/quan-tri">{t('adm.homeTitle')}</Link> › {t('adm.catalogTitle')}</nav>
      <form className="card adm-filters" role="search" onSubmit={(e) => { e.preventDefault(); setFilter('q', q.trim()); }}>
        <div className="adm-grid">
          <div className="adm-field span-2">
            <label htmlFor="cat-q">{t('adm.searchLabel')}</label>
            <input id="cat-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('adm.searchPlaceholder')} />
          </div>
          <div className="adm-field">
            <label htmlFor="cat-field">{t('adm.field')}</label>
            <select id="cat-field" value={params.get('field') ?? ''} onChange={(e) => setFilter('field', e.target.value)}>
              <option value="">{t('adm.all')}</option>
              {fields.map((f) => <option key={f.code} value={f.code}>{pick(f.name, f.nameEn)}</option>)}
            </select>
          </div>
          <div className="adm-field">
            <label htmlFor="cat-sector">{t('adm.sector')}</label>
            <select id="cat-sector" value={params.get('sector') ?? ''} onChange={(e) => setFilter('sector', e.target.value)}>
              <option value="">{t('adm.all')}</option>
              {SECTORS.map((s) => <option key={s} value={s}>{t(`adm.sectors.${s}`)}</option>)}
            </select>
          </div>
          <div className="adm-field">
            <label htmlFor="cat-level">{t('adm.level')}</label>
            <select id="cat-level" value={params.get('level') ?? ''} onChange={(e) => setFilter('level', e.target.value)}>
              <option value="">{t('adm.all')}</option>
              <option value="commune">{t('adm.levels.commune')}</option>
              <option value="province">{t('adm.levels.province')}</option>
            </select>
          </div>
          <div className="adm-field">
            <label htmlFor="cat-online">{t('adm.onlineLevel')}</label>
            <select id="cat-online" value={params.get('onlineLevel') ?? ''} onChange={(e) => setFilter('onlineLevel', e.target.value)}>
              <option value="">{t('adm.all')}</option>
              <option value="full">{t('adm.online.full')}</option>
              <option value="partial">{t('adm.online.partial')}</option>
            </select>
          </div>
        </div>
      </form>
      <ErrorBox error={error} />
      {!data ? <Loading /> : (
        <>
          <p className="muted" role="status">{t('adm.found', { count: Number(data.total) })}</p>
          {data.items.length > 0 && (
            <div className="table-wrap card adm-table-card">
              <table className="adm-catalog">
                <caption className="sr-only-label">{t('adm.catalogTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('adm.code')}</th><th scope="col">{t('adm.procName')}</th><th scope="col">{t('adm.field')}</th>
                    <th scope="col">{t('adm.level')}</th><th scope="col">{t('adm.deadline')}</th><th scope="col">{t('adm.onlineLevel')}</th>
                    <th scope="col">{t('adm.version')}</th><th scope="col"><span className="sr-only-label">{t('adm.actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((p) => (
                    <tr key={p.code}>
                      <td className="adm-mono adm-nowrap">{p.code}</td>
                      <td><Link to={`/quan-tri/thu-tuc/${encodeURIComponent(p.code)}`}>{pick(p.name, p.nameEn)}</Link></td>
                      <td>{pick(p.field, p.fieldEn)}</td>
                      <td className="adm-nowrap">{t(`adm.levels.${p.level}`)}</td>
                      <td className="adm-nowrap">{deadline(p.deadline)}</td>
                      <td><span className={`badge ${p.onlineLevel === 'full' ? 'badge-ok' : 'badge-info'}`}>{t(`adm.online.${p.onlineLevel}`)}</span></td>
                      <td>{p.version}</td>
                      <td className="adm-actions small">
                        {canEdit && <Link to={`/quan-tri/thu-tuc/moi?tu=${encodeURIComponent(p.code)}`} aria-label={t('adm.copyOf', { name: p.name })}>{t('adm.copy')}</Link>}
                        <a href={`/thu-tuc/${p.code}`} target="_blank" rel="noreferrer" aria-label={t('adm.publicOf', { name: p.name })}>{t('adm.public')}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.items.length === 0 && <p>{t('adm.nothingFound')}</p>}
          {pages > 1 && (
            <nav className="btn-row" aria-label={t('adm.pages')}>
              <button className="btn" disabled={page === 0} onClick={() => setFilter('trang', String(page))}>{t('adm.prev')}</button>
              <span className="adm-pageinfo">{t('adm.pageOf', { page: page + 1, pages })}</span>
              <button className="btn" disabled={page + 1 >= pages} onClick={() => setFilter('trang', String(page + 2))}>{t('adm.next')}</button>
            </nav>
          )}
          <p className="small muted">{t('adm.listNote')}</p>
        </>
      )}
    </Page>
  );
}

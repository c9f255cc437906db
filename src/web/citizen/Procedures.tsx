import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import { SearchBox } from './SearchBox';
import { InterconnectEntry } from '../interconnect/Entry';

export interface ProcedureHit {
  code: string; name: string; nameEn: string; field: string; fieldEn: string; fieldCode: string; level: string; sector: string;
  onlineLevel: 'full' | 'partial'; deadline: { unit: string; value: number };
}

export function DeadlineText({ d }: { d: { unit: string; value: number } }) {
  const { t } = useTranslation();
  return <>{t(`deadline.${d.unit}`, { value: d.value })}</>;
}

export default function Procedures() {
  const { t } = useTranslation();
  const pick = useLocalName();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<{ total: number; items: ProcedureHit[] } | null>(null);
  const [fields, setFields] = useState<{ code: string; name: string; nameEn: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const q = params.get('q') ?? '';
  useEffect(() => {
    void get('/catalog/fields').then((r) => setFields(r.items)).catch(() => {});
  }, []);
  useEffect(() => {
    const s = new URLSearchParams({ limit: '100' });
    if (q) s.set('q', q);
    for (const [ui, api] of [['linhVuc', 'field'], ['suKien', 'lifeEvent'], ['coQuan', 'sector'], ['cap', 'level'], ['mucDo', 'onlineLevel']]) {
      const v = params.get(ui);
      if (v) s.set(api, v);
    }
    setData(null);
    const ctrl = new AbortController();
    get(`/procedures?${s}`, ctrl.signal).then(setData, (e) => e.name !== 'AbortError' && setError(e));
    return () => ctrl.abort();
  }, [params, q]);
  const setFilter = (key: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(key, v); else next.delete(key);
    setParams(next);
  };
  return (
    <Page title={t('search.title')}>
      <SearchBox key={q} initial={q} />
      <InterconnectEntry compact lifeEvent={params.get('suKien')} />
      <div className="grid" style={{ marginTop: '.75rem' }}>
        <div>
          <label htmlFor="f-field">{t('search.filterField')}</label>
          <select id="f-field" value={params.get('linhVuc') ?? ''} onChange={(e) => setFilter('linhVuc', e.target.value)}>
            <option value="">{t('search.all')}</option>
            {fields.map((f) => <option key={f.code} value={f.code}>{pick(f.name, f.nameEn)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-level">{t('search.filterLevel')}</label>
          <select id="f-level" value={params.get('cap') ?? ''} onChange={(e) => setFilter('cap', e.target.value)}>
            <option value="">{t('search.all')}</option>
            <option value="commune">{t('level.commune')}</option>
            <option value="province">{t('level.province')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-online">{t('search.filterOnline')}</label>
          <select id="f-online" value={params.get('mucDo') ?? ''} onChange={(e) => setFilter('mucDo', e.target.value)}>
            <option value="">{t('search.all')}</option>
            <option value="full">{t('online.full')}</option>
            <option value="partial">{t('online.partial')}</option>
          </select>
        </div>
      </div>
      <ErrorBox error={error} />
      {!data ? <Loading /> : (
        <>
          <p className="muted" role="status">{t('search.results', { count: data.total })}</p>
          {data.items.length === 0 && <p>{t('search.nothing')}</p>}
          <ul className="result-list">
            {data.items.map((p) => (
              <li key={p.code}>
                <Link to={`/thu-tuc/${p.code}`}>{pick(p.name, p.nameEn)}</Link>
                <div className="small muted">
                  {pick(p.field, p.fieldEn)} · {t(`level.${p.level}`)} · <DeadlineText d={p.deadline} /> ·{' '}
                  <span className={`badge ${p.onlineLevel === 'full' ? 'badge-ok' : 'badge-info'}`}>{t(`online.${p.onlineLevel}`)}</span>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

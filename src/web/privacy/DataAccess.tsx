import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { fmtDateTime } from '../format';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import './privacy.css';

interface Entry {
  id: string;
  at: string;
  agency: { name: string; nameEn: string | null } | null;
  official: { title: string | null; name: string | null };
  object: { kind: string; label: string | null; dossierCode: string | null; description: { vi: string; en: string } };
  purpose: { code: string; name: string; nameEn: string; note: string | null };
  legalBasis: { vi: string; en: string };
}
interface Answer { total: number; limit: number; offset: number; policy: { showOfficialName: boolean; showOfficialTitle: boolean }; items: Entry[] }

const PAGE = 20;

/** "Ai đã xem dữ liệu của tôi": the citizen's own entries of the personal-data access log, newest first. */
export default function DataAccess() {
  const { t } = useTranslation();
  const pick = useLocalName();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('trang')) || 1);
  const [data, setData] = useState<Answer | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    get<Answer>(`/my/data-access?limit=${PAGE}&offset=${(page - 1) * PAGE}`, ctrl.signal).then(setData, (e) => e.name !== 'AbortError' && setError(e));
    return () => ctrl.abort();
  }, [page]);

  const go = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('trang', String(p)); else next.delete('trang');
    setParams(next);
    document.getElementById('main')?.focus();
  };

  return (
    <Page title={t('privacy.mine.title')}>
      <p className="muted">{t('privacy.mine.lead')}</p>
      <ErrorBox error={error} />
      {!data ? (!error && <Loading />) : data.total === 0 ? <p className="card">{t('privacy.mine.empty')}</p> : (
        <section className="card" aria-labelledby="pda-h">
          <h2 id="pda-h">{t('privacy.mine.count', { count: data.total })}</h2>
          {!data.policy.showOfficialName && <p className="small muted">{t('privacy.mine.hiddenName')}</p>}
          <ul className="pda-list">
            {data.items.map((e) => (
              <li key={e.id} className="pda-item" data-testid="data-access-entry">
                <div className="pda-when"><time dateTime={e.at}>{fmtDateTime(e.at)}</time></div>
                <dl>
                  <dt>{t('privacy.mine.agency')}</dt>
                  <dd>{e.agency ? pick(e.agency.name, e.agency.nameEn) : t('privacy.mine.noAgency')}</dd>
                  {(e.official.title || e.official.name) && (
                    <>
                      <dt>{t('privacy.mine.official')}</dt>
                      <dd>{[e.official.title, e.official.name].filter(Boolean).join(' — ')}</dd>
                    </>
                  )}
                  <dt>{t('privacy.mine.what')}</dt>
                  <dd>{pick(e.object.description.vi, e.object.description.en)}</dd>
                  <dt>{t('privacy.mine.purpose')}</dt>
                  <dd>{pick(e.purpose.name, e.purpose.nameEn)}{e.purpose.note ? <span className="muted"> — {e.purpose.note}</span> : null}</dd>
                  <dt>{t('privacy.mine.legal')}</dt>
                  <dd className="small muted">{pick(e.legalBasis.vi, e.legalBasis.en)}</dd>
                </dl>
              </li>
            ))}
          </ul>
          <nav className="pda-pager" aria-label={t('privacy.mine.title')}>
            <span className="small muted">{t('privacy.mine.showing', { from: data.offset + 1, to: data.offset + data.items.length, total: data.total })}</span>
            {page > 1 && <button type="button" className="btn" onClick={() => go(page - 1)}>{t('privacy.mine.prev')}</button>}
            {data.offset + data.items.length < data.total && <button type="button" className="btn" onClick={() => go(page + 1)}>{t('privacy.mine.next')}</button>}
          </nav>
          <p className="small muted">{t('privacy.mine.question')}</p>
        </section>
      )}
    </Page>
  );
}

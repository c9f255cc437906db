import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api';
import { fmtDate, fmtDateTime } from '../format';
import { ErrorBox, Loading, Page, StatusBadge, useLocalName } from '../components/ui';
import { MyApplications } from '../interconnect/MyApplications';

export default function MyDossiers() {
  const { t } = useTranslation();
  const [items, setItems] = useState<any[] | null>(null);
  const [drafts, setDrafts] = useState<any[]>([]);
  const [names, setNames] = useState<Record<string, { name: string; nameEn: string }>>({});
  const [error, setError] = useState<unknown>(null);
  const pick = useLocalName();
  useEffect(() => {
    get('/my/dossiers').then((r) => setItems(r.items), setError);
    get('/drafts').then(async (r) => {
      setDrafts(r.items);
      // A draft stores only the procedure's code: its name tells the applicant what they were applying for.
      const codes = [...new Set<string>(r.items.map((d: any) => d.procedureCode))];
      const procs = await Promise.all(codes.map((c) => get(`/procedures/${encodeURIComponent(c)}`).catch(() => null)));
      setNames(Object.fromEntries(procs.filter(Boolean).map((p: any) => [p.code, { name: p.name, nameEn: p.nameEn }])));
    }, () => {});
  }, []);
  return (
    <Page title={t('mine.title')}>
      <ErrorBox error={error} />
      {drafts.length > 0 && (
        <section className="card" aria-labelledby="h-drafts">
          <h2 id="h-drafts">{t('apply.drafts')}</h2>
          <ul className="result-list">
            {drafts.map((d) => (
              <li key={d.id}>
                <b>{names[d.procedureCode] ? pick(names[d.procedureCode].name, names[d.procedureCode].nameEn) : d.procedureCode}</b>
                <div className="muted small">{t('mine.procedureCode')}: {d.procedureCode} · {t('mine.draftSaved')}: {fmtDateTime(d.updatedAt)}</div>
                <div className="btn-row">
                  <Link className="btn" to={`/thu-tuc/${d.procedureCode}/nop-ho-so?nhap=${d.id}`}>{t('apply.resume')}</Link>
                  <button className="btn btn-danger" onClick={async () => { await api('DELETE', `/drafts/${d.id}`).catch((e) => { if (e?.status !== 404) throw e; }); setDrafts(drafts.filter((x) => x.id !== d.id)); }}>{t('apply.discard')}</button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <MyApplications />
      {!items ? <Loading /> : items.length === 0 ? <p>{t('mine.empty')}</p> : (
        <ul className="result-list card">
          {items.map((d) => (
            <li key={d.id}>
              <Link to={`/ho-so/${d.id}`}>{d.procedureName}</Link>
              <div className="small muted">{t('mine.code')}: {d.code} · {t('mine.submitted')}: {fmtDate(d.submittedAt)} · {t('mine.due')}: {fmtDate(d.dueAt)}</div>
              <StatusBadge status={d.status} name={d.statusName} />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

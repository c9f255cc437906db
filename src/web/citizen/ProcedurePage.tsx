import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { ProcedureFees } from '../payments/FeeQuote';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import { DeadlineText } from './Procedures';
import { useSession } from '../session';
import { EidLevelNotice } from './onceOnly';
import { DelegationNotice } from '../delegation/DelegationNotice';

export default function ProcedurePage() {
  const { code } = useParams();
  const { t } = useTranslation();
  const pick = useLocalName();
  const { me } = useSession();
  const [p, setP] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get(`/procedures/${encodeURIComponent(code!)}`).then(setP, setError);
  }, [code]);
  if (error) return <Page title={t('proc.notFound')}><ErrorBox error={error} /></Page>;
  if (!p) return <Loading />;
  return (
    <Page title={pick(p.name, p.nameEn)} actions={<Link className="btn btn-primary" to={`/thu-tuc/${p.code}/nop-ho-so`}>{t('proc.apply')}</Link>}>
      {/* First, before the details: a citizen whose e-ID level is too low learns it before anything else. */}
      {me?.kind === 'citizen' && (me.eidLevel ?? 0) < p.minEidLevel && <EidLevelNotice need={p.minEidLevel} have={me.eidLevel ?? 0} />}
      <div className="card">
        <dl className="facts">
          <dt>{t('proc.code')}</dt><dd>{p.code}</dd>
          <dt>{t('proc.field')}</dt><dd>{pick(p.field, p.fieldEn)}</dd>
          <dt>{t('proc.decides')}</dt><dd>{t(`sector.${p.sector}`)} — {t(`level.${p.level}`)}</dd>
          <dt>{t('proc.deadline')}</dt><dd><DeadlineText d={p.deadline} /></dd>
          <dt>{t('proc.fees')}</dt>
          <dd><ProcedureFees code={p.code} /></dd>
          <dt>{t('proc.online')}</dt><dd><span className={`badge ${p.onlineLevel === 'full' ? 'badge-ok' : 'badge-info'}`}>{t(`online.${p.onlineLevel}`)}</span></dd>
          <dt>{t('proc.result')}</dt><dd>{pick(p.resultType, p.resultTypeEn)}</dd>
          {p.minEidLevel > 0 && <><dt>{t('proc.eid')}</dt><dd>{t('proc.eidLevel', { level: p.minEidLevel })}</dd></>}
        </dl>
        {p.onlineLevel === 'partial' && <p className="alert alert-info">{t('proc.partialNote')}</p>}
      </div>
      <DelegationNotice code={p.code} />
      <section className="card" aria-labelledby="h-docs">
        <h2 id="h-docs">{t('proc.documents')}</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th>#</th><th>{t('proc.documents')}</th><th>{t('proc.kind')}</th><th>{t('proc.count')}</th></tr></thead>
            <tbody>
              {p.documents.map((d: any, i: number) => (
                <tr key={d.code}>
                  <td>{i + 1}</td>
                  <td>
                    {pick(d.name, d.nameEn)} {!d.required && <span className="muted small">({t('common.optional')})</span>}
                    {d.template === 'form' && <> — <a href={`/api/v1/procedures/${p.code}/form.pdf`}>{t('proc.template')}</a></>}
                    {d.note && <div className="small muted">{d.note}</div>}
                  </td>
                  <td>{t(`docKind.${d.kind}`)}</td>
                  <td>{d.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="h-process">
        <h2 id="h-process">{t('proc.process')}</h2>
        <ol>
          {p.process.map((s: any, i: number) => (
            <li key={i}>{pick(s.name, s.nameEn)} <span className="muted small">— {t(`deadline.${s.duration.unit}`, { value: s.duration.value })}</span></li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="h-where">
        <h2 id="h-where">{t('proc.where')}</h2>
        <p>{t('proc.whereText')}</p>
      </section>
      <section className="card" aria-labelledby="h-legal">
        <h2 id="h-legal">{t('proc.legal')}</h2>
        <ul>{p.legalBasis.map((l: string, i: number) => <li key={i}>{l}</li>)}</ul>
      </section>
    </Page>
  );
}

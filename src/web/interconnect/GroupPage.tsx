import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import { useSession } from '../session';
import { addStrings } from '../i18n';
import { citizenStrings } from '../citizen/locales';
import { EidLevelNotice } from '../citizen/onceOnly';
import { interconnectStrings } from './locales';
import { DeadlineWords, PartsFlow, useWithDeadlines } from './common';
import { docParts, type GroupDetail } from './types';

addStrings(citizenStrings);
addStrings(interconnectStrings);

/** /lien-thong/{code}: what the group gives, its parts as a dependency diagram with agencies and deadlines, documents, the refusal rule. */
export default function GroupPage() {
  const { code } = useParams();
  const { t } = useTranslation();
  const pick = useLocalName();
  const { me } = useSession();
  const [g, setG] = useState<GroupDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { get<GroupDetail>(`/interconnect/groups/${encodeURIComponent(code!)}`).then(setG, setError); }, [code]);
  const parts = useWithDeadlines(g?.parts);
  if (error) return <Page title={t('ic.notFound')}><ErrorBox error={error} /></Page>;
  if (!g) return <Loading />;
  const partName = (k: string) => { const p = g.parts.find((x) => x.key === k); return p ? pick(p.name, p.nameEn) : k; };
  return (
    <Page title={pick(g.name, g.nameEn)} actions={<Link className="btn btn-primary" to={`/lien-thong/${g.code}/nop-ho-so`}>{t('ic.apply')}</Link>}>
      {me?.kind === 'citizen' && (me.eidLevel ?? 0) < g.minEidLevel && <EidLevelNotice need={g.minEidLevel} have={me.eidLevel ?? 0} />}
      <section className="card" aria-labelledby="h-get">
        <h2 id="h-get">{t('ic.whatYouGet')}</h2>
        <p>{pick(g.summary, g.summaryEn)}</p>
        {g.minEidLevel > 0 && <p className="small muted">{t('proc.eid')}: {t('proc.eidLevel', { level: g.minEidLevel })}</p>}
      </section>
      <section className="card" aria-labelledby="h-flow">
        <h2 id="h-flow">{t('ic.howItGoes')}</h2>
        <PartsFlow
          parts={parts ?? g.parts} label={t('ic.howItGoes')}
          render={(p, n) => (
            <>
              <h3><span className="ic-step" aria-hidden="true">{n}</span>{pick(p.name, p.nameEn)}</h3>
              <dl className="facts small">
                <dt>{t('ic.agency')}</dt><dd>{pick(p.agencyLabel, p.agencyLabelEn)}{p.external ? <> <span className="badge badge-info">{t('ic.external')}</span></> : ` (${t(`ic.level.${p.level}`)})`}</dd>
                {p.deadline && <><dt>{t('ic.deadline')}</dt><dd><DeadlineWords d={p.deadline} /></dd></>}
                <dt>{t('ic.procedure')}</dt><dd>{p.external || !p.procedureCode ? p.procedureCode ?? '—' : <Link to={`/thu-tuc/${p.procedureCode}`}>{p.procedureCode}</Link>}</dd>
              </dl>
            </>
          )}
        />
      </section>
      <section className="card" aria-labelledby="h-docs">
        <h2 id="h-docs">{t('ic.documents')}</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th>#</th><th>{t('proc.documents')}</th><th>{t('proc.kind')}</th><th>{t('proc.count')}</th><th>{t('ic.usedBy')}</th></tr></thead>
            <tbody>
              {g.documents.map((d, i) => (
                <tr key={d.code}>
                  <td>{i + 1}</td>
                  <td>{pick(d.name, d.nameEn)} {!d.required && <span className="muted small">({t('common.optional')})</span>}{d.note && <div className="small muted">{d.note}</div>}</td>
                  <td>{t(`docKind.${d.kind}`, { defaultValue: d.kind })}</td>
                  <td>{d.count}</td>
                  <td className="small">{docParts(d).map(partName).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="h-rule">
        <h2 id="h-rule">{t('ic.refusalRule')}</h2>
        <p data-testid="refusal-rule">{pick(g.refusalRule.vi, g.refusalRule.en)}</p>
      </section>
      <section className="card" aria-labelledby="h-basis">
        <h2 id="h-basis">{t('ic.basis')}</h2>
        <ul>{g.basis.map((b, i) => <li key={i}>{b}</li>)}</ul>
      </section>
      <p><Link className="btn btn-primary" to={`/lien-thong/${g.code}/nop-ho-so`}>{t('ic.apply')}</Link></p>
    </Page>
  );
}

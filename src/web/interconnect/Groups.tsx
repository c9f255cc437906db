import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import { addStrings } from '../i18n';
import { citizenStrings } from '../citizen/locales';
import { interconnectStrings } from './locales';
import { DeadlineWords, PartsFlow, useWithDeadlines } from './common';
import type { Group } from './types';

addStrings(citizenStrings);
addStrings(interconnectStrings);

/** /lien-thong: every interconnected group with its parts in order. */
export default function Groups() {
  const { t } = useTranslation();
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { get<{ items: Group[] }>('/interconnect/groups').then((r) => setGroups(r.items), setError); }, []);
  return (
    <Page title={t('ic.listTitle')}>
      <p>{t('ic.listLead')}</p>
      <ErrorBox error={error} />
      {!groups ? (!error && <Loading />) : (
        <ul className="ic-groups" data-testid="interconnect-groups">
          {groups.map((g) => <GroupCard key={g.code} g={g} />)}
        </ul>
      )}
    </Page>
  );
}

function GroupCard({ g }: { g: Group }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const parts = useWithDeadlines(g.parts) ?? g.parts;
  return (
    <li className="card">
      <h2 style={{ fontSize: '1.15rem', marginTop: 0 }}><Link to={`/lien-thong/${g.code}`}>{pick(g.name, g.nameEn)}</Link></h2>
      <p className="small">{pick(g.summary, g.summaryEn)}</p>
      <PartsFlow
        parts={parts} label={t('ic.howItGoes')}
        render={(p, n) => (
          <>
            <div><span className="ic-step" aria-hidden="true">{n}</span><b>{pick(p.name, p.nameEn)}</b></div>
            <div className="small">{pick(p.agencyLabel, p.agencyLabelEn)}{p.deadline && <> · <DeadlineWords d={p.deadline} /></>}</div>
          </>
        )}
      />
    </li>
  );
}

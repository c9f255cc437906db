import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { useLocalName } from '../components/ui';
import { addStrings } from '../i18n';
import { interconnectEntryStrings } from './locales';
import type { Group } from './types';

addStrings(interconnectEntryStrings);

/** The way in from the home page and the procedure list: "one application, several agencies", with each group linked. */
export function InterconnectEntry({ compact = false, lifeEvent }: { compact?: boolean; lifeEvent?: string | null }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const [groups, setGroups] = useState<Group[]>([]);
  useEffect(() => {
    void get<{ items: Group[] }>('/interconnect/groups').then((r) => setGroups(r.items)).catch(() => {});
  }, []);
  if (compact) {
    // Browsing a life event (e.g. a birth): the groups for that event are named.
    const matching = lifeEvent ? groups.filter((g) => g.lifeEvent === lifeEvent) : [];
    return (
      <div className="alert alert-info" data-testid="interconnect-entry">
        <b>{t('ic.entryTitle')}</b>: {t('ic.entryLead')}{' '}
        {matching.map((g) => <span key={g.code}><Link to={`/lien-thong/${g.code}`}>{pick(g.name, g.nameEn)}</Link> · </span>)}
        <Link to="/lien-thong">{t('ic.entryAll')}</Link>
      </div>
    );
  }
  return (
    <section aria-labelledby="h-interconnect" className="card" data-testid="interconnect-entry">
      <h2 id="h-interconnect">{t('ic.entryTitle')}</h2>
      <p>{t('ic.entryLead')}</p>
      {groups.length > 0 && (
        <ul className="chips">
          {groups.map((g) => <li key={g.code}><Link to={`/lien-thong/${g.code}`}>{pick(g.name, g.nameEn)}</Link></li>)}
        </ul>
      )}
      <p><Link to="/lien-thong">{t('ic.entryAll')}</Link></p>
    </section>
  );
}

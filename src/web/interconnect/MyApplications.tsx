import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { fmtDate } from '../format';
import { useLocalName } from '../components/ui';
import { AppStatusBadge, PartStateBadge } from './common';
import type { ApplicationSummary } from './types';

/** "Hồ sơ của tôi": the citizen's interconnected applications, each with its parts' states. Nothing shown when there are none. */
export function MyApplications() {
  const { t } = useTranslation();
  const pick = useLocalName();
  const [items, setItems] = useState<ApplicationSummary[]>([]);
  useEffect(() => { get<{ items: ApplicationSummary[] }>('/my/interconnect-applications').then((r) => setItems(r.items), () => {}); }, []);
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="h-ic-mine" data-testid="my-interconnect">
      <h2 id="h-ic-mine">{t('ic.mineTitle')}</h2>
      <ul className="result-list">
        {items.map((a) => (
          <li key={a.id}>
            <Link to={`/ho-so-lien-thong/${a.id}`}>{pick(a.groupName, a.groupNameEn)}</Link>
            <div className="small muted">{t('mine.code')}: {a.code} · {t('mine.submitted')}: {fmtDate(a.submittedAt)}</div>
            <AppStatusBadge status={a.status} />
            <ul className="ic-summary-parts">
              {a.parts.map((p) => <li key={p.key} className="small">{pick(p.name, p.nameEn)}: <PartStateBadge state={p.state} /></li>)}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

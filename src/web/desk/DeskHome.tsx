import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { useSession } from '../session';
import { ErrorBox, Page, useLocalName } from '../components/ui';

interface QueueAgency { code: string; name: string; nameEn: string }

/** The desk's start page: the officer's pages, and the public devices (kiosk, board) of each agency. */
export default function DeskHome() {
  const { t } = useTranslation();
  const pick = useLocalName();
  const { me, hasRole } = useSession();
  const [agencies, setAgencies] = useState<QueueAgency[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    get<{ items: QueueAgency[] }>('/public/queue/agencies').then((r) => setAgencies(r.items), setError);
  }, []);
  const isDesk = me?.kind === 'staff' && hasRole('desk_officer');
  // The officer's own agencies first.
  const mine = new Set(me?.roles.filter((r) => r.role === 'desk_officer').map((r) => r.unitCode?.replace(/\.desk$/, '')) ?? []);
  const sorted = [...(agencies ?? [])].sort((a, b) => Number(mine.has(b.code)) - Number(mine.has(a.code)));
  return (
    <Page title={t('desk.home.title')}>
      <p className="muted">{t('desk.home.lead')}</p>
      {isDesk ? (
        <ul className="desk-cards" role="list">
          <li><Link className="desk-card" to="/mot-cua/tiep-nhan"><b>{t('desk.home.reception')}</b><span>{t('desk.home.receptionLead')}</span></Link></li>
          <li><Link className="desk-card" to="/mot-cua/quay"><b>{t('desk.home.counter')}</b><span>{t('desk.home.counterLead')}</span></Link></li>
          <li><Link className="desk-card" to="/mot-cua/tra-ket-qua"><b>{t('desk.home.returns')}</b><span>{t('desk.home.returnsLead')}</span></Link></li>
        </ul>
      ) : (
        <div className="card narrow">
          <p>{t('desk.needDesk')}</p>
          {me?.kind !== 'staff' && <Link className="btn btn-primary" to="/dang-nhap?next=%2Fmot-cua">{t('desk.signInDesk')}</Link>}
        </div>
      )}
      <section className="card" aria-labelledby="desk-devices">
        <h2 id="desk-devices">{t('desk.home.devices')}</h2>
        <p className="muted small">{t('desk.home.devicesLead')}</p>
        <ErrorBox error={error} />
        {agencies && agencies.length === 0 && <p>{t('desk.home.noQueues')}</p>}
        <ul className="desk-device-list">
          {sorted.map((a) => (
            <li key={a.code}>
              <span className="desk-device-name">{pick(a.name, a.nameEn)} <span className="muted small">{a.code}</span></span>
              <span className="btn-row desk-device-links">
                <Link className="btn" to={`/mot-cua/kiosk/${a.code}`} aria-label={`${t('desk.home.kiosk')} — ${pick(a.name, a.nameEn)}`}>{t('desk.home.kiosk')}</Link>
                <Link className="btn" to={`/mot-cua/man-hinh/${a.code}`} aria-label={`${t('desk.home.board')} — ${pick(a.name, a.nameEn)}`}>{t('desk.home.board')}</Link>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

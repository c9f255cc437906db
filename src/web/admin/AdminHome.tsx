import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { Page, useLocalName } from '../components/ui';
import { useSession } from '../session';
import { todayLocal } from './model';
import { ddmm } from './calendar/dates';
import { DelegationHomeCards } from './delegations/HomeCards';
import { StaffHomeCard } from './users/HomeCard';
import { ConnectorHomeCard } from './connectors/HomeCard';

/** /quan-tri: where an administrator starts. */
export default function AdminHome() {
  const { t } = useTranslation();
  const pick = useLocalName();
  const { hasCityRole } = useSession();
  const [total, setTotal] = useState<number | null>(null);
  const [cal, setCal] = useState<{ source: string; next?: { date: string; name: string; nameEn: string } } | null>(null);
  useEffect(() => {
    void get('/procedures?limit=1').then((r) => setTotal(Number(r.total))).catch(() => {});
    const today = todayLocal();
    const y = Number(today.slice(0, 4));
    void Promise.all([get(`/calendar/years/${y}`), get(`/calendar/years/${y + 1}`)]).then(([a, b]) => {
      const next = [...a.daysOff, ...b.daysOff].find((d: any) => d.date >= today);
      setCal({ source: a.source, next });
    }).catch(() => {});
  }, []);
  return (
    <Page title={t('adm.homeTitle')}>
      <p className="muted">{t('adm.homeLead')}</p>
      <div className="adm-home">
        <section className="card" aria-labelledby="h-home-cat">
          <h2 id="h-home-cat"><Link to="/quan-tri/thu-tuc">{t('adm.catalogTitle')}</Link></h2>
          <p>{t('adm.homeCatalog')}</p>
          {total !== null && <p className="small muted">{t('adm.homeCount', { count: total })}</p>}
          <div className="btn-row">
            <Link className="btn btn-primary" to="/quan-tri/thu-tuc">{t('adm.openCatalog')}</Link>
            {hasCityRole('catalog_admin') && <Link className="btn" to="/quan-tri/thu-tuc/moi">+ {t('adm.newProcedure')}</Link>}
          </div>
        </section>
        <section className="card" aria-labelledby="h-home-cal">
          <h2 id="h-home-cal"><Link to="/quan-tri/lich">{t('adm.calTitle')}</Link></h2>
          <p>{t('adm.homeCalendar')}</p>
          {cal && (
            <p className="small muted">
              {t(`adm.source.${cal.source}`)}
              {cal.next && <> · {t('adm.nextOff', { date: ddmm(cal.next.date), name: pick(cal.next.name, cal.next.nameEn) })}</>}
            </p>
          )}
          <div className="btn-row">
            <Link className="btn btn-primary" to="/quan-tri/lich">{t('adm.openCalendar')}</Link>
          </div>
        </section>
        <DelegationHomeCards />
        <StaffHomeCard />
        <ConnectorHomeCard />
      </div>
    </Page>
  );
}

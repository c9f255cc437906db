import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { useLocalName } from '../components/ui';
import { SearchBox } from './SearchBox';
import { addStrings } from '../i18n';
import { citizenStrings } from './locales';
import { InterconnectEntry } from '../interconnect/Entry';

addStrings(citizenStrings);

interface Named { code: string; name: string; nameEn: string }
const SECTORS = ['people_committee', 'police', 'social_insurance', 'agriculture_environment', 'finance', 'education', 'home_affairs', 'tax', 'notary'];

export default function Home() {
  const { t } = useTranslation();
  const pick = useLocalName();
  const [events, setEvents] = useState<Named[]>([]);
  const [fields, setFields] = useState<Named[]>([]);
  useEffect(() => {
    void get<{ items: Named[] }>('/catalog/life-events').then((r) => setEvents(r.items)).catch(() => {});
    void get<{ items: Named[] }>('/catalog/fields').then((r) => setFields(r.items)).catch(() => {});
  }, []);
  return (
    <>
      <div className="hero">
        <h1>{t('home.title')}</h1>
        <p>{t('home.lead')}</p>
        <SearchBox />
      </div>
      <section aria-labelledby="h-events" className="card">
        <h2 id="h-events">{t('home.lifeEvents')}</h2>
        <ul className="chips">
          {events.map((e) => <li key={e.code}><Link to={`/thu-tuc?suKien=${e.code}`}>{pick(e.name, e.nameEn)}</Link></li>)}
        </ul>
      </section>
      <InterconnectEntry />
      <section aria-labelledby="h-fields" className="card">
        <h2 id="h-fields">{t('home.fields')}</h2>
        <ul className="chips">
          {fields.map((f) => <li key={f.code}><Link to={`/thu-tuc?linhVuc=${f.code}`}>{pick(f.name, f.nameEn)}</Link></li>)}
        </ul>
      </section>
      <section aria-labelledby="h-agencies" className="card">
        <h2 id="h-agencies">{t('home.agencies')}</h2>
        <ul className="chips">
          {SECTORS.map((s) => <li key={s}><Link to={`/thu-tuc?coQuan=${s}`}>{t(`sector.${s}`)}</Link></li>)}
        </ul>
      </section>
      <section className="card">
        <h2>{t('home.trackTitle')}</h2>
        <p>{t('home.trackLead')}</p>
        <Link className="btn" to="/tra-cuu">{t('nav.track')}</Link>
      </section>
    </>
  );
}

import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addStrings } from '../../i18n';
import { useSession } from '../../session';
import { connectorStrings } from './locales';

addStrings(connectorStrings);

/** The administration home's card for external-agency connections (system administrators). */
export function ConnectorHomeCard() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  if (!hasRole('system_admin', 'supervisor')) return null;
  return (
    <section className="card" aria-labelledby="h-home-con">
      <h2 id="h-home-con"><Link to="/quan-tri/ket-noi">{t('con.title')}</Link></h2>
      <p>{t('con.homeLead')}</p>
      <div className="btn-row"><Link className="btn btn-primary" to="/quan-tri/ket-noi">{t('con.open')}</Link></div>
    </section>
  );
}

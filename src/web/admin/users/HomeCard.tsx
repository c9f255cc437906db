import './strings';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';

/** The administration home's card for staff accounts (system administrators only). */
export function StaffHomeCard() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  if (!hasRole('system_admin')) return null;
  return (
    <section className="card" aria-labelledby="h-home-staff">
      <h2 id="h-home-staff"><Link to="/quan-tri/can-bo">{t('usr.title')}</Link></h2>
      <p>{t('usr.homeLead')}</p>
      <div className="btn-row">
        <Link className="btn btn-primary" to="/quan-tri/can-bo">{t('usr.open')}</Link>
        <Link className="btn" to="/quan-tri/nhat-ky-dang-nhap">{t('usr.openAudit')}</Link>
      </div>
    </section>
  );
}

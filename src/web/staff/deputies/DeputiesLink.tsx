import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addStrings } from '../../i18n';
import { deputyStrings } from './locales';

addStrings(deputyStrings);

/** A small link to the personal-delegation page, on the officials' pages (not on the page itself). */
export function DeputiesLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (pathname.endsWith('/uy-quyen-ca-nhan')) return null;
  return <p className="small no-print" style={{ textAlign: 'right', margin: '0.25rem 0 0' }}><Link to="/can-bo/uy-quyen-ca-nhan">{t('dep.link')}</Link></p>;
}

import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';
import { addStrings } from '../../i18n';
import { delegationStrings } from './locales';
import { reorgStrings } from '../reorganisation/locales';

addStrings(delegationStrings);
addStrings(reorgStrings);

/** The administration home's cards for delegations of authority and (system administrators) mergers. */
export function DelegationHomeCards() {
  const { t } = useTranslation();
  const { hasCityRole } = useSession();
  return (
    <>
      <section className="card" aria-labelledby="h-home-dlg">
        <h2 id="h-home-dlg"><Link to="/quan-tri/uy-quyen">{t('dlg.title')}</Link></h2>
        <p>{t('dlg.homeCard')}</p>
        <div className="btn-row"><Link className="btn btn-primary" to="/quan-tri/uy-quyen">{t('dlg.open')}</Link></div>
      </section>
      {hasCityRole('system_admin') && (
        <section className="card" aria-labelledby="h-home-reorg">
          <h2 id="h-home-reorg"><Link to="/quan-tri/sap-xep-don-vi">{t('reorg.title')}</Link></h2>
          <p>{t('reorg.homeCard')}</p>
          <div className="btn-row"><Link className="btn btn-primary" to="/quan-tri/sap-xep-don-vi">{t('reorg.open')}</Link></div>
        </section>
      )}
    </>
  );
}

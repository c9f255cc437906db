import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addStrings } from '../i18n';
import { Page } from '../components/ui';
import { staffStrings } from './locales';
import Inbox from './Inbox';
import DossierPage from './DossierPage';
import Supervision from './Supervision';
import AccessLog from '../privacy/AccessLog';
import DeputiesPage from './deputies/DeputiesPage';
import Reconciliation from '../payments/Reconciliation';

addStrings(staffStrings);

function NotFound() {
  const { t } = useTranslation();
  return <Page title="404"><p>{t('staff.notFound')}</p></Page>;
}

/** The officials' workspace under /can-bo (signed-in staff only; see main.tsx). */
export default function StaffArea() {
  return (
    <div className="staff-area">
      <Routes>
        <Route index element={<Inbox />} />
        <Route path="ho-so/:id" element={<DossierPage />} />
        <Route path="giam-sat" element={<Supervision />} />
        <Route path="nhat-ky-truy-cap" element={<AccessLog />} />
        <Route path="uy-quyen-ca-nhan" element={<DeputiesPage />} />
        <Route path="doi-soat-thanh-toan" element={<Reconciliation />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
